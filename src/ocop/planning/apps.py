from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "ocop.planning"
    label = "planning"
    verbose_name = _("Plans and targets")

    def ready(self):
        # The built-in indicators register themselves on import; other apps register theirs in their own ready().
        from ocop.planning.domain import indicators  # noqa: F401
        from ocop.planning.domain.figures import register_output_count
        from ocop.planning.domain.output_indicators import output_count

        register_output_count(output_count)  # task outputs counted in stamps read stamps_issued
