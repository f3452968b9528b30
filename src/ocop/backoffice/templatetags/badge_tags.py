"""One badge for every status: its colour comes from the one table below, its words from the status's own choices."""

from django import template
from django.utils.html import format_html

from ocop.certificates.enums import STATUS_TONE, CertificateStatus
from ocop.planning.enums import TaskStatus
from ocop.reports.models import ReportStatus

register = template.Library()

# The colour of each status: ok (green), warn (amber), bad (red), off (grey).
BADGES = {
    "certificate": (CertificateStatus, STATUS_TONE),  # the public pages colour their check the same way
    "task": (
        TaskStatus,
        {
            TaskStatus.DONE: "ok",
            TaskStatus.IN_PROGRESS: "warn",
            TaskStatus.CANCELLED: "bad",
            TaskStatus.NOT_STARTED: "off",
        },
    ),
    "report": (ReportStatus, {ReportStatus.ISSUED: "ok", ReportStatus.DRAFT: "off"}),
}


@register.simple_tag
def status_badge(kind: str, value) -> str:
    """``{% status_badge "task" task.status %}``: the status in words on its colour ("" for an unknown value)."""
    choices, tones = BADGES[kind]
    try:
        status = choices(value)
    except ValueError:
        return ""
    return format_html('<span class="badge {} {}-{}">{}</span>', tones[status], kind, status.value, status.label)
