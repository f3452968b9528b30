from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PromotionConfig(AppConfig):
    name = "ocop.promotion"
    label = "promotion"
    verbose_name = _("Trade promotion")

    def ready(self):
        # Planning's indicators and task outputs read the sales points and fairs from here (planning sits below).
        from ocop.promotion.domain.indicators import register

        register()
