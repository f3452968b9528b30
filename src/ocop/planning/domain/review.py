"""The programme's own events of a reporting period, beside the plan's targets: what a provincial office reports on
evaluation (new products, upgrades, consolidations, by stars, and the running total holding a certificate), on
supervision (certificates run out, re-evaluated, revoked, suspended), on funding by source, and the annex of the
products recognised in the period.

Targets are counted from the start of the plan (see figures._window); these are the period's own events, from the
period's first day (its cut-off start) to the day its figures are taken. Every count reads the registry through the
same record queries as the indicators, so the report and the dashboard cannot disagree.
"""

import datetime
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from ocop.certificates.enums import IssueBasis
from ocop.certificates.models import Certificate, Revocation, Suspension
from ocop.common.text import fold
from ocop.planning.domain import indicators
from ocop.planning.domain.figures import PlanFigures
from ocop.planning.domain.indicators import IndicatorQuery, certificates_in_force_on
from ocop.producers import product_sets

NO_SOURCE = "Chưa ghi nguồn kinh phí"

# Money recorded entry by entry by a module above planning (support: the funding entries of a task by source). A
# reader receives the plan's tasks and the day the figures are taken and answers, for each task it holds records of,
# {source name: (planned, spent)}; those tasks' money then comes from the records, not from what is typed on them.
FundingReader = Callable[[list, datetime.date], dict[int, dict[str, tuple[Decimal | None, Decimal | None]]]]
_FUNDING_READERS: list[FundingReader] = []


def register_funding(reader: FundingReader) -> None:
    if reader not in _FUNDING_READERS:
        _FUNDING_READERS.append(reader)


@dataclass(frozen=True)
class Window:
    start: datetime.date
    end: datetime.date
    unit_ids: frozenset[int] | None

    def query(self) -> IndicatorQuery:
        return IndicatorQuery(start=self.start, end=self.end, unit_ids=self.unit_ids)


def window(figures: PlanFigures) -> Window:
    """The period's own days: from its first day (not before the plan's) to the day its figures are taken."""
    return Window(max(figures.period.start, figures.start), figures.as_of, figures.area.unit_ids)


def _by_stars(certificates) -> dict[int, int]:
    """Products by stars (a product counted once, at the stars of the certificate given)."""
    counts: Counter = Counter()
    for _product, stars in certificates.order_by().values_list("product", "stars").distinct():
        counts[stars] += 1
    return dict(sorted(counts.items()))


def _products(certificates) -> set[int]:
    return set(certificates.order_by().values_list("product", flat=True))


def evaluation(figures: PlanFigures) -> dict:
    """New products (first recognition), upgrades (more stars), consolidations (re-evaluated, same stars), all
    recognitions by stars, and the products holding a certificate in force on the last day, by stars."""
    span = window(figures)
    if span.start > span.end:
        return {"new": {}, "upgraded": 0, "consolidated": 0, "recognised": {}, "holding": {}, "holding_total": 0}
    query = span.query()
    upgraded = _products(indicators.get("upgraded_share").records(query))
    kept_or_raised = _products(indicators.get("consolidated_or_upgraded_share").records(query))
    holding = _by_stars(_in_area(certificates_in_force_on(span.end), span))
    return {
        "new": _by_stars(indicators.get("new_products").records(query)),
        "upgraded": len(upgraded),
        "consolidated": len(kept_or_raised - upgraded),
        "recognised": _by_stars(indicators.get("recognised_products").records(query)),
        "holding": holding,
        "holding_total": sum(holding.values()),
    }


def _in_area(queryset, span: Window, path: str = "product__producer__unit"):
    return queryset if span.unit_ids is None else queryset.filter(**{f"{path}__in": span.unit_ids})


def supervision(figures: PlanFigures) -> dict:
    """Certificates whose 36 months ran out in the period (and how many of those products were recognised again by
    its end), revocations and suspensions decided in the period."""
    span = window(figures)
    ran_out = _in_area(Certificate.objects.filter(valid_until__gte=span.start, valid_until__lte=span.end), span)
    ran_out_products = _products(ran_out)
    renewed = _products(
        Certificate.objects.filter(
            product__in=ran_out_products,
            basis=IssueBasis.RECOGNITION,
            issued_on__gte=span.start,
            issued_on__lte=span.end,
        )
    )
    revocations = _in_area(
        Revocation.objects.filter(decided_on__gte=span.start, decided_on__lte=span.end),
        span,
        "certificate__product__producer__unit",
    )
    suspensions = _in_area(
        Suspension.objects.filter(starts_on__gte=span.start, starts_on__lte=span.end),
        span,
        "certificate__product__producer__unit",
    )
    return {
        "expired": len(ran_out_products),
        "expired_recognised_again": len(ran_out_products & renewed),
        "revoked": revocations.count(),
        "suspended": suspensions.count(),
    }


def annex(figures: PlanFigures) -> list[dict]:
    """The products recognised in the period, as the annex lists them: one row per product, its latest recognition."""
    span = window(figures)
    if span.start > span.end:
        return []
    query = span.query()
    first_ids = set(indicators.get("new_products").records(query).values_list("pk", flat=True))
    upgraded = _products(indicators.get("upgraded_share").records(query))
    latest = (
        indicators.get("recognised_products")
        .records(query)
        .select_related("product__producer__unit", "decision")
        .order_by("-stars", "product__producer__unit__name", "product__name", "pk")
    )
    rows = []
    for certificate in latest:
        product = certificate.product
        if certificate.pk in first_ids:
            kind = "Mới"
        elif product.pk in upgraded:
            kind = "Nâng hạng"
        else:
            kind = "Đánh giá lại"
        rows.append(
            {
                "product": certificate.product_name or product.name,
                "producer": certificate.producer_name or product.producer.name,
                "commune": product.producer.unit.name,
                "product_set": product_sets.BY_NUMBER[certificate.product_set or product.product_set].label,
                "stars": certificate.stars,
                "score": None if certificate.score is None else float(certificate.score),
                "decision": f"{certificate.decision.number} ngày {certificate.decision.decided_on:%d/%m/%Y}",
                "kind": kind,
            }
        )
    return rows


def funding(figures: PlanFigures) -> list[dict]:
    """The plan's money by funding source: planned (the tasks' budgets) and spent by the period's end (each task's
    latest report up to then). Every source the plan names is listed, with or without figures; money of tasks
    that name none is grouped as such. A task with funding records (``register_funding``) counts its records
    instead: allocated and spent by source, dated up to the day the figures are taken."""
    planned: dict[str, Decimal] = defaultdict(Decimal)
    spent: dict[str, Decimal] = defaultdict(Decimal)
    has_planned: set[str] = set()
    has_spent: set[str] = set()
    named: set[str] = set()
    recorded: dict[int, dict] = {}
    for reader in _FUNDING_READERS:
        recorded.update(reader([figure.task for figure in figures.tasks], figures.as_of))
    for figure in figures.tasks:
        if figure.task.pk in recorded:
            for source, (task_planned, task_spent) in recorded[figure.task.pk].items():
                named.add(source)
                if task_planned is not None:
                    planned[source] += task_planned
                    has_planned.add(source)
                if task_spent is not None:
                    spent[source] += task_spent
                    has_spent.add(source)
            continue
        source = figure.task.funding_source.strip() or NO_SOURCE
        if source != NO_SOURCE:
            named.add(source)
        if figure.task.budget is not None:
            planned[source] += figure.task.budget
            has_planned.add(source)
        if figure.latest is not None and figure.latest.spent is not None:
            spent[source] += figure.latest.spent
            has_spent.add(source)
    sources = sorted(named | has_planned | has_spent, key=lambda source: (source == NO_SOURCE, source))
    return [
        {
            "source": source,
            "planned": planned[source] if source in has_planned else None,
            "spent": spent[source] if source in has_spent else None,
        }
        for source in sources
    ]


# Words (folded: no accents, lower case) by which a task of the plan is about communication and training or about
# trade promotion: the report's sections on those read the progress of these tasks.
TOPIC_WORDS = {
    "communication": ("tuyen truyen", "tap huan", "dao tao"),  # not "truyền thông": folded, it is "truyền thống"
    "promotion": ("xuc tien", "quang ba", "diem gioi thieu", "hoi cho", "ket noi cung cau", "thuong mai dien tu"),
}


def topic_of(task) -> str:
    """ "communication", "promotion" or "" for a task, from the words of its content (the first topic that fits)."""
    content = fold(task.content)
    return next((topic for topic, words in TOPIC_WORDS.items() if any(word in content for word in words)), "")
