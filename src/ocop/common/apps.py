from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    name = "ocop.common"
    label = "common"
    verbose_name = _("Common")

    def ready(self) -> None:
        from ocop.common import db

        db.install_connection_hooks()
