"""The national portal's screen: its list filters, the form for the portal's answer, the list's workbook."""

import datetime
from collections.abc import Iterator

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ocop.common.xlsx import Column, Sheet, list_workbook
from ocop.producers.interfaces.forms import ListFilterForm
from ocop.traceability.enums import SyncStatus

NOT_SENT = "new"  # a product with trace data whose record was never prepared nor sent: no PortalSync row yet
NOT_SENT_LABEL = pgettext_lazy("national portal", "Not sent yet")
# The colour of each standing: ok (green), warn (amber), bad (red), off (grey).
TONE = {SyncStatus.SYNCED: "ok", SyncStatus.SENT: "off", SyncStatus.PENDING: "warn", SyncStatus.FAILED: "bad"}


class PortalFilterForm(ListFilterForm):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All statuses")), *SyncStatus.choices, (NOT_SENT, NOT_SENT_LABEL)],
        required=False,
    )

    search_fields = ("search_name", "code", "producer__search_name")
    unit_field = "producer__unit"

    def filter_more(self, queryset, data):
        if data.get("status") == NOT_SENT:
            return queryset.filter(portal_sync__isnull=True)
        return queryset.filter(portal_sync__status=data["status"]) if data.get("status") else queryset


class PortalAnswerForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("The portal's answer"),
        choices=[("ok", _("Taken up by the portal")), ("failed", _("Refused by the portal"))],
        widget=forms.RadioSelect,
    )
    message = forms.CharField(label=_("What the portal said"), max_length=500, required=False)


def standing(product) -> dict:
    """How a product of the list stands with the portal, in words and colour."""
    sync = getattr(product, "portal_sync", None)
    if sync is None:
        return {"label": NOT_SENT_LABEL, "tone": "warn", "sync": None}
    return {"label": sync.get_status_display(), "tone": TONE[sync.status], "sync": sync}


def portal_workbook(products) -> Iterator[bytes]:
    """``products`` with their producer and their ``portal_sync`` read along."""
    columns = [
        Column(_("OCOP product code"), lambda p: p.code, 20),
        Column(_("Name"), lambda p: p.name, 36),
        Column(_("Producer"), lambda p: p.producer.name, 36),
        Column(_("Status"), lambda p: str(standing(p)["label"]), 28),
        Column(_("Sent on"), lambda p: _day(_sync(p, "sent_at")), 14),
        Column(_("Answered on"), lambda p: _day(_sync(p, "answered_at")), 14),
        Column(_("Portal's message"), lambda p: _sync(p, "message"), 40),
    ]
    return list_workbook(Sheet(_("National traceability portal"), columns, products))


def _sync(product, field: str):
    sync = getattr(product, "portal_sync", None)
    return getattr(sync, field) if sync is not None else None


def _day(moment: datetime.datetime | None) -> datetime.date | None:
    return timezone.localdate(moment) if moment else None
