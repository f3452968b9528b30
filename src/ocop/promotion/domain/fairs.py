"""Fairs and trade events: the event, the producers invited, the products registered (only with a certificate in
force on the fair's first day), their booths and what they came home with (contracts, sales)."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from ocop.certificates.domain.validity import current_certificate, latest_certificates
from ocop.common.domain.activity import log_action, user_or_none
from ocop.common.domain.changes import apply_changes
from ocop.common.domain.locking import lock
from ocop.common.domain.notifications import notify
from ocop.common.text import clean_text, fold
from ocop.promotion.domain.recipients import producer_accounts
from ocop.promotion.models import Fair, FairInvitation, FairRegistration

FIELDS = ("name", "place", "unit", "venue", "starts_on", "ends_on", "organiser", "task", "budget")


def _day(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


def _checked(values: dict) -> dict:
    values = dict(values)
    for name in ("name", "place", "venue", "organiser"):
        values[name] = clean_text(values.get(name))
    problems: dict[str, str] = {}
    if not values["name"]:
        problems["name"] = _("Give the fair a name.")
    if not values["place"]:
        problems["place"] = _("Say in which province or city the fair is held.")
    if not values["organiser"]:
        problems["organiser"] = _("Say who organises the fair.")
    starts, ends = values.get("starts_on"), values.get("ends_on")
    if not isinstance(starts, datetime.date):
        problems["starts_on"] = _("Give the fair's first day.")
    if not isinstance(ends, datetime.date):
        problems["ends_on"] = _("Give the fair's last day.")
    elif isinstance(starts, datetime.date) and ends < starts:
        problems["ends_on"] = _("The fair cannot end before it starts (%(day)s).") % {"day": _day(starts)}
    budget = values.get("budget")
    if budget is not None and Decimal(budget) < 0:
        problems["budget"] = _("The budget cannot be negative.")
    if problems:
        raise ValidationError(problems)
    return values


@transaction.atomic
def create_fair(*, actor, **values) -> Fair:
    values = _checked({name: values.get(name) for name in FIELDS})
    fair = Fair.objects.create(**values, search_name=fold(values["name"]))
    log_action(
        actor=actor,
        verb="promotion.fair_created",
        target=fair,
        data={"starts_on": fair.starts_on.isoformat(), "ends_on": fair.ends_on.isoformat(), "place": fair.place},
    )
    return fair


@transaction.atomic
def update_fair(*, actor, fair: Fair, **values) -> Fair:
    lock(fair)
    current = {name: getattr(fair, name) for name in FIELDS}
    values = _checked({**current, **{name: value for name, value in values.items() if name in FIELDS}})
    if values["starts_on"] != fair.starts_on and fair.registrations.exists():
        # The registrations were checked against the first day: moving it would leave them unchecked.
        raise ValidationError(
            {"starts_on": _("Products are registered for this fair: its first day can no longer change.")}
        )
    changed = apply_changes(fair, values, FIELDS)
    fair.search_name = fold(fair.name)
    fair.save()
    if changed:
        log_action(actor=actor, verb="promotion.fair_changed", target=fair, data=changed)
    return fair


@transaction.atomic
def invite_producers(*, actor, fair: Fair, producers) -> list[FairInvitation]:
    """Invite producers (those already invited are left as they are) and tell their accounts."""
    producers = list(producers or [])
    if not producers:
        raise ValidationError({"producers": _("Choose at least one producer to invite.")})
    lock(fair)
    already = set(fair.invitations.values_list("producer_id", flat=True))
    new = [FairInvitation(fair=fair, producer=producer) for producer in producers if producer.pk not in already]
    FairInvitation.objects.bulk_create(new)
    if new:
        notify(
            recipients=producer_accounts(invitation.producer_id for invitation in new),
            verb="promotion.invited",
            message=_("You are invited to the fair %(name)s (%(place)s, %(starts)s–%(ends)s).")
            % {"name": fair.name, "place": fair.place, "starts": _day(fair.starts_on), "ends": _day(fair.ends_on)},
            url=reverse("backoffice:fair_detail", args=[fair.pk]),
        )
        log_action(
            actor=actor,
            verb="promotion.producers_invited",
            target=fair,
            data={"producers": [invitation.producer.name for invitation in new]},
        )
    return new


def certificate_for_fair(product, fair: Fair):
    """The product's certificate in force on the fair's first day, or a ValidationError saying why there is none."""
    certificate = current_certificate(product, fair.starts_on)
    if certificate is not None:
        return certificate
    latest = latest_certificates(product).first()
    first_day = _day(fair.starts_on)
    if latest is None:
        raise ValidationError(
            _("%(product)s has no OCOP certificate: only certified products can be registered for a fair.")
            % {"product": product.name}
        )
    if latest.valid_until < fair.starts_on:
        raise ValidationError(
            _(
                "Certificate %(number)s of %(product)s expired on %(until)s, before the fair's first day "
                "(%(day)s): only a product with a certificate in force can be registered."
            )
            % {"number": latest.number, "product": product.name, "until": _day(latest.valid_until), "day": first_day}
        )
    raise ValidationError(
        _("Certificate %(number)s of %(product)s is not in force on the fair's first day (%(day)s).")
        % {"number": latest.number, "product": product.name, "day": first_day}
    )


@transaction.atomic
def register_product(*, actor, fair: Fair, product, booth: str = "") -> FairRegistration:
    lock(fair)
    if product.withdrawn_on is not None:
        raise ValidationError(_("%(product)s has been withdrawn from the registry.") % {"product": product.name})
    if fair.registrations.filter(product=product).exists():
        raise ValidationError(_("%(product)s is already registered for this fair.") % {"product": product.name})
    certificate = certificate_for_fair(product, fair)
    registration = FairRegistration.objects.create(
        fair=fair,
        product=product,
        producer_id=product.producer_id,
        certificate=certificate,
        booth=clean_text(booth),
        registered_by=user_or_none(actor),
    )
    log_action(
        actor=actor,
        verb="promotion.product_registered",
        target=registration,
        data={"fair": fair.name, "product": product.name, "certificate": certificate.number},
    )
    return registration


@transaction.atomic
def record_results(
    *, actor, registration: FairRegistration, booth: str = "", contracts_signed=None, sales=None
) -> FairRegistration:
    """The booth given and, after the fair, the contracts signed and the sales reported (VND)."""
    lock(registration)
    problems = {}
    if contracts_signed is not None and contracts_signed < 0:
        problems["contracts_signed"] = _("The number of contracts cannot be negative.")
    if sales is not None and Decimal(sales) < 0:
        problems["sales"] = _("Sales cannot be negative.")
    if problems:
        raise ValidationError(problems)
    changed = apply_changes(
        registration,
        {"booth": clean_text(booth), "contracts_signed": contracts_signed, "sales": sales},
        ("booth", "contracts_signed", "sales"),
    )
    if changed:
        registration.save()
        log_action(actor=actor, verb="promotion.results_recorded", target=registration, data=changed)
    return registration
