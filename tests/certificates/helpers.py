"""Certificates built through the domain functions, for the certificate and public-page tests."""

import datetime
from decimal import Decimal

from django.utils import timezone

from ocop.certificates.domain.issuing import issue_certificate, record_decision, register_certificate_from_records
from ocop.certificates.enums import RecognitionLevel
from ocop.common.dates import add_months

VALIDITY_MONTHS = 36  # under every rule set since QĐ 1048/2019
_numbers = iter(range(100, 10_000))


def days_ago(days: int) -> datetime.date:
    """A day relative to today: ``registered(product, days_ago(365))`` is valid today and not expiring soon."""
    return timezone.localdate() - datetime.timedelta(days=days)


def decided_to_expire_in(days: int) -> datetime.date:
    """The decision date of a certificate that expires ``days`` after today: that day less its 36 months."""
    return add_months(timezone.localdate() + datetime.timedelta(days=days), -VALIDITY_MONTHS)


def registered(product, day: datetime.date, stars: int = 3, *, level=RecognitionLevel.PROVINCE, number=None):
    return register_certificate_from_records(
        actor=None,
        product=product,
        stars=stars,
        decision_number=number or f"{next(_numbers)}/QĐ-UBND",
        decided_on=day,
        level=level,
        score=Decimal("72.50") if stars == 4 else Decimal("61.25"),
        issuing_body="UBND tỉnh Ninh Thuận" if level != RecognitionLevel.DISTRICT else "UBND huyện Ninh Phước",
    )


def decided(day: datetime.date, *, level=RecognitionLevel.PROVINCE, body="UBND tỉnh Khánh Hòa"):
    return record_decision(
        actor=None,
        number=f"{next(_numbers)}/QĐ-UBND",
        decided_on=day,
        level=level,
        issuing_body=body,
        signer_name="Nguyễn Văn Tuấn",
        signer_title="Phó Chủ tịch",
    )


def issued(product, day: datetime.date, stars: int = 4, score=Decimal("78.25")):
    return issue_certificate(actor=None, decision=decided(day), product=product, stars=stars, score=score)
