"""Excel exports of certificate lists (whatever the list's filters selected)."""

from collections.abc import Iterator

from django.utils.translation import gettext as _

from ocop.certificates.enums import CertificateStatus
from ocop.common.xlsx import Column, Sheet, list_workbook
from ocop.producers import product_sets


def certificates_workbook(certificates, title: str = "") -> Iterator[bytes]:
    """``certificates`` carry the status annotation (certificates.domain.status.with_status)."""
    columns = [
        Column(_("Certificate number"), lambda c: c.number, 26),
        Column(_("Status"), lambda c: CertificateStatus(c.status).label, 18),
        Column(_("Product"), lambda c: c.product_name, 36),
        Column(_("OCOP product code"), lambda c: c.product.code, 20),
        Column(_("Product set"), lambda c: product_sets.BY_NUMBER[c.product_set or c.product.product_set].label, 30),
        Column(_("Producer"), lambda c: c.producer_name, 36),
        Column(_("Commune"), lambda c: c.producer.unit.name, 22),
        Column(
            _("District / province"), lambda c: c.producer.unit.parent.name if c.producer.unit.parent_id else "", 22
        ),
        Column(_("Stars"), lambda c: c.stars, 8),
        Column(_("Score"), lambda c: c.score, 10),
        Column(_("Decision number"), lambda c: c.decision.number, 18),
        Column(_("Decision date"), lambda c: c.decision.decided_on, 14),
        Column(_("Issuing body"), lambda c: c.decision.issuing_body, 28),
        Column(_("Issued on"), lambda c: c.issued_on, 14),
        Column(_("Valid until"), lambda c: c.valid_until, 14),
        Column(_("Registered from earlier records"), lambda c: c.registered_from_records, 12),
        Column(_("Generated demo record"), lambda c: c.is_generated, 10),
    ]
    return list_workbook(Sheet(_("Certificates"), columns, certificates, title=title))
