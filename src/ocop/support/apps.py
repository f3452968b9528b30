from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportConfig(AppConfig):
    name = "ocop.support"
    label = "support"
    verbose_name = _("Programme support")

    def ready(self):
        # Planning's indicators, task outputs and funding figures read the classes, IP cases and funding records
        # from here (planning sits below support and never imports it).
        from ocop.support.domain.indicators import register

        register()
