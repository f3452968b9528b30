"""One badge for every status: its colour comes from the one table below, its words from the status's own choices."""

from django import template
from django.utils.html import format_html

from ocop.certificates.enums import STATUS_TONE, CertificateStatus
from ocop.planning.domain.assessment import LIGHT_OF
from ocop.planning.enums import Light, Progress, TaskStatus
from ocop.producers.models import ImportBatch
from ocop.reports.models import ReportStatus
from ocop.traceability.enums import BatchStatus

register = template.Library()

# The colour of each status: ok (green), warn (amber), bad (red), off (grey).
LIGHT_TONE = {Light.GREEN: "ok", Light.AMBER: "warn", Light.RED: "bad", Light.GREY: "off"}
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
    "progress": (Progress, {progress: LIGHT_TONE[light] for progress, light in LIGHT_OF.items()}),
    "stamps": (
        BatchStatus,
        {BatchStatus.ISSUED: "ok", BatchStatus.REQUESTED: "warn", BatchStatus.REFUSED: "bad"},
    ),
    "import": (
        ImportBatch.Status,
        {ImportBatch.Status.APPLIED: "ok", ImportBatch.Status.CHECKED: "warn", ImportBatch.Status.REJECTED: "bad"},
    ),
}


@register.simple_tag
def status_badge(kind: str, value, label: str = "") -> str:
    """``{% status_badge "task" task.status %}``: the status in words on its colour ("" for an unknown value).

    ``label`` gives the words an issued paper froze; a target's progress also shows its traffic light."""
    choices, tones = BADGES[kind]
    try:
        status = choices(value)
    except ValueError:
        return ""
    words = label or status.label
    if kind == "progress":
        light = format_html('<span class="light light-{}" aria-hidden="true"></span> ', LIGHT_OF[status].value)
        words = format_html("{}{}", light, words)
    return format_html('<span class="badge {} {}-{}">{}</span>', tones[status], kind, status.value, words)
