"""A registry at national size (or a slice of it) for trying lists, reports and exports at the size they will meet:
``ocop generate --scale national`` builds about 8,000 producers with 16,000 products across the communes of all
provinces, and their certificates from 2020 on (first recognitions, re-evaluations at expiry, some upgrades).

Everything goes through the registry's and the certificates' domain functions, so every invariant holds as for data
typed in (unique names per commune, product codes, certificate numbers and validity, the audit log), and every row is
marked generated. Producers sit in the commune of their registration (the communes before 1/7/2025); a decision is
issued by the People's Committee of the province in office on its date: the province before the 2025 merger, its
successor after.
"""

import datetime
import random
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from ocop.certificates.domain.issuing import register_certificate_from_records
from ocop.certificates.enums import RecognitionLevel
from ocop.demo.registry import GIVEN, MIDDLE, PRODUCTS_BY_SET, SET_WEIGHTS, SURNAMES, demo_origin
from ocop.geo.enums import Era, UnitLevel
from ocop.geo.models import AdministrativeUnit, UnitSuccession
from ocop.producers.domain.producers import create_producer
from ocop.producers.domain.products import create_product
from ocop.producers.enums import LegalForm
from ocop.producers.models import Producer

# National totals the programme reported around 2025: about 16,000 products from 8,000 producers.
NATIONAL = {"producers": 8_000, "products": 16_000}
SCALES = {"small": 0.02, "province": 1 / 34, "national": 1.0}
FIRST_YEAR = 2020
MERGER = datetime.date(2025, 7, 1)
MINISTRY_RENAMED = datetime.date(2025, 3, 1)
REGISTRATION_PREFIX = "SIM-"  # registration numbers of generated producers: how a second run knows the first


@dataclass
class Counts:
    producers: int = 0
    products: int = 0
    certificates: int = 0


def already_generated() -> bool:
    return Producer.objects.filter(registration_number__startswith=REGISTRATION_PREFIX).exists()


def _communes() -> list[tuple[int, str]]:
    """(id, province name) of every commune before 1/7/2025."""
    return list(
        AdministrativeUnit.objects.filter(level=UnitLevel.COMMUNE, era=Era.BEFORE_2025)
        .order_by("code")
        .values_list("id", "parent__parent__name")
    )


def _successor_provinces() -> dict[int, str]:
    """Commune (before 1/7/2025) → the province (from 1/7/2025) its successor commune belongs to."""
    rows = UnitSuccession.objects.filter(predecessor__level=UnitLevel.COMMUNE, successor__level=UnitLevel.COMMUNE)
    return dict(rows.order_by("predecessor_id", "partial").values_list("predecessor_id", F("successor__parent__name")))


def _issuing_body(level: str, province_then: str, province_now: str, day: datetime.date) -> str:
    if level == RecognitionLevel.CENTRAL:
        return "Bộ Nông nghiệp và Môi trường" if day >= MINISTRY_RENAMED else "Bộ Nông nghiệp và Phát triển nông thôn"
    province = province_now if day >= MERGER else province_then
    return f"UBND {province[:1].lower()}{province[1:]}"


class _Generator:
    def __init__(self, scale: float, seed: int, today: datetime.date):
        self.rng = random.Random(seed)
        self.today = today
        self.target = {key: max(1, round(value * scale)) for key, value in NATIONAL.items()}
        communes = _communes()
        # A slice of the country: whole provinces in code order, as many as the scale asks (at least one).
        provinces = list(dict.fromkeys(province for _id, province in communes))
        kept = set(provinces[: max(1, round(len(provinces) * scale))])
        self.communes = [(unit_id, province) for unit_id, province in communes if province in kept]
        self.units = AdministrativeUnit.objects.in_bulk([unit_id for unit_id, _province in self.communes])
        self.successors = _successor_provinces()
        self.decision_days: dict[tuple, datetime.date] = {}
        self.decision_numbers: dict[tuple, str] = {}
        self.names_taken: dict[int, set[str]] = defaultdict(set)
        self.counts = Counts()
        self.serial = 0

    def person(self) -> str:
        return f"{self.rng.choice(SURNAMES)} {self.rng.choice(MIDDLE)} {self.rng.choice(GIVEN)}"

    def producer(self, unit_id: int, product_set: int) -> Producer:
        rng = self.rng
        trade = PRODUCTS_BY_SET[product_set][2].capitalize()
        legal_form = rng.choices(
            [LegalForm.COOPERATIVE, LegalForm.HOUSEHOLD, LegalForm.ENTERPRISE, LegalForm.FARM], weights=[40, 32, 22, 6]
        )[0]
        person = self.person()
        name = {
            LegalForm.COOPERATIVE: f"HTX {trade} {person.split()[-1]}",
            LegalForm.HOUSEHOLD: f"Hộ kinh doanh {person}",
            LegalForm.ENTERPRISE: f"Công ty TNHH {trade} {person.split()[-1]}",
            LegalForm.FARM: f"Trang trại {trade} {person.split()[-1]}",
        }[legal_form]
        base, number = name, 1
        while name.lower() in self.names_taken[unit_id]:
            number += 1
            name = f"{base} {number}"
        self.names_taken[unit_id].add(name.lower())
        self.serial += 1
        self.counts.producers += 1
        return create_producer(
            actor=None,
            name=name,
            legal_form=legal_form,
            unit=self.units[unit_id],
            is_generated=True,
            registration_number=f"{REGISTRATION_PREFIX}{self.serial:06d}",
            registration_date=datetime.date(rng.randrange(2005, 2020), rng.randrange(1, 13), rng.randrange(1, 28)),
            representative_name=person,
            workers_count=rng.randrange(2, 80),
            circular_economy=rng.random() < 0.2,
        )

    def decision(self, level: str, province_then: str, province_now: str, year: int) -> tuple[str, datetime.date, str]:
        """One recognition decision per province (the Ministry for 5★), year and issuing body."""
        province_key = "" if level == RecognitionLevel.CENTRAL else province_then
        if (province_key, year) not in self.decision_days:
            last = min(datetime.date(year, 12, 28), self.today - datetime.timedelta(days=1))
            self.decision_days[(province_key, year)] = last - datetime.timedelta(days=self.rng.randrange(0, 60))
        day = self.decision_days[(province_key, year)]
        body = _issuing_body(level, province_then, province_now, day)
        key = (body, year)
        if key not in self.decision_numbers:
            symbol = "QĐ-BNNMT" if level == RecognitionLevel.CENTRAL else "QĐ-UBND"
            self.decision_numbers[key] = f"{101 + len(self.decision_numbers)}/{symbol}"
        return self.decision_numbers[key], day, body

    def certify(self, product, stars: int, year: int, province_then: str, province_now: str) -> datetime.date:
        level = RecognitionLevel.CENTRAL if stars == 5 else RecognitionLevel.PROVINCE
        number, day, body = self.decision(level, province_then, province_now, year)
        low, high = {5: (9000, 9800), 4: (7000, 8900), 3: (5000, 6990)}[stars]
        score = Decimal(self.rng.randrange(low, high)) / 100
        register_certificate_from_records(
            actor=None,
            product=product,
            stars=stars,
            decision_number=number,
            decided_on=day,
            level=level,
            score=score,
            issuing_body=body,
            is_generated=True,
        )
        self.counts.certificates += 1
        return day

    def history(self, product, year: int, province_then: str, province_now: str) -> None:
        """A first recognition in ``year``; at each expiry, three in five are re-evaluated (one in six of those gains
        a star)."""
        rng = self.rng
        stars = rng.choices([3, 4, 5], weights=[75, 23, 2])[0]
        while year <= self.today.year:
            self.certify(product, stars, year, province_then, province_now)
            year += 3
            if year > self.today.year or rng.random() >= 0.6:
                break
            if stars < 5 and rng.random() < 1 / 6:
                stars += 1

    def run(self) -> Counts:
        rng = self.rng
        sets, weights = list(SET_WEIGHTS), list(SET_WEIGHTS.values())
        producers: list[tuple[Producer, int, str]] = []
        while self.counts.products < self.target["products"]:
            product_set = rng.choices(sets, weights=weights)[0]
            if len(producers) < self.target["producers"] and (not producers or rng.random() < 0.55):
                unit_id, province = rng.choice(self.communes)
                producers.append((self.producer(unit_id, product_set), unit_id, province))
            producer, unit_id, province = rng.choice(producers)
            name = f"{rng.choice(PRODUCTS_BY_SET[product_set][0])} {producer.representative_name.split()[-1]}"
            year = rng.randrange(FIRST_YEAR, self.today.year + 1)
            product = create_product(
                actor=None,
                producer=producer,
                name=f"{name} {self.counts.products + 1}",
                product_set=product_set,
                origin=demo_origin(name, product_set),
                registered_in=year,
                is_generated=True,
            )
            self.counts.products += 1
            self.history(product, year, province, self.successors.get(unit_id, province))
        return self.counts


def generate(*, scale: str, seed: int = 706, today: datetime.date | None = None) -> Counts:
    """Build the registry slice ``scale`` ("small", "province", "national") in one transaction: all or nothing."""
    generator = _Generator(SCALES[scale], seed, today or timezone.localdate())
    with transaction.atomic():
        return generator.run()
