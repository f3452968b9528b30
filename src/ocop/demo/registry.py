"""Ninh Thuận's OCOP registry for the demo: the real named products plus generated ones matching reported totals.

Generated records look real but carry ``is_generated = True``. A fixed seed makes every installation the same.
"""

import csv
import datetime
import random
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from ocop.certificates.domain.issuing import register_certificate_from_records
from ocop.certificates.enums import RecognitionLevel
from ocop.common.text import fold
from ocop.geo.enums import Era, UnitLevel
from ocop.geo.models import AdministrativeUnit
from ocop.producers.domain.documents import add_document
from ocop.producers.domain.producers import create_producer
from ocop.producers.domain.products import create_product, set_raw_material_zones, withdraw_product
from ocop.producers.domain.zones import add_zone_certification, create_craft_village, create_zone
from ocop.producers.enums import (
    DocumentKind,
    EnterpriseSize,
    Gender,
    LegalForm,
    ProductOrigin,
    ZoneCertificationKind,
)
from ocop.producers.models import Producer

CSV_PATH = Path(__file__).parent / "data" / "ninh-thuan-products.csv"
LEGAL_FORMS = {
    "doanh nghiệp": LegalForm.ENTERPRISE,
    "hợp tác xã": LegalForm.COOPERATIVE,
    "hộ kinh doanh": LegalForm.HOUSEHOLD,
}

# Recognition rounds: year → (decision date of 3★ decisions, of 4★ decisions, 3★ level, products, of which 4★).
# 182 products before the 2024 round (30 × 4★), 65 in 2022 (9 × 4★), 84 in 2024 (12 × 4★).
ROUNDS = {
    2020: (datetime.date(2020, 12, 30), datetime.date(2020, 12, 30), RecognitionLevel.PROVINCE, 30, 5),
    2021: (datetime.date(2021, 12, 28), datetime.date(2021, 12, 28), RecognitionLevel.PROVINCE, 50, 12),
    2022: (datetime.date(2022, 12, 31), datetime.date(2022, 12, 31), RecognitionLevel.PROVINCE, 65, 9),
    2023: (datetime.date(2023, 10, 20), datetime.date(2023, 12, 29), RecognitionLevel.DISTRICT, 37, 4),
    2024: (datetime.date(2024, 11, 15), datetime.date(2024, 12, 27), RecognitionLevel.DISTRICT, 84, 12),
}

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương", "Lý", "Trương"]
CHAM_NAMES = ["Đàng Năng", "Thiên Sanh", "Phú Thị", "Quảng Đại", "Thông Thị", "Châu Văn", "Lưu Quang"]
MIDDLE = ["Văn", "Thị", "Minh", "Ngọc", "Thanh", "Hữu", "Quốc", "Thị Kim", "Thị Thu"]
GIVEN = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Hạnh",
    "Hòa",
    "Hùng",
    "Lan",
    "Long",
    "Mai",
    "Nam",
    "Phúc",
    "Sơn",
    "Tâm",
    "Thảo",
    "Thắng",
    "Trang",
    "Tuấn",
    "Vân",
    "Xuân",
    "Yến",
    "Tài",
    "Lộc",
    "Nhung",
]

# Product set → (product names, the raw material, a word for the producer's trade)
PRODUCTS_BY_SET = {
    1: (
        [
            "Nho xanh NH01-48",
            "Nho đỏ Cardinal",
            "Táo xanh Phan Rang",
            "Măng tây xanh",
            "Thanh long ruột đỏ",
            "Dưa lưới",
            "Nho ăn tươi hạ đen",
        ],
        "nho, táo, rau quả",
        "nông nghiệp",
    ),
    2: (["Thịt dê Phan Rang", "Thịt cừu", "Trứng gà ta", "Tôm hùm xanh"], "dê, cừu, gia cầm", "chăn nuôi"),
    4: (["Mật ong hoa nhãn", "Mật ong rừng Bác Ái"], "mật ong", "nuôi ong"),
    6: (["Bánh tráng nước dừa", "Bánh căn đóng gói", "Bánh ít lá gai"], "gạo", "chế biến"),
    7: (
        ["Nho sấy dẻo", "Táo sấy giòn", "Mứt nho", "Hạt điều rang muối", "Mứt táo", "Rong sụn sấy khô", "Nha đam sấy"],
        "nho, táo, điều",
        "chế biến nông sản",
    ),
    8: (
        ["Khô dê", "Mực một nắng", "Cá cơm khô", "Chả cá Cà Ná", "Sữa dê thanh trùng", "Khô cá chỉ vàng"],
        "dê, hải sản",
        "chế biến thủy sản",
    ),
    9: (["Nước mắm cá cơm", "Nước mắm nhĩ", "Nước mắm truyền thống 35 độ đạm"], "cá cơm", "nước mắm"),
    10: (
        ["Muối hạt", "Muối tôm", "Hành tím", "Tỏi Phan Rang", "Tỏi cô đơn", "Muối ớt xanh"],
        "hành, tỏi, muối",
        "nông nghiệp",
    ),
    12: (["Trà măng tây", "Trà lá nho", "Trà mãng cầu", "Trà nha đam"], "măng tây, lá nho", "chế biến"),
    15: (["Vang nho đỏ", "Rượu vang nho trắng", "Vang nho ngọt"], "nho", "sản xuất rượu vang"),
    17: (["Siro nho", "Nước ép nho", "Nước nha đam"], "nho, nha đam", "chế biến"),
    18: (["Viên tinh nghệ", "Tinh bột nghệ"], "nghệ", "dược liệu"),
    19: (["Xà phòng nha đam", "Sữa tắm dược liệu"], "nha đam", "mỹ phẩm thảo dược"),
    20: (["Tinh dầu sả chanh", "Tinh dầu tràm"], "sả, tràm", "tinh dầu"),
    21: (["Bình gốm Bàu Trúc", "Tượng gốm Bàu Trúc", "Đèn gốm trang trí"], "đất sét", "gốm"),
    22: (["Khăn thổ cẩm Mỹ Nghiệp", "Túi thổ cẩm", "Váy thổ cẩm Chăm"], "sợi bông", "dệt thổ cẩm"),
    26: (["Du lịch cộng đồng làng Chăm", "Điểm du lịch vườn nho", "Du lịch sinh thái đầm Nại"], "", "du lịch"),
}
# Where a set mixes origins, a demo product's origin follows the start of its name; otherwise its set's.
ORIGIN_BY_NAME = (
    *((start, ProductOrigin.LIVESTOCK_POULTRY) for start in ("Thịt dê", "Thịt cừu", "Trứng gà", "Khô dê", "Sữa dê")),
    ("Mật ong", ProductOrigin.BEE),
    *(
        (start, ProductOrigin.AQUATIC)
        for start in ("Tôm", "Mực", "Cá cơm", "Chả cá", "Khô cá", "Nước mắm", "Rong", "Mứt rau câu")
    ),
    *((start, ProductOrigin.PLANT) for start in ("Hành", "Tỏi")),
    ("Muối", ProductOrigin.OTHER),
)
ORIGIN_BY_SET = {
    **dict.fromkeys((1, 3, 6, 7, 12, 15, 17, 18, 19, 20), ProductOrigin.PLANT),
    **dict.fromkeys((21, 22, 26), ProductOrigin.OTHER),
}


def demo_origin(name: str, product_set: int) -> str:
    return next(
        (origin for start, origin in ORIGIN_BY_NAME if name.startswith(start)), ORIGIN_BY_SET.get(product_set, "")
    )


SET_WEIGHTS = {
    1: 14,
    2: 4,
    4: 3,
    6: 4,
    7: 20,
    8: 8,
    9: 8,
    10: 10,
    12: 5,
    15: 5,
    17: 4,
    18: 2,
    19: 2,
    20: 2,
    21: 4,
    22: 3,
    26: 2,
}
COMPANY_NAMES = ["Phan Rang", "Sông Dinh", "Hoàng Gia", "Minh Phát", "An Phú"]
CRAFT_VILLAGES = [
    ("Làng gốm Bàu Trúc", "gốm", "22870"),
    ("Làng dệt thổ cẩm Mỹ Nghiệp", "dệt thổ cẩm", "22870"),
    ("Làng nghề nước mắm Cà Ná", "nước mắm", "22910"),
    ("Làng nghề muối Tri Hải", "làm muối", "22864"),
]


@dataclass
class _Context:
    rng: random.Random
    communes: dict[str, AdministrativeUnit]
    villages: dict[str, object]
    decision_numbers: dict[tuple, str]
    registration_numbers: set
    producer_names: dict = field(default_factory=dict)
    product_names: dict = field(default_factory=dict)  # (producer id, product set) → names given

    def names_of(self, producer, product_set: int | None = None) -> set[str]:
        if product_set is not None:
            return self.product_names.setdefault((producer.pk, product_set), set())
        return {name for (pk, _set), names in self.product_names.items() if pk == producer.pk for name in names}


def _commune(context: _Context, short_name: str, district_name: str | None = None) -> AdministrativeUnit:
    matches = [
        u
        for u in context.communes.values()
        if u.short_name == short_name and (district_name is None or district_name in u.parent.name)
    ]
    return matches[0]


def _person(rng: random.Random, cham: bool = False) -> tuple[str, str]:
    gender = rng.choice([Gender.FEMALE, Gender.MALE])
    middle = "Thị" if gender == Gender.FEMALE else rng.choice(["Văn", "Minh", "Hữu", "Quốc", "Thanh"])
    surname = rng.choice(CHAM_NAMES) if cham else f"{rng.choice(SURNAMES)} {middle}"
    return f"{surname} {rng.choice(GIVEN)}", gender


def _registration_number(context: _Context) -> str:
    while (number := f"4{context.rng.randrange(100_000_000, 999_999_999)}") in context.registration_numbers:
        pass
    context.registration_numbers.add(number)
    return number


def _decision_number(context: _Context, decided_on: datetime.date, level: str, unit) -> str:
    key = (decided_on, level, unit.pk if level == RecognitionLevel.DISTRICT else None)
    if key not in context.decision_numbers:
        context.decision_numbers[key] = f"{context.rng.randrange(1200, 3600)}/QĐ-UBND"
    return context.decision_numbers[key]


def _recognise(context: _Context, product, year: int, stars: int, *, generated: bool = True) -> None:
    three_star_date, four_star_date, three_star_level, _total, _fours = ROUNDS[year]
    decided_on, level = (
        (four_star_date, RecognitionLevel.PROVINCE) if stars >= 4 else (three_star_date, three_star_level)
    )
    district = product.producer.unit.parent
    issuing_body = (
        f"UBND {district.name[0].lower()}{district.name[1:]}"
        if level == RecognitionLevel.DISTRICT
        else "UBND tỉnh Ninh Thuận"
    )
    score = Decimal(context.rng.randrange(7000, 8900) if stars == 4 else context.rng.randrange(5000, 6990)) / 100
    register_certificate_from_records(
        actor=None,
        product=product,
        stars=stars,
        decision_number=_decision_number(context, decided_on, level, district),
        decided_on=decided_on,
        level=level,
        score=score,
        issuing_body=issuing_body,
        is_generated=generated,
    )


def _load_villages(context: _Context) -> None:
    for name, craft, code in CRAFT_VILLAGES:
        context.villages[code] = create_craft_village(
            actor=None,
            name=name,
            craft=craft,
            unit=context.communes[code],
            is_generated=True,
            recognition_number=f"{context.rng.randrange(100, 999)}/QĐ-UBND",
            recognition_date=datetime.date(context.rng.randrange(2006, 2016), context.rng.randrange(1, 12), 15),
            recognised_by="UBND tỉnh Ninh Thuận",
        )


def _load_named_products(context: _Context) -> dict[str, object]:
    """The products named in public sources, with their producers, in their communes before 1/7/2025."""
    producers = {}
    with CSV_PATH.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        unit = _commune(context, row["commune_before_2025"], row["district_before_2025"])
        producer_name = row["producer"] or f"Tổ hợp tác {row['product']}"
        if producer_name not in producers:
            legal_form = LEGAL_FORMS.get(row["producer_type"], LegalForm.COOPERATIVE_GROUP)
            person, gender = _person(context.rng, cham="Chăm" in row["note"])
            producers[producer_name] = create_producer(
                actor=None,
                name=producer_name,
                legal_form=legal_form,
                unit=unit,
                enterprise_size=EnterpriseSize.SMALL if legal_form == LegalForm.ENTERPRISE else "",
                registration_number=_registration_number(context),
                representative_name=person,
                representative_gender=gender,
                representative_ethnicity="Chăm" if "Chăm" in row["note"] else "Kinh",
                members_count=85 if "85 members" in row["note"] else None,
                circular_economy="Nho" in producer_name or "Tuấn Tú" in producer_name,
                craft_village=context.villages.get(unit.code) if row["product_set"] in ("9", "21", "22") else None,
                is_generated=not row["producer"],
            )
        product = create_product(
            actor=None,
            producer=producers[producer_name],
            name=row["product"],
            product_set=int(row["product_set"]),
            origin=demo_origin(row["product"], int(row["product_set"])),
            description=row["note"],
            registered_in=int(row["year"]),
        )
        if row["stars"]:
            _recognise(context, product, int(row["year"]), int(row["stars"]))
    return producers


def _unique_in_commune(context: _Context, name: str, unit: AdministrativeUnit) -> str:
    """Two generated producers of a commune never share a name (the registry refuses it, as it should)."""
    taken = context.producer_names.setdefault(
        unit.pk, set(Producer.objects.filter(unit=unit).values_list("search_name", flat=True))
    )
    candidate, number = name, 1
    while fold(candidate) in taken:
        number += 1
        candidate = f"{name} {number}"
    taken.add(fold(candidate))
    return candidate


def _generated_producer(context: _Context, unit: AdministrativeUnit, product_set: int):
    rng = context.rng
    trade = PRODUCTS_BY_SET[product_set][2].capitalize()
    legal_form = rng.choices(
        [LegalForm.COOPERATIVE, LegalForm.HOUSEHOLD, LegalForm.ENTERPRISE, LegalForm.FARM, LegalForm.COOPERATIVE_GROUP],
        weights=[40, 30, 18, 6, 6],
    )[0]
    cham = unit.parent.code in ("587", "589") and rng.random() < 0.3
    person, gender = _person(rng, cham)
    name = {
        LegalForm.COOPERATIVE: f"HTX {trade} {unit.short_name}",
        LegalForm.HOUSEHOLD: f"Hộ kinh doanh {person}",
        LegalForm.ENTERPRISE: f"Công ty TNHH {trade} {rng.choice(COMPANY_NAMES)}",
        LegalForm.FARM: f"Trang trại {trade} {person.split()[-1]}",
        LegalForm.COOPERATIVE_GROUP: f"Tổ hợp tác {trade} {unit.short_name}",
    }[legal_form]
    name = _unique_in_commune(context, name, unit)
    return create_producer(
        actor=None,
        name=name,
        legal_form=legal_form,
        unit=unit,
        is_generated=True,
        enterprise_size=rng.choice(list(EnterpriseSize)) if legal_form == LegalForm.ENTERPRISE else "",
        registration_number=_registration_number(context),
        registration_date=datetime.date(rng.randrange(2008, 2020), rng.randrange(1, 13), rng.randrange(1, 28)),
        representative_name=person,
        representative_gender=gender,
        representative_ethnicity="Chăm" if cham else "Kinh",
        representative_disabled=rng.random() < 0.03,
        phone=f"0{rng.choice(['259', '913', '987', '338'])}{rng.randrange(1_000_000, 9_999_999)}",
        members_count=rng.randrange(7, 120) if legal_form == LegalForm.COOPERATIVE else None,
        member_households=rng.randrange(7, 90) if legal_form == LegalForm.COOPERATIVE else None,
        workers_count=rng.randrange(2, 60),
        circular_economy=rng.random() < 0.25,
        craft_village=context.villages.get(unit.code) if product_set in (9, 10, 21, 22) else None,
    )


def _generated_products(context: _Context, year: int, count: int, fours: int, producers: list) -> None:
    rng = context.rng
    sets, weights = list(SET_WEIGHTS), list(SET_WEIGHTS.values())
    communes = [u for u in context.communes.values() if u.era == Era.BEFORE_2025]
    for index in range(count):
        product_set = rng.choices(sets, weights=weights)[0]
        # Generated products only go to generated producers: real producers keep exactly their real products.
        reuse = [p for p in producers if p.is_generated and len(context.names_of(p, product_set)) < 3]
        if reuse and rng.random() < 0.55:
            producer = rng.choice(reuse)
        else:
            producer = _generated_producer(context, rng.choice(communes), product_set)
            producers.append(producer)
        names = PRODUCTS_BY_SET[product_set][0]
        existing = context.names_of(producer)
        name = next(
            (n for n in rng.sample(names, len(names)) if n not in existing),
            f"{rng.choice(names)} loại {len(existing) + 1}",
        )
        product = create_product(
            actor=None,
            producer=producer,
            name=name,
            product_set=product_set,
            origin=demo_origin(name, product_set),
            registered_in=year,
            is_generated=True,
            packaging=rng.choice(["Chai 500 ml", "Hộp 250 g", "Túi 500 g", "Hộp quà 1 kg", ""]),
            shelf_life=rng.choice(["12 tháng", "6 tháng", "24 tháng", ""]),
        )
        context.names_of(producer, product_set).add(name)
        _recognise(context, product, year, 4 if index < fours else 3)


def _zones_and_documents(context: _Context, producers: list) -> None:
    rng = context.rng
    for number, producer in enumerate(
        p for p in producers if p.is_generated and p.products.filter(product_set__in=(1, 7, 10, 12, 15)).exists()
    ):
        if number >= 25:
            break
        zone = create_zone(
            actor=None,
            producer=producer,
            name=f"Vùng nguyên liệu {producer.unit.short_name} {number + 1}",
            material=rng.choice(["Nho", "Táo", "Măng tây", "Hành tím", "Tỏi"]),
            growing_area_code=f"VN-NTOR-{number + 1:04d}",
            unit=producer.unit,
            is_generated=True,
            area_hectares=Decimal(rng.randrange(150, 4000)) / 100,
            location="Thôn 1",
        )
        if rng.random() < 0.7:
            issued = datetime.date(rng.randrange(2022, 2026), rng.randrange(1, 13), 1)
            add_zone_certification(
                actor=None,
                zone=zone,
                kind=rng.choice(list(ZoneCertificationKind)[:3]),
                number=f"VG-{rng.randrange(1000, 9999)}",
                issuer="Trung tâm Chứng nhận Phù hợp",
                issued_on=issued,
                valid_until=issued.replace(year=issued.year + 3),
            )
        set_raw_material_zones(actor=None, product=producer.products.first(), zones=[zone])
    for producer in producers[:60]:
        if not producer.is_generated:
            continue
        issued = datetime.date(rng.randrange(2022, 2026), rng.randrange(1, 13), rng.randrange(1, 28))
        add_document(
            actor=None,
            producer=producer,
            kind=DocumentKind.FOOD_SAFETY,
            number=f"{rng.randrange(100, 999)}/{issued.year}/ATTP-CNĐK",
            issuer="Sở Nông nghiệp và Phát triển nông thôn tỉnh Ninh Thuận",
            issued_on=issued,
            valid_until=issued.replace(year=issued.year + 3),
        )


def _green_evidence(producers: list) -> None:
    """Most producers marked green that have a raw-material zone hold the paper proving their chain; a few marked
    ones have the paper but no zone, so target I.2.7 (and the producer page) shows both cases. Its own random
    stream, so that the rest of the demo stays as it was."""
    rng = random.Random(27)
    for producer in producers:
        if not (producer.is_generated and producer.circular_economy):
            continue
        has_zone = producer.raw_material_zones.exists()
        if rng.random() < (0.75 if has_zone else 0.35):
            issued = datetime.date(rng.randrange(2021, 2024), rng.randrange(1, 13), rng.randrange(1, 28))
            add_document(
                actor=None,
                producer=producer,
                kind=DocumentKind.CIRCULAR_ECONOMY,
                number=f"{rng.randrange(10, 99)}/XN-SNN",
                issuer="Sở Nông nghiệp và Phát triển nông thôn tỉnh Ninh Thuận",
                issued_on=issued,
                title="Xác nhận mô hình sản xuất theo hướng kinh tế tuần hoàn",
            )


def _ideas(context: _Context, producers: list) -> None:
    """Products still in the early cycle (ideas), two of which the producer gave up."""
    rng = context.rng
    for number in range(12):
        product_set = rng.choice([7, 10, 12, 17])
        makers = [p for p in producers if p.is_generated and context.names_of(p, product_set)]
        producer = rng.choice(makers or [p for p in producers if p.is_generated])
        taken = context.names_of(producer)
        name = next(
            (
                f"{base} {producer.unit.short_name}"
                for base in rng.sample(PRODUCTS_BY_SET[product_set][0], 3)
                if f"{base} {producer.unit.short_name}" not in taken
            ),
            f"{PRODUCTS_BY_SET[product_set][0][0]} {producer.unit.short_name} {number + 1}",
        )
        context.names_of(producer, product_set).add(name)
        product = create_product(
            actor=None,
            producer=producer,
            is_generated=True,
            product_set=product_set,
            name=name,
            origin=demo_origin(name, product_set),
        )
        if number < 2:
            withdraw_product(actor=None, product=product, reason="Chủ thể ngừng sản xuất (dữ liệu demo)")


def load() -> None:
    context = _Context(
        rng=random.Random(706),
        communes={
            u.code: u
            for u in AdministrativeUnit.objects.filter(
                era=Era.BEFORE_2025, level=UnitLevel.COMMUNE, parent__parent__code="58"
            ).select_related("parent")
        },
        villages={},
        decision_numbers={},
        registration_numbers=set(),
    )
    _load_villages(context)
    producers = list(_load_named_products(context).values())
    with CSV_PATH.open(encoding="utf-8") as handle:
        named = [(int(row["year"]), int(row["stars"])) for row in csv.DictReader(handle) if row["stars"]]
    for year, (_three, _four, _level, total, fours) in ROUNDS.items():
        named_in_year = [stars for named_year, stars in named if named_year == year]
        _generated_products(context, year, total - len(named_in_year), fours - named_in_year.count(4), producers)
    _zones_and_documents(context, producers)
    _ideas(context, producers)
    _green_evidence(producers)
