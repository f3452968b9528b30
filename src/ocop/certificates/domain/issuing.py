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
from ocop.evaluation.domain.rule_sets import rule_set_in_force, rule_set_named

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


@transaction.atomic
def record_decision(
    *,
    actor,
    number: str,
    decided_on: datetime.date,
    level: str,
    issuing_body: str,
    signer_name: str = "",
    signer_title: str = "",
    rule_set=None,
) -> RecognitionDecision:
    """A recognition decision signed by the competent level; its certificates are issued with issue_certificate."""
    number = clean_text(number)
    if not number:
        raise ValidationError({"number": _("Give the number of the recognition decision.")})
    if RecognitionDecision.objects.filter(number=number, decided_on=decided_on, issuing_body=issuing_body).exists():
        raise ValidationError({"number": _("This decision is already recorded.")})
    decision = RecognitionDecision.objects.create(
        number=number,
        decided_on=decided_on,
        level=RecognitionLevel(level),
        issuing_body=clean_text(issuing_body),
        signer_name=clean_text(signer_name),
        signer_title=clean_text(signer_title),
        rule_set=(rule_set or rule_set_in_force(decided_on)).identifier,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    log_action(
        actor=actor,
        verb="certificates.decision_recorded",
        target=decision,
        data={"number": number, "decided_on": decided_on, "level": level},
    )
    return decision


@transaction.atomic
def issue_certificate(
    *, actor, decision: RecognitionDecision, product, stars: int, score: Decimal | None
) -> Certificate:
    """Issue the certificate a decision grants. A product's certificate still in force is replaced by it (an upgrade
    or a re-evaluation), and both stay in the product's history."""
    if stars not in RECOGNISED_STARS:
        raise ValidationError({"stars": _("Only 3, 4 or 5 stars are recognised.")})
    if decision.certificates.filter(product=product).exists():
        raise ValidationError(_("This decision already recognises this product."))
    previous = (
        Certificate.objects.filter(product=product, replaced_by__isnull=True, valid_until__gte=decision.decided_on)
        .order_by("-issued_on", "-id")
        .first()
    )
    certificate = Certificate.objects.create(
        number=certificate_number(product, decision.decided_on),
        decision=decision,
        product=product,
        producer=product.producer,
        stars=stars,
        score=score,
        issued_on=decision.decided_on,
        valid_until=add_months(decision.decided_on, rule_set_named(decision.rule_set).certificate_validity_months),
        replaces=previous,
    )
    log_action(
        actor=actor,
        verb="certificates.issued",
        target=certificate,
        data={
            "product": product.code,
            "stars": stars,
            "score": score,
            "decision": decision.number,
            "replaces": previous.number if previous else None,
            "valid_until": certificate.valid_until,
        },
    )
    return certificate
