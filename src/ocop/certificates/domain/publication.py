"""What the public pages show, read from the cache first.

Three kinds of entries, each for one day (the day is part of the key, so a certificate turns "expired" at midnight
without anyone invalidating anything):

- a **certificate card** per certificate number: the certificate, its status, its revocation or suspension, and the
  history of the product's certificates; a number that does not exist is remembered as such too;
- a **producer card** per producer;
- the **catalogue**: every product whose certificate is in force, with what its filters need.

Building an entry reads the database once or twice; every later request reads the cache only. Whatever changes what
an entry shows invalidates it after the change commits: the certificate domain functions call
``certificates_changed``, and receivers connected in ``CertificatesConfig.ready`` do the same when a product or a
producer is saved (and dossiers' ``reevaluation.connect`` when a dossier that makes a certificate "under
re-evaluation" is).

With several server processes the cache must be shared (``OCOP_CACHE_URL``) for invalidation to reach all of them;
``OCOP_PUBLIC_CACHE_SECONDS`` (default 600) bounds how long a process-local cache can lag.
"""

import datetime
import hashlib
import re
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone

from ocop.certificates.domain.status import with_status
from ocop.certificates.enums import IN_FORCE_STATUSES
from ocop.certificates.models import Certificate, Suspension
from ocop.common.text import fold, vi_sort_key

PREFIX = "ocop:public:v2"  # v2: kept pages hold their headers (public.page_cache)
NOT_FOUND = {"found": False}
# Certificate numbers are the product code, the year and an optional sequence: 58-22882-001-2024/2024-2.
NUMBER_PATTERN = re.compile(r"^[0-9A-Z][0-9A-Z./-]{2,59}$")


def cache_seconds() -> int:
    return int(getattr(settings, "OCOP_PUBLIC_CACHE_SECONDS", 600))


def normalise_number(raw: str | None) -> str | None:
    """The number as stored (no spaces, capitals), or None when it cannot be a certificate number at all."""
    number = "".join((raw or "").split()).upper()
    return number if NUMBER_PATTERN.match(number) else None


def _key(kind: str, ident, day: datetime.date) -> str:
    return f"{PREFIX}:{kind}:{ident}:{day.isoformat()}"


def _cached(key: str, build):
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, NOT_FOUND if value is None else value, cache_seconds())
    return None if value == NOT_FOUND else value


# Certificate cards ------------------------------------------------------------------------------------------------


def certificate_card(number: str, today: datetime.date | None = None) -> dict | None:
    """What the public check page shows for ``number`` (already normalised), or None when there is no such number."""
    today = today or timezone.localdate()
    return _cached(_key("certificate", number, today), lambda: _build_certificate_card(number, today))


def _active_suspension(field: str, today: datetime.date):
    running = Suspension.objects.filter(certificate=OuterRef("pk"), starts_on__lte=today).filter(
        Q(lifted_on__isnull=True) | Q(lifted_on__gt=today)
    )
    return Subquery(running.order_by("-starts_on").values(field)[:1])


def _decision(certificate: Certificate) -> dict:
    decision = certificate.decision
    return {
        "number": decision.number,
        "decided_on": decision.decided_on,
        "issuing_body": decision.issuing_body,
        "level": decision.level,
    }


def _revocation(certificate: Certificate, today: datetime.date) -> dict | None:
    revocation = getattr(certificate, "revocation", None)
    if revocation is None or revocation.decided_on > today:
        return None
    return {
        "number": revocation.number,
        "decided_on": revocation.decided_on,
        "issuing_body": revocation.issuing_body,
        "ground": revocation.proposal.ground,
        "reason": revocation.public_reason,
    }


def _build_certificate_card(number: str, today: datetime.date) -> dict | None:
    """One query: every certificate of the product the number belongs to, with its status."""
    product = Certificate.objects.filter(number=number).values("product_id")[:1]
    chain = list(
        with_status(Certificate.objects.filter(product_id=Subquery(product)), today)
        .select_related("decision", "product", "revocation__proposal")
        .annotate(
            suspended_since=_active_suspension("starts_on", today),
            suspended_until=_active_suspension("until", today),
            suspension_reason=_active_suspension("reason", today),
        )
        .order_by("-issued_on", "-pk")
    )
    certificate = next((c for c in chain if c.number == number), None)
    if certificate is None:
        return None
    numbers = {c.pk: c.number for c in chain}
    replaced_by = {c.replaces_id: c.number for c in chain if c.replaces_id}
    current = next((c.number for c in chain if c.pk not in replaced_by), certificate.number)
    return {
        "found": True,
        "number": certificate.number,
        "status": certificate.status,
        "stars": certificate.stars,
        "score": certificate.score,
        "product_name": certificate.product_name or certificate.product.name,
        "product_code": certificate.product.code,
        "product_set": certificate.product_set or certificate.product.product_set,
        "producer_id": certificate.producer_id,
        "producer_name": certificate.producer_name,
        "producer_address": certificate.producer_address,
        "issued_on": certificate.issued_on,
        "valid_until": certificate.valid_until,
        "basis": certificate.basis,
        "correction_reason": certificate.correction_reason,
        "registered_from_records": certificate.registered_from_records,
        "is_generated": certificate.is_generated,
        "decision": _decision(certificate),
        "revocation": _revocation(certificate, today),
        "suspension": {
            "since": certificate.suspended_since,
            "until": certificate.suspended_until,
            "reason": certificate.suspension_reason,
        }
        if certificate.suspended_since
        else None,
        "replaces": numbers.get(certificate.replaces_id),
        "replaced_by": replaced_by.get(certificate.pk),
        "current": current,
        "history": [
            {
                "number": c.number,
                "stars": c.stars,
                "issued_on": c.issued_on,
                "valid_until": c.valid_until,
                "status": c.status,
                "basis": c.basis,
                "decision": c.decision.number,
            }
            for c in chain
        ],
    }


# Producer cards ---------------------------------------------------------------------------------------------------


def producer_card(producer_id: int, today: datetime.date | None = None) -> dict | None:
    """A producer's public page: who it is, its products in force, and its earlier certificates."""
    today = today or timezone.localdate()
    return _cached(_key("producer", producer_id, today), lambda: _build_producer_card(producer_id, today))


def unit_path(unit) -> str:
    """ "Xã Phước Thuận, Huyện Ninh Phước, Tỉnh Ninh Thuận": the unit and the units above it."""
    names = []
    while unit is not None:
        names.append(unit.name)
        unit = unit.parent
    return ", ".join(names)


def _build_producer_card(producer_id: int, today: datetime.date) -> dict | None:
    from ocop.producers.models import Producer

    producer = Producer.objects.select_related("unit__parent__parent").filter(pk=producer_id).first()
    if producer is None:
        return None
    certificates = list(
        with_status(producer.certificates.all(), today).select_related("product").order_by("-issued_on", "-pk")
    )
    if not certificates:
        return None
    rows = [
        {
            "number": c.number,
            "product_name": c.product_name or c.product.name,
            "product_code": c.product.code,
            "product_set": c.product_set or c.product.product_set,
            "stars": c.stars,
            "issued_on": c.issued_on,
            "valid_until": c.valid_until,
            "status": c.status,
            "listed": c.status in IN_FORCE_STATUSES and c.product.withdrawn_on is None,
        }
        for c in certificates
    ]
    return {
        "found": True,
        "id": producer.pk,
        "name": producer.name,
        "legal_form": producer.legal_form,
        "address": ", ".join(part for part in (producer.address, unit_path(producer.unit)) if part),
        "commune": producer.unit.name,
        "website": producer.website,
        "is_generated": producer.is_generated,
        # As in the catalogue: a product the producer withdrew is not offered, whatever its certificate says.
        "in_force": [row for row in rows if row["listed"]],
        "earlier": [row for row in rows if not row["listed"]],
    }


# The catalogue ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Area:
    id: int
    name: str
    parent: str
    era: str
    level: str


def catalogue(today: datetime.date | None = None) -> dict:
    """Every product whose certificate is in force today, newest stars first, and the areas they are in."""
    today = today or timezone.localdate()
    return _cached(_key("catalogue", "all", today), lambda: _build_catalogue(today))


def _areas_of(commune_ids: set[int]) -> tuple[dict[int, frozenset[int]], list[Area]]:
    """For each commune, the units (of both eras, communes and former districts) a filter may reach it through."""
    from ocop.geo.enums import UnitLevel
    from ocop.geo.models import AdministrativeUnit, UnitSuccession

    links = list(
        UnitSuccession.objects.filter(Q(predecessor_id__in=commune_ids) | Q(successor_id__in=commune_ids)).values_list(
            "predecessor_id", "successor_id"
        )
    )
    related = {unit_id for pair in links for unit_id in pair} | commune_ids
    units = {u.pk: u for u in AdministrativeUnit.objects.filter(pk__in=related).select_related("parent")}
    reach: dict[int, set[int]] = {commune_id: {commune_id} for commune_id in commune_ids}
    for predecessor, successor in links:
        for commune_id, other in ((predecessor, successor), (successor, predecessor)):
            if commune_id in reach:
                reach[commune_id].add(other)
    areas: dict[int, Area] = {}
    result: dict[int, frozenset[int]] = {}
    for commune_id, unit_ids in reach.items():
        expanded = set(unit_ids)
        for unit_id in unit_ids:
            unit = units.get(unit_id)
            if unit is not None and unit.parent is not None and unit.parent.level == UnitLevel.DISTRICT:
                expanded.add(unit.parent_id)
                areas.setdefault(unit.parent_id, _area(unit.parent))
        for unit_id in unit_ids:
            if unit_id in units:
                areas.setdefault(unit_id, _area(units[unit_id]))
        result[commune_id] = frozenset(expanded)
    ordered = sorted(areas.values(), key=lambda area: (area.era != "from_2025", area.level, vi_sort_key(area.name)))
    return result, ordered


def _area(unit) -> Area:
    parent = unit.parent.name if unit.parent is not None and unit.level == "commune" else ""
    return Area(id=unit.pk, name=unit.name, parent=parent, era=unit.era, level=unit.level)


def _build_catalogue(today: datetime.date) -> dict:
    certificates = (
        with_status(Certificate.objects.filter(product__withdrawn_on__isnull=True), today)
        .filter(status__in=[status.value for status in IN_FORCE_STATUSES])
        .select_related("product", "producer__unit__parent")
        .order_by("-issued_on", "-pk")
    )
    rows, seen = [], set()
    for c in certificates:
        if c.product_id in seen:  # two certificates registered out of order: the newest counts
            continue
        seen.add(c.product_id)
        name = c.product_name or c.product.name
        commune = c.producer.unit
        rows.append(
            {
                "number": c.number,
                "product_name": name,
                "product_code": c.product.code,
                "product_set": c.product_set or c.product.product_set,
                "stars": c.stars,
                "valid_until": c.valid_until,
                "status": c.status,
                "producer_id": c.producer_id,
                "producer_name": c.producer_name or c.producer.name,
                "commune_id": commune.pk,
                "commune": commune.name,
                "district": commune.parent.name if commune.parent and commune.parent.level == "district" else "",
                "search": fold(" ".join([name, c.producer_name or c.producer.name, commune.name, c.product.code])),
                "is_generated": c.is_generated,
            }
        )
    reach, areas = _areas_of({row["commune_id"] for row in rows})
    for row in rows:
        row["areas"] = reach.get(row["commune_id"], frozenset())
    rows.sort(key=lambda row: (-row["stars"], vi_sort_key(row["product_name"])))
    return {"rows": rows, "areas": areas, "built_on": today}


def search_catalogue(
    entries: list[dict],
    *,
    query: str = "",
    product_set: int | None = None,
    stars: int | None = None,
    area: int | None = None,
) -> list[dict]:
    """Filter the cached catalogue in memory: every word of the query, without accents, anywhere in the entry."""
    words = fold(query).split()
    return [
        row
        for row in entries
        if all(word in row["search"] for word in words)
        and (product_set is None or row["product_set"] == product_set)
        and (stars is None or row["stars"] == stars)
        and (area is None or area in row["areas"])
    ]


# Invalidation -----------------------------------------------------------------------------------------------------


def forget(*, numbers=(), producer_ids=(), catalogue_too: bool = True) -> None:
    """Drop today's cached entries (entries of other days are never read again), and every rendered page: a page
    may show any of them (the catalogue in all its filters, a producer with its certificates)."""
    today = timezone.localdate()
    keys = [_key("certificate", number, today) for number in numbers]
    keys += [_key("producer", producer_id, today) for producer_id in producer_ids]
    if catalogue_too:
        keys.append(_key("catalogue", "all", today))
    cache.delete_many(keys)
    _start_new_generation()


# Rendered pages ---------------------------------------------------------------------------------------------------

GENERATION_KEY = f"{PREFIX}:pages:generation"


def page_key(language: str, path: str) -> str:
    """Where a rendered public page is kept: per generation of the cached entries, day, language and address (the
    address hashed, since the catalogue's query strings are the visitor's to write)."""
    generation = cache.get(GENERATION_KEY) or 0
    address = hashlib.sha256(path.encode()).hexdigest()
    return f"{PREFIX}:page:{generation}:{timezone.localdate().isoformat()}:{language}:{address}"


def forget_pages(paths) -> None:
    """Drop the kept pages at these addresses, in every language, leaving every other page kept."""
    cache.delete_many([page_key(language, path) for path in paths for language, _name in settings.LANGUAGES])


def _start_new_generation() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not there yet, or evicted: any new number leaves the earlier pages unread
        cache.set(GENERATION_KEY, time.time_ns(), None)


def certificates_changed(*, product_ids=(), producer_ids=(), numbers=()) -> None:
    """After the current transaction commits, forget what the public pages cached about these records."""
    product_ids, producer_ids, numbers = set(product_ids), set(producer_ids), set(numbers)

    def invalidate():
        affected = Certificate.objects.filter(Q(product_id__in=product_ids) | Q(producer_id__in=producer_ids))
        found = list(affected.values_list("number", "producer_id"))
        if not found and not numbers:
            return
        forget(
            numbers=numbers | {number for number, _producer in found},
            producer_ids=producer_ids | {producer for _number, producer in found},
        )

    transaction.on_commit(invalidate)


def connect_receivers() -> None:
    """Records of other apps that change what a public page shows."""
    from django.db.models.signals import post_save

    from ocop.producers.models import Producer, Product

    def product_saved(sender, instance, created, **kwargs):
        if not created:
            certificates_changed(product_ids=[instance.pk])

    def producer_saved(sender, instance, created, **kwargs):
        if not created:
            certificates_changed(producer_ids=[instance.pk])

    post_save.connect(product_saved, sender=Product, dispatch_uid="ocop.certificates.product_saved", weak=False)
    post_save.connect(producer_saved, sender=Producer, dispatch_uid="ocop.certificates.producer_saved", weak=False)
