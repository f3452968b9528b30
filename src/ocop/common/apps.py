from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    name = "ocop.common"
    label = "common"
    verbose_name = _("Common")

    def ready(self) -> None:
        from django.db.models import fields

        from ocop.common import db

        db.install_connection_hooks()
        # The empty choice of every select; Django's own label has no Vietnamese translation.
        fields.BLANK_CHOICE_LABEL = _("— Select —")
