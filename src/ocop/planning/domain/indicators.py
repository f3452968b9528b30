"""The indicator registry: what each indicator means, and the one query that computes it where the records exist.

An indicator is **computed** when a query function is registered for it, and **reported** (entered by the owning
agency with evidence, as DHIS2 does where nothing can compute) otherwise. A later module switches an indicator to
computed from its AppConfig.ready() without touching the plans that use it::

    from ocop.planning.domain.indicators import register_computation

    register_computation("sales_points_opened", compute=count_sales_points, records=sales_points,
                         by_unit=sales_points_by_commune, source="ocop.promotion")

An indicator counting records by a date of theirs (sales points opened, classes ended, stamps issued) takes its
``compute``, ``records`` and ``by_unit`` from a :class:`RecordCount`.

Every query receives an :class:`IndicatorQuery`: the dates (a period cut to the plan's dates), the communes to count
(the plan's area in both eras, or one unit of a quota; ``None`` counts everywhere) and the target's filters
(``stars``, ``product_sets``). Records are placed by the commune of their producer (``producer.unit``); records of
communes that no longer exist are in the area of the units that succeeded them (geo's succession), so 2024 records
count toward today's units and today's records toward the former district quotas.

Built-in indicators, computed today from certificates, the registry and dossiers:

- ``new_products``: products certified for the first time in the period (their earliest certificate, a
  recognition, is dated in the period); filters: stars of that certificate, product sets.
- ``recognised_products``: products recognised in the period (first evaluation, re-evaluation or upgrade), at the
  stars of their latest recognition in the period; what the quotas by unit count.
- ``upgraded_share``: of the products that held a certificate before the period, the share (%) that received one
  with more stars than the certificate before it during the period.
- ``consolidated_or_upgraded_share``: the same share counting re-evaluations that kept their stars (củng cố) as
  well as upgrades (nâng cấp): what target I.2.4 of plan 706 asks.
- ``cooperative_share``, ``sme_share``, ``circular_share``: of the OCOP producers at the end of the period (a
  certificate in force: issued, not past its date, not revoked, suspended or replaced on that day, product not
  withdrawn), the share that are cooperatives (HTX), small and medium enterprises, or run a circular-economy chain
  the registry can show (flag, a valid evidence document, a raw-material zone of their own).
- ``craft_village_share``: of the craft villages of the area (recognised by the end of the period), the share with
  at least one producer holding a certificate in force.
- ``dossiers_received``: evaluation dossiers filed in the period.
- ``dossiers_on_time``: of the commune reviews due in the period (deadline passed, dossier not withdrawn), the share
  the commune finished (forwarded, returned or rejected) by the deadline.

- ``stamps_issued``: traceability stamps issued in the period (the quantity of the batches the office issued).
- ``products_with_trace_code``: products with an electronic trace code at the end of the period (an issued stamp
  batch with a stamp not voided by then: traceability.domain.evidence).

The promotion module computes ``sales_points_opened`` (sales points opened in the period, by commune) and
``fairs_held`` (fairs that ended in the period, wherever held): promotion/domain/indicators.py. The support
module computes ``trainings_held`` (training classes ended in the period) and ``trademarks_registered`` (IP support
cases granted in the period): support/domain/indicators.py. A target without an indicator (a qualitative objective)
is reported too.
"""

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Aggregate, Count, Exists, F, OuterRef, Q, QuerySet, Subquery, Sum
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ocop.certificates.domain.validity import in_force
from ocop.certificates.enums import IssueBasis
from ocop.certificates.models import Certificate
from ocop.planning.domain.assessment import HUNDRED, cut
from ocop.planning.enums import Measure
from ocop.producers import product_sets
from ocop.producers.domain.green import shown_green_chain
from ocop.producers.enums import ANIMAL_HUSBANDRY, LegalForm
from ocop.producers.models import CraftVillage, Producer

# Kinds of records an indicator can be drilled down to; the back office has a table for each.
CERTIFICATES, PRODUCERS, CRAFT_VILLAGES, DOSSIERS = "certificates", "producers", "craft_villages", "dossiers"
STAMP_BATCHES, PRODUCTS = "stamp_batches", "products"
# Groups a target names by a word instead of set numbers, matched on the product's origin: "livestock" is chăn nuôi
# (livestock, poultry, their eggs and milk, and bee-keeping), which sets 2 and 8 mix with seafood.
NAMED_GROUPS = {"livestock": ANIMAL_HUSBANDRY}


@dataclass(frozen=True)
class IndicatorQuery:
    start: datetime.date
    end: datetime.date
    unit_ids: frozenset[int] | None = None
    filters: Mapping = field(default_factory=dict)


@dataclass(frozen=True)
class Measurement:
    """A computed actual. ``value`` is None when it is undefined (a share of nothing)."""

    value: Decimal | None
    numerator: int | None = None
    denominator: int | None = None


Compute = Callable[[IndicatorQuery], Measurement]
Records = Callable[[IndicatorQuery], QuerySet]
ByUnit = Callable[[IndicatorQuery], dict[int, int]]


@dataclass
class Indicator:
    code: str
    name: str | Promise
    measure: str
    unit_label: str  # Vietnamese, as documents print it
    cumulative: bool  # counted over the period (new products) rather than a level at its end (a share)
    definition: str | Promise
    filters: tuple[str, ...] = ()
    record_kind: str = ""
    compute: Compute | None = None
    records: Records | None = None
    by_unit: ByUnit | None = None
    source: str = ""

    @property
    def is_computed(self) -> bool:
        return self.compute is not None


_REGISTRY: dict[str, Indicator] = {}


def define(indicator: Indicator) -> Indicator:
    if indicator.code in _REGISTRY:
        raise ValueError(f"indicator {indicator.code!r} is already defined")
    _REGISTRY[indicator.code] = indicator
    return indicator


def register_computation(
    code: str,
    *,
    compute: Compute,
    records: Records | None = None,
    by_unit: ByUnit | None = None,
    record_kind: str = "",
    source: str = "",
) -> Indicator:
    """Switch a reported indicator to computed: from now on its actual comes from ``compute``."""
    indicator = _REGISTRY[code]
    indicator.compute = compute
    indicator.records = records
    indicator.by_unit = by_unit
    indicator.record_kind = record_kind or indicator.record_kind
    indicator.source = source
    return indicator


def get(code: str) -> Indicator | None:
    return _REGISTRY.get(code)


def all_indicators() -> list[Indicator]:
    return list(_REGISTRY.values())


def choices() -> list[tuple[str, str]]:
    return [(indicator.code, str(indicator.name)) for indicator in _REGISTRY.values()]


def clean_filters(code: str, filters: Mapping | None) -> dict:
    """The filters of a target, checked against what its indicator accepts: stars 3–5, product sets 1–26 or a name."""
    indicator = _REGISTRY.get(code)
    filters = dict(filters or {})
    if not filters:
        return {}
    allowed = indicator.filters if indicator else ()
    unknown = sorted(set(filters) - set(allowed))
    if unknown:
        raise ValidationError(
            _("This indicator cannot be filtered by %(names)s.") % {"names": ", ".join(unknown)}, code="filters"
        )
    cleaned: dict = {}
    if "stars" in filters:
        stars = filters["stars"] if isinstance(filters["stars"], list) else [filters["stars"]]
        if not stars or any(not isinstance(s, int) or s not in (3, 4, 5) for s in stars):
            raise ValidationError(_("Stars must be 3, 4 or 5."), code="filters")
        cleaned["stars"] = sorted(set(stars))
    if "product_sets" in filters:
        sets = filters["product_sets"]
        if isinstance(sets, str):
            if sets not in NAMED_GROUPS:
                raise ValidationError(_("Unknown group of product sets: %(name)s.") % {"name": sets}, code="filters")
            cleaned["product_sets"] = sets
        else:
            sets = sets if isinstance(sets, list) else [sets]
            if not sets or any(not isinstance(s, int) or s not in product_sets.BY_NUMBER for s in sets):
                raise ValidationError(_("Product sets are numbered 1 to 26."), code="filters")
            cleaned["product_sets"] = sorted(set(sets))
    return cleaned


# Shared pieces of the queries ---------------------------------------------------------------------------------------


def _in_area(queryset: QuerySet, query: IndicatorQuery, unit_path: str) -> QuerySet:
    if query.unit_ids is None:
        return queryset
    return queryset.filter(**{f"{unit_path}__in": query.unit_ids})


def _product_filters(queryset: QuerySet, query: IndicatorQuery, product_path: str = "product__") -> QuerySet:
    if stars := query.filters.get("stars"):
        queryset = queryset.filter(stars__in=stars)
    if sets := query.filters.get("product_sets"):
        if isinstance(sets, str):
            queryset = queryset.filter(**{f"{product_path}origin__in": sorted(NAMED_GROUPS[sets])})
        else:
            queryset = queryset.filter(**{f"{product_path}product_set__in": sorted(sets)})
    return queryset


def _recognitions(query: IndicatorQuery) -> QuerySet[Certificate]:
    """Certificates issued in the period on a recognition (corrections re-issue, they do not recognise)."""
    return Certificate.objects.filter(
        basis=IssueBasis.RECOGNITION, issued_on__gte=query.start, issued_on__lte=query.end
    )


def _earlier_than_outer(queryset: QuerySet) -> QuerySet:
    """Certificates of the same product issued before the outer one (same day: created before it)."""
    return queryset.filter(product=OuterRef("product")).filter(
        Q(issued_on__lt=OuterRef("issued_on")) | Q(issued_on=OuterRef("issued_on"), pk__lt=OuterRef("pk"))
    )


def _count_products(certificates: QuerySet) -> int:
    return certificates.values("product").distinct().count()


def _products_by_commune(certificates: QuerySet) -> dict[int, int]:
    rows = certificates.order_by().values_list("product__producer__unit").annotate(n=Count("product", distinct=True))
    return dict(rows)


def _share(numerator: int, denominator: int) -> Measurement:
    if not denominator:
        return Measurement(None, numerator, denominator)
    return Measurement(cut(Decimal(numerator) * HUNDRED / Decimal(denominator)), numerator, denominator)


@dataclass(frozen=True)
class RecordCount:
    """An indicator counting records by a date of theirs: those of ``records()`` whose ``dated_by`` falls in the
    period, placed by the commune at ``placed_by`` (only those of the query's area count, unless ``anywhere``).
    ``compute`` counts them (or adds up their field ``summed``), ``by_unit`` does so by commune; a record without a
    commune counts in all only."""

    records: Callable[[], QuerySet]
    dated_by: str
    placed_by: str
    anywhere: bool = False
    summed: str = ""

    def in_period(self, query: IndicatorQuery) -> QuerySet:
        dated = self.records().filter(**{f"{self.dated_by}__gte": query.start, f"{self.dated_by}__lte": query.end})
        return dated if self.anywhere else _in_area(dated, query, self.placed_by)

    def compute(self, query: IndicatorQuery) -> Measurement:
        return Measurement(Decimal(self.in_period(query).aggregate(n=self._tally())["n"] or 0))

    def by_unit(self, query: IndicatorQuery) -> dict[int, int]:
        placed = self.in_period(query).filter(**{f"{self.placed_by}__isnull": False})
        return dict(placed.order_by().values_list(self.placed_by).annotate(n=self._tally()))

    def _tally(self) -> Aggregate:
        return Sum(self.summed) if self.summed else Count("pk")


def certificates_in_force_on(day: datetime.date) -> QuerySet[Certificate]:
    """Certificates in force on ``day`` (certificates.domain.validity: issued by then, not past their date, not
    revoked, suspended or replaced on that day) whose product was not withdrawn by then."""
    return in_force(Certificate.objects.all(), day).exclude(product__withdrawn_on__lte=day)


def ocop_producers_on(day: datetime.date) -> QuerySet[Producer]:
    return Producer.objects.filter(pk__in=certificates_in_force_on(day).values("producer"))


# new_products -------------------------------------------------------------------------------------------------------


def _first_certificates(query: IndicatorQuery) -> QuerySet[Certificate]:
    first = _recognitions(query).filter(~Exists(_earlier_than_outer(Certificate.objects.all())))
    return _product_filters(_in_area(first, query, "product__producer__unit"), query)


def _new_products(query: IndicatorQuery) -> Measurement:
    return Measurement(Decimal(_count_products(_first_certificates(query))))


# recognised_products ------------------------------------------------------------------------------------------------


def _latest_recognitions(query: IndicatorQuery) -> QuerySet[Certificate]:
    later = (
        _recognitions(query)
        .filter(product=OuterRef("product"))
        .filter(Q(issued_on__gt=OuterRef("issued_on")) | Q(issued_on=OuterRef("issued_on"), pk__gt=OuterRef("pk")))
    )
    latest = _recognitions(query).filter(~Exists(later))
    return _product_filters(_in_area(latest, query, "product__producer__unit"), query)


def _recognised_products(query: IndicatorQuery) -> Measurement:
    return Measurement(Decimal(_count_products(_latest_recognitions(query))))


# upgraded_share -----------------------------------------------------------------------------------------------------


def _evaluated_before(query: IndicatorQuery) -> QuerySet[Certificate]:
    before = Certificate.objects.filter(issued_on__lt=query.start)
    return _in_area(before, query, "product__producer__unit")


def _re_recognitions(query: IndicatorQuery) -> QuerySet[Certificate]:
    """Recognitions in the period of products evaluated before it, each with the stars of the certificate before."""
    previous_stars = Subquery(
        Certificate.objects.filter(product=OuterRef("product"))
        .filter(Q(issued_on__lt=OuterRef("issued_on")) | Q(issued_on=OuterRef("issued_on"), pk__lt=OuterRef("pk")))
        .order_by("-issued_on", "-pk")
        .values("stars")[:1]
    )
    return (
        _recognitions(query)
        .filter(product__in=_evaluated_before(query).values("product"))
        .annotate(previous_stars=previous_stars)
    )


def _upgrades(query: IndicatorQuery) -> QuerySet[Certificate]:
    return _re_recognitions(query).filter(stars__gt=F("previous_stars"))


def _consolidations_and_upgrades(query: IndicatorQuery) -> QuerySet[Certificate]:
    """Củng cố (re-evaluated and kept its stars) or nâng cấp (more stars)."""
    return _re_recognitions(query).filter(stars__gte=F("previous_stars"))


def _share_of_evaluated_before(records: Records) -> Compute:
    def compute(query: IndicatorQuery) -> Measurement:
        return _share(_count_products(records(query)), _count_products(_evaluated_before(query)))

    return compute


# shares of OCOP producers -------------------------------------------------------------------------------------------


def _producers_of_area(query: IndicatorQuery) -> QuerySet[Producer]:
    return _in_area(ocop_producers_on(query.end), query, "unit")


def _producer_share(condition: Q | Callable[[IndicatorQuery], Q]) -> tuple[Compute, Records, ByUnit]:
    """The share of the OCOP producers meeting ``condition`` (or ``condition(query)`` when it depends on the
    period)."""

    def matching(query: IndicatorQuery) -> Q:
        return condition(query) if callable(condition) else condition

    def records(query: IndicatorQuery) -> QuerySet[Producer]:
        return _producers_of_area(query).filter(matching(query))

    def compute(query: IndicatorQuery) -> Measurement:
        producers = _producers_of_area(query)
        return _share(producers.filter(matching(query)).count(), producers.count())

    def by_unit(query: IndicatorQuery) -> dict[int, int]:
        return dict(records(query).order_by().values_list("unit").annotate(n=Count("pk")))

    return compute, records, by_unit


def _circular_with_evidence(query: IndicatorQuery) -> Q:
    return shown_green_chain(query.end)


# craft villages -----------------------------------------------------------------------------------------------------


def _villages_of_area(query: IndicatorQuery) -> QuerySet[CraftVillage]:
    villages = CraftVillage.objects.filter(Q(recognition_date__isnull=True) | Q(recognition_date__lte=query.end))
    return _in_area(villages, query, "unit")


def _villages_with_ocop(query: IndicatorQuery) -> QuerySet[CraftVillage]:
    return _villages_of_area(query).filter(
        pk__in=ocop_producers_on(query.end).filter(craft_village__isnull=False).values("craft_village")
    )


def _craft_village_share(query: IndicatorQuery) -> Measurement:
    return _share(_villages_with_ocop(query).count(), _villages_of_area(query).count())


# dossiers -----------------------------------------------------------------------------------------------------------


def _all_dossiers() -> QuerySet:
    from ocop.dossiers.models import Dossier

    return Dossier.objects.all()


DOSSIERS_FILED = RecordCount(_all_dossiers, dated_by="filed_on", placed_by="producer__unit")


def _reviews_due(query: IndicatorQuery):
    """Commune reviews whose deadline fell in the period (up to the day the figures are for, ``query.end``), the
    dossier not withdrawn meanwhile; one still open counts once its deadline is behind that day."""
    from ocop.dossiers.enums import ReviewOutcome
    from ocop.dossiers.models import CommuneReview

    reviews = (
        CommuneReview.objects.filter(due_on__gte=query.start, due_on__lte=query.end)
        .exclude(outcome=ReviewOutcome.WITHDRAWN)
        .exclude(finished_on__isnull=True, due_on__gte=query.end)
    )
    return _in_area(reviews, query, "dossier__producer__unit")


def _reviews_on_time(query: IndicatorQuery):
    return _reviews_due(query).filter(finished_on__lte=F("due_on"))


def _dossiers_on_time(query: IndicatorQuery) -> Measurement:
    return _share(_reviews_on_time(query).count(), _reviews_due(query).count())


def _issued_stamp_batches() -> QuerySet:
    from ocop.traceability.enums import BatchStatus
    from ocop.traceability.models import StampBatch

    return StampBatch.objects.filter(status=BatchStatus.ISSUED)


# Stamps of the batches issued in the period (the day of the office's decision), placed by their producer's commune.
STAMPS_ISSUED = RecordCount(
    _issued_stamp_batches, dated_by="decided_at__date", placed_by="product__producer__unit", summed="quantity"
)


def _products_with_trace_code(query: IndicatorQuery):
    """Products with an electronic trace code at the end of the period, placed by their producer's commune."""
    from ocop.traceability.domain.evidence import products_with_trace_code

    return _in_area(products_with_trace_code(query.end), query, "producer__unit")


def _dossiers_reviewed(query: IndicatorQuery):
    from ocop.dossiers.models import Dossier

    return Dossier.objects.filter(pk__in=_reviews_due(query).values("dossier"))


# The registry -------------------------------------------------------------------------------------------------------

PRODUCT_FILTERS = ("stars", "product_sets")

define(
    Indicator(
        "new_products",
        gettext_lazy("New products certified"),
        Measure.COUNT,
        "sản phẩm",
        cumulative=True,
        definition=gettext_lazy(
            "Products whose first certificate (a recognition) is dated in the period, counted once each."
        ),
        filters=PRODUCT_FILTERS,
        record_kind=CERTIFICATES,
        compute=_new_products,
        records=_first_certificates,
        by_unit=lambda query: _products_by_commune(_first_certificates(query)),
        source="ocop.certificates",
    )
)
define(
    Indicator(
        "recognised_products",
        gettext_lazy("Products recognised"),
        Measure.COUNT,
        "sản phẩm",
        cumulative=True,
        definition=gettext_lazy(
            "Products recognised in the period (first evaluation, re-evaluation or upgrade) at the stars of their "
            "latest recognition in the period."
        ),
        filters=PRODUCT_FILTERS,
        record_kind=CERTIFICATES,
        compute=_recognised_products,
        records=_latest_recognitions,
        by_unit=lambda query: _products_by_commune(_latest_recognitions(query)),
        source="ocop.certificates",
    )
)
for _code, _name, _definition, _records in (
    (
        "upgraded_share",
        gettext_lazy("Products upgraded, share of those evaluated before"),
        gettext_lazy(
            "Of the products that held a certificate before the period, the share that received a certificate with "
            "more stars than the one before it during the period."
        ),
        _upgrades,
    ),
    (
        "consolidated_or_upgraded_share",
        gettext_lazy("Products consolidated or upgraded, share of those evaluated before"),
        gettext_lazy(
            "Of the products that held a certificate before the period, the share re-evaluated during the period "
            "that kept their stars (consolidated) or gained stars (upgraded)."
        ),
        _consolidations_and_upgrades,
    ),
):
    define(
        Indicator(
            _code,
            _name,
            Measure.PERCENT,
            "%",
            cumulative=True,
            definition=_definition,
            record_kind=CERTIFICATES,
            compute=_share_of_evaluated_before(_records),
            records=_records,
            by_unit=lambda query, records=_records: _products_by_commune(records(query)),
            source="ocop.certificates",
        )
    )
for _code, _name, _definition, _condition in (
    (
        "cooperative_share",
        gettext_lazy("OCOP producers that are cooperatives"),
        gettext_lazy("Of the OCOP producers at the end of the period, the share that are cooperatives (HTX)."),
        Q(legal_form=LegalForm.COOPERATIVE),
    ),
    (
        "sme_share",
        gettext_lazy("OCOP producers that are small and medium enterprises"),
        gettext_lazy("Of the OCOP producers at the end of the period, the share that are small or medium enterprises."),
        Q(legal_form=LegalForm.ENTERPRISE),
    ),
    (
        "circular_share",
        gettext_lazy("OCOP producers with a circular-economy value chain"),
        gettext_lazy(
            "Of the OCOP producers at the end of the period, the share running a circular-economy or green value "
            "chain the registry can show: marked so, with a document of record proving it valid at the period's end "
            "and a raw-material zone of their own."
        ),
        _circular_with_evidence,
    ),
):
    _compute, _records, _by_unit = _producer_share(_condition)
    define(
        Indicator(
            _code,
            _name,
            Measure.PERCENT,
            "%",
            cumulative=False,
            definition=_definition,
            record_kind=PRODUCERS,
            compute=_compute,
            records=_records,
            by_unit=_by_unit,
            source="ocop.producers",
        )
    )
define(
    Indicator(
        "craft_village_share",
        gettext_lazy("Craft villages with an OCOP product"),
        Measure.PERCENT,
        "%",
        cumulative=False,
        definition=gettext_lazy(
            "Of the craft villages of the area, the share with at least one producer holding a certificate in force "
            "at the end of the period."
        ),
        record_kind=CRAFT_VILLAGES,
        compute=_craft_village_share,
        records=_villages_with_ocop,
        by_unit=lambda query: dict(_villages_with_ocop(query).order_by().values_list("unit").annotate(n=Count("pk"))),
        source="ocop.producers",
    )
)
define(
    Indicator(
        "dossiers_received",
        gettext_lazy("Evaluation dossiers received"),
        Measure.COUNT,
        "hồ sơ",
        cumulative=True,
        definition=gettext_lazy("Evaluation dossiers filed with the commune in the period."),
        record_kind=DOSSIERS,
        compute=DOSSIERS_FILED.compute,
        records=DOSSIERS_FILED.in_period,
        by_unit=DOSSIERS_FILED.by_unit,
        source="ocop.dossiers",
    )
)
define(
    Indicator(
        "dossiers_on_time",
        gettext_lazy("Dossiers processed on time"),
        Measure.PERCENT,
        "%",
        cumulative=True,
        definition=gettext_lazy(
            "Of the commune reviews whose deadline (working days from filing or refiling) fell in the period and has "
            "passed, the share in which the commune forwarded, returned or rejected the dossier by the deadline; "
            "dossiers withdrawn by their producer are left out."
        ),
        record_kind=DOSSIERS,
        compute=_dossiers_on_time,
        records=_dossiers_reviewed,
        by_unit=lambda query: dict(
            _reviews_on_time(query).order_by().values_list("dossier__producer__unit").annotate(n=Count("pk"))
        ),
        source="ocop.dossiers",
    )
)
define(
    Indicator(
        "stamps_issued",
        gettext_lazy("OCOP stamps issued"),
        Measure.COUNT,
        "tem",
        cumulative=True,
        definition=gettext_lazy(
            "Traceability stamps the OCOP office issued to producers in the period (the batches issued, whatever "
            "became of their stamps since)."
        ),
        record_kind=STAMP_BATCHES,
        compute=STAMPS_ISSUED.compute,
        records=STAMPS_ISSUED.in_period,
        by_unit=STAMPS_ISSUED.by_unit,
        source="ocop.traceability",
    )
)
define(
    Indicator(
        "products_with_trace_code",
        gettext_lazy("Products with an electronic trace code"),
        Measure.COUNT,
        "sản phẩm",
        cumulative=False,
        definition=gettext_lazy(
            "Products that have, at the end of the period, a batch of OCOP stamps the office issued with at least one "
            "stamp not voided: their electronic trace code."
        ),
        record_kind=PRODUCTS,
        compute=lambda query: Measurement(Decimal(_products_with_trace_code(query).count())),
        records=_products_with_trace_code,
        by_unit=lambda query: dict(
            _products_with_trace_code(query).order_by().values_list("producer__unit").annotate(n=Count("pk"))
        ),
        source="ocop.traceability",
    )
)
# Reported until a module registers a query for them.
for _code, _name, _measure, _unit_label, _cumulative, _definition in (
    (
        "sales_points_opened",
        gettext_lazy("OCOP sales and showcase points opened"),
        Measure.COUNT,
        "điểm",
        True,
        gettext_lazy("Points introducing and selling OCOP products opened in the period (promotion module)."),
    ),
    (
        "fairs_held",
        gettext_lazy("Trade fairs and promotion events held"),
        Measure.COUNT,
        "đợt",
        True,
        gettext_lazy("Fairs, exhibitions and supply–demand events producers were supported to attend."),
    ),
    (
        "trainings_held",
        gettext_lazy("Training classes held"),
        Measure.COUNT,
        "lớp",
        True,
        gettext_lazy("Training classes for officers and producers in the period."),
    ),
    (
        "trademarks_registered",
        gettext_lazy("Trademarks registered"),
        Measure.COUNT,
        "nhãn hiệu",
        True,
        gettext_lazy("Trademarks of OCOP products whose registration was supported in the period."),
    ),
):
    define(Indicator(_code, _name, _measure, _unit_label, cumulative=_cumulative, definition=_definition))
