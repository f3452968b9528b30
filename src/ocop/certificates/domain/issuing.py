"""Issuing certificates. Issued certificates are immutable: every path that makes one goes through here.

A new certificate for a product whose certificate is still in force replaces it (an upgrade, a re-evaluation, a
correction); both stay in the product's history. A revoked certificate is never replaced: it stays revoked.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ocop.certificates.domain import validity
from ocop.certificates.domain.publication import certificates_changed, unit_path
from ocop.certificates.enums import RECOGNISED_STARS, IssueBasis, RecognitionLevel
from ocop.certificates.models import Certificate, RecognitionDecision
from ocop.common.dates import add_months
from ocop.common.domain.activity import log_action
from ocop.common.domain.locking import lock
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


def certificate_in_force_on(product, day: datetime.date) -> Certificate | None:
    """The certificate a new one issued on ``day`` replaces: issued before, not replaced, not revoked, not lapsed."""
    return (
        Certificate.objects.filter(
            product=product,
            replaced_by__isnull=True,
            revocation__isnull=True,
            issued_on__lte=day,
        )
        .exclude(validity.expired(day))
        .order_by("-issued_on", "-id")
        .first()
    )


def snapshot(product) -> dict:
    """What a certificate prints about the product and its producer, copied when it is issued."""
    producer = product.producer
    return {
        "product_name": product.name,
        "product_set": product.product_set,
        "producer_name": producer.name,
        "producer_address": ", ".join(part for part in (producer.address, unit_path(producer.unit)) if part)[:400],
    }


def _check_stars(stars: int) -> None:
    if stars not in RECOGNISED_STARS:
        raise ValidationError({"stars": _("Only 3, 4 or 5 stars are recognised.")})


def _check_product(product) -> None:
    if product.withdrawn_on:
        raise ValidationError(_("The product was withdrawn: it cannot be certified."), code="withdrawn")


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
    _check_stars(stars)
    lock(product)  # one certificate number, one predecessor: issues for a product go one at a time
    if not decision_number:
        raise ValidationError({"decision_number": _("Give the number of the recognition decision.")})
    decision = RecognitionDecision.objects.filter(
        number=decision_number,
        decided_on=decided_on,
        issuing_body=clean_text(issuing_body) or ISSUING_BODIES[RecognitionLevel(level)],
    ).first()
    if decision is None:
        decision = RecognitionDecision.objects.create(
            number=decision_number,
            decided_on=decided_on,
            issuing_body=clean_text(issuing_body) or ISSUING_BODIES[RecognitionLevel(level)],
            level=level,
            rule_set=rule_set_in_force(decided_on).identifier,
            created_by=actor if getattr(actor, "pk", None) else None,
            is_generated=is_generated,
        )
    if decision.certificates.filter(product=product).exists():
        raise ValidationError(_("This decision already recognises this product."))
    previous = certificate_in_force_on(product, decided_on)
    certificate = Certificate.objects.create(
        number=certificate_number(product, decided_on),
        decision=decision,
        product=product,
        producer=product.producer,
        stars=stars,
        score=score,
        issued_on=decided_on,
        valid_until=validity_end(decided_on),
        replaces=previous,
        registered_from_records=True,
        is_generated=is_generated,
        **snapshot(product),
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
            "replaces": previous.number if previous else None,
        },
    )
    certificates_changed(product_ids=[product.pk], numbers=[certificate.number])
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
    is_generated: bool = False,
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
        is_generated=is_generated,
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
    *, actor, decision: RecognitionDecision, product, stars: int, score: Decimal | None, is_generated: bool = False
) -> Certificate:
    """Issue the certificate a decision grants. A product's certificate still in force is replaced by it (an upgrade
    or a re-evaluation), and both stay in the product's history."""
    _check_stars(stars)
    lock(product)  # one certificate number, one predecessor: issues for a product go one at a time
    _check_product(product)
    if decision.certificates.filter(product=product).exists():
        raise ValidationError(_("This decision already recognises this product."))
    previous = certificate_in_force_on(product, decision.decided_on)
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
        is_generated=is_generated,
        **snapshot(product),
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
    certificates_changed(product_ids=[product.pk], numbers=[certificate.number])
    return certificate


@transaction.atomic
def correct_certificate(
    *,
    actor,
    certificate: Certificate,
    number: str,
    decided_on: datetime.date,
    issuing_body: str,
    reason: str,
    signer_name: str = "",
    signer_title: str = "",
    is_generated: bool = False,
) -> Certificate:
    """Correct a certificate in force (a misspelt name, a changed address): a correcting decision issues a new
    certificate with the registry's current details, the same stars, score and validity; it replaces the old one and
    both stay in the history."""
    from ocop.certificates.domain.status import certificate_status

    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say what is corrected.")})
    lock(certificate.product)  # two corrections at once: the second finds the certificate replaced
    if certificate_in_force_on(certificate.product, decided_on) != certificate:
        raise ValidationError(
            _("Only the certificate in force can be corrected; this one is %(status)s.")
            % {"status": certificate_status(certificate).label.lower()},
            code="not_in_force",
        )
    _check_product(certificate.product)
    decision = record_decision(
        actor=actor,
        number=number,
        decided_on=decided_on,
        level=certificate.decision.level,
        issuing_body=issuing_body,
        signer_name=signer_name,
        signer_title=signer_title,
        is_generated=is_generated,
    )
    product = certificate.product
    corrected = Certificate.objects.create(
        number=certificate_number(product, decided_on),
        decision=decision,
        product=product,
        producer=product.producer,
        stars=certificate.stars,
        score=certificate.score,
        issued_on=decided_on,
        valid_until=certificate.valid_until,
        replaces=certificate,
        basis=IssueBasis.CORRECTION,
        correction_reason=reason,
        is_generated=is_generated,
        **snapshot(product),
    )
    log_action(
        actor=actor,
        verb="certificates.corrected",
        target=corrected,
        data={"replaces": certificate.number, "decision": decision.number, "reason": reason},
    )
    certificates_changed(product_ids=[product.pk], numbers=[corrected.number])
    return corrected
