from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DossiersConfig(AppConfig):
    name = "ocop.dossiers"
    label = "dossiers"
    verbose_name = _("Dossiers and the OCOP cycle")

    def ready(self):
        from ocop.dossiers.domain import reevaluation
        from ocop.dossiers.domain.queries import producers_sent_to_the_ministry
        from ocop.producers.domain.queries import register_reach

        reevaluation.connect()
        register_reach(producers_sent_to_the_ministry)
