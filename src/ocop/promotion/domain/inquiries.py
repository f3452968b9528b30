"""Buyer inquiries (kết nối cung – cầu): a buyer without an account asks for a product; the system finds the
certified products that match and routes the inquiry to their producers only; each producer answers in the system;
the office reads the response rates.

Matching, one rule: a product matches when its certificate is in force on the day the inquiry arrives, it is not
withdrawn, and the buyer's words (folded: no accents, đ → d) appear one after the other in its name or description
("nước mắm" matches "Nước mắm cá cơm Cà Ná", not "Muối ớt chấm hải sản" nor "nước ép nho"); when the buyer chose a
product set, only products of that set; when the buyer chose a province, only products of producers in it (either
era: the communes of the former Ninh Thuận are in today's Khánh Hòa)."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.certificates.domain.validity import in_force
from ocop.certificates.models import Certificate
from ocop.common.domain.activity import log_action
from ocop.common.domain.locking import lock
from ocop.common.domain.notifications import notify
from ocop.common.text import clean_lines, clean_text, fold
from ocop.geo.domain.queries import scope_unit_ids
from ocop.producers.models import Product
from ocop.promotion.domain.recipients import producer_accounts
from ocop.promotion.enums import InquiryState
from ocop.promotion.models import BuyerInquiry, InquiryRoute

_WORD = re.compile(r"[a-z0-9]+")
MAX_WORDS = 8


def words_of(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def _phrase_in(phrase: list[str], text: str) -> bool:
    return f" {' '.join(phrase)} " in f" {' '.join(words_of(text))} "


def matching_products(
    product_type: str, *, product_set: int | None = None, province=None, day: datetime.date | None = None
) -> list[Product]:
    """The certified products an inquiry for ``product_type`` reaches (the rule in the module's docstring)."""
    phrase = words_of(product_type)[:MAX_WORDS]
    if not phrase:
        return []
    day = day or timezone.localdate()
    certified = in_force(Certificate.objects.all(), day).values("product")
    products = Product.objects.filter(withdrawn_on__isnull=True, pk__in=certified)
    if product_set:
        products = products.filter(product_set=product_set)
    if province is not None:
        products = products.filter(producer__unit__in=scope_unit_ids(province))
    # Descriptions have no folded column: the phrase is checked here, over the certified products only.
    return [
        product
        for product in products.only("pk", "name", "description", "producer_id").order_by("producer_id", "pk")
        if _phrase_in(phrase, product.name) or _phrase_in(phrase, product.description)
    ]


def _checked(values: dict) -> dict:
    values = {
        "buyer_name": clean_text(values.get("buyer_name")),
        "contact": clean_text(values.get("contact")),
        "product_type": clean_text(values.get("product_type")),
        "product_set": values.get("product_set"),
        "volume": clean_text(values.get("volume")),
        "province": values.get("province"),
        "message": clean_lines(values.get("message")),
    }
    problems = {}
    if not values["buyer_name"]:
        problems["buyer_name"] = _("Tell the producers who you are.")
    if not values["contact"]:
        problems["contact"] = _("Give a phone number or an e-mail address the producers can answer.")
    if not words_of(values["product_type"]):
        problems["product_type"] = _("Say which product you are looking for, in words.")
    if problems:
        raise ValidationError(problems)
    return values


@transaction.atomic
def receive_inquiry(**values) -> BuyerInquiry:
    """Keep the inquiry and route it to the producers of the matching products, each told in the system."""
    values = _checked(values)
    inquiry = BuyerInquiry.objects.create(**values)
    matches = matching_products(values["product_type"], product_set=values["product_set"], province=values["province"])
    by_producer: dict[int, list[Product]] = {}
    for product in matches:
        by_producer.setdefault(product.producer_id, []).append(product)
    routes = InquiryRoute.objects.bulk_create(
        InquiryRoute(inquiry=inquiry, producer_id=producer_id) for producer_id in by_producer
    )
    InquiryRoute.products.through.objects.bulk_create(
        InquiryRoute.products.through(inquiryroute_id=route.pk, product_id=product.pk)
        for route in routes
        for product in by_producer[route.producer_id]
    )
    if routes:
        notify(
            recipients=producer_accounts(by_producer),
            verb="promotion.inquiry_routed",
            message=_("A buyer is looking for %(product)s: answer in the system.") % {"product": inquiry.product_type},
            url=reverse("backoffice:inquiry_detail", args=[inquiry.pk]),
        )
    log_action(
        actor=None,
        verb="promotion.inquiry_received",
        target=inquiry,
        data={"product_type": inquiry.product_type, "producers": len(routes), "products": len(matches)},
    )
    return inquiry


@transaction.atomic
def answer_inquiry(*, actor, route: InquiryRoute, answer: str) -> InquiryRoute:
    answer = clean_lines(answer)
    if not answer:
        raise ValidationError({"answer": _("Write your answer to the buyer.")})
    lock(route)
    if route.state == InquiryState.ANSWERED:
        raise ValidationError(_("This inquiry has already been answered."))
    route.state, route.answer = InquiryState.ANSWERED, answer
    route.answered_at, route.answered_by = timezone.now(), actor
    route.save(update_fields=["state", "answer", "answered_at", "answered_by"])
    log_action(
        actor=actor, verb="promotion.inquiry_answered", target=route.inquiry, data={"producer": route.producer_id}
    )
    return route


def response_rates(routes: QuerySet[InquiryRoute]) -> dict:
    """Answered of routed, overall and by producer (most routed first): what the office watches."""
    rows = list(
        routes.order_by()
        .values("producer", "producer__name")
        .annotate(routed=Count("pk"), answered=Count("pk", filter=Q(state=InquiryState.ANSWERED)))
        .order_by("-routed", "producer__name")
    )
    routed = sum(row["routed"] for row in rows)
    answered = sum(row["answered"] for row in rows)
    for row in rows:
        row["rate"] = round(100 * row["answered"] / row["routed"]) if row["routed"] else None
    return {
        "routed": routed,
        "answered": answered,
        "rate": round(100 * answered / routed) if routed else None,
        "by_producer": rows,
    }
