from django import template
from django.utils.html import format_html

from ocop.certificates.enums import STATUS_TONE, CertificateStatus

register = template.Library()


@register.filter
def certificate_status(code) -> str:
    """A certificate's status as a coloured badge ("Còn hiệu lực", "Đã thu hồi"…)."""
    try:
        status = CertificateStatus(code)
    except ValueError:
        return ""
    return format_html('<span class="badge {} cstatus-{}">{}</span>', STATUS_TONE[status], status.value, status.label)
