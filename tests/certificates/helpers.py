"""Certificates built through the domain functions, for the certificate and public-page tests."""

import datetime
from decimal import Decimal

from ocop.certificates.domain.issuing import issue_certificate, record_decision, register_certificate_from_records
from ocop.certificates.enums import RecognitionLevel

TODAY = datetime.date(2026, 11, 28)
_numbers = iter(range(100, 10_000))


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
