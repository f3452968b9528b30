from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilsConfig(AppConfig):
    name = "ocop.councils"
    label = "councils"
    verbose_name = _("Evaluation councils")

    def ready(self):
        from ocop.councils.domain.queries import council_dossiers
        from ocop.dossiers.domain.queries import register_visibility

        register_visibility(council_dossiers)
