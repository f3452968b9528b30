"""Issuing certificates. Issued certificates are immutable: every path that makes one goes through here."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ocop.certificates.enums import RECOGNISED_STARS, RecognitionLevel
from ocop.certificates.models import Certificate, RecognitionDecision
from ocop.common.dates import add_months
from ocop.common.domain.activity import log_action
from ocop.common.text import clean_text
from ocop.evaluation.domain.rule_sets import rule_set_in_force

ISSUING_BODIES = {
    RecognitionLevel.DISTRICT: "UBND cấp huyện",
    RecognitionLevel.PROVINCE: "UBND cấp tỉnh",
    RecognitionLevel.CENTRAL: "Bộ Nông nghiệp và Môi trường",
}


def recorded_decisions(product_ids) -> set[tuple[int, str]]:
    """(product, decision number) pairs already recorded, to recognise a re-import."""
    return set(Certificate.objects.filter(product_id__in=product_ids).values_list("product_id", "decision__number"))


def certificate_number(product, decided_on: datetime.date) -> str:
    base = f"{product.code}/{decided_on.year}"
    taken = set(Certificate.objects.filter(number__startswith=base).values_list("number", flat=True))
    if base not in taken:
        return base
    return next(f"{base}-{n}" for n in range(2, len(taken) + 3) if f"{base}-{n}" not in taken)


def validity_end(decided_on: datetime.date) -> datetime.date:
    """Valid for the months the rules in force on the decision date give (36 under QĐ 148 and QĐ 26)."""
    return add_months(decided_on, rule_set_in_force(decided_on).certificate_validity_months)


@transaction.atomic
def register_certificate_from_records(
    *,
    actor,
    product,
    stars: int,
    decision_number: str,
    decided_on: datetime.date,
    level: str = RecognitionLevel.PROVINCE,
    score: Decimal | None = None,
    issuing_body: str = "",
    is_generated: bool = False,
) -> Certificate:
    """Enter a certificate issued before the system, from its recognition decision."""
    decision_number = clean_text(decision_number)
    if stars not in RECOGNISED_STARS:
        raise ValidationError({"stars": _("Only 3, 4 or 5 stars are recognised.")})
    if not decision_number:
        raise ValidationError({"decision_number": _("Give the number of the recognition decision.")})
    decision, _created = RecognitionDecision.objects.get_or_create(
        number=decision_number,
        decided_on=decided_on,
        issuing_body=clean_text(issuing_body) or ISSUING_BODIES[RecognitionLevel(level)],
        defaults={
            "level": level,
            "rule_set": rule_set_in_force(decided_on).identifier,
            "created_by": actor if getattr(actor, "pk", None) else None,
            "is_generated": is_generated,
        },
    )
    if decision.certificates.filter(product=product).exists():
        raise ValidationError(_("This decision already recognises this product."))
    certificate = Certificate.objects.create(
        number=certificate_number(product, decided_on),
        decision=decision,
        product=product,
        producer=product.producer,
        stars=stars,
        score=score,
        issued_on=decided_on,
        valid_until=validity_end(decided_on),
        registered_from_records=True,
        is_generated=is_generated,
    )
    log_action(
        actor=actor,
        verb="certificates.registered_from_records",
        target=certificate,
        data={
            "product": product.code,
            "stars": stars,
            "decision": decision_number,
            "valid_until": certificate.valid_until,
        },
    )
    return certificate
