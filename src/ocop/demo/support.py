"""Programme support in the demo, 2024: the five training classes of task PL2.5 with their participants and
attendance, the four marks of task PL2.3 granted in 2024 (and one application carried over to 2025), the money of
the Phụ lục II tasks by source, and the support a few producers received.

The plan's seed (plan 706) names the funding sources (section IV) but gives no amounts for its Phụ lục II lines: the
amounts here are made up, marked "dữ liệu demo", and agree with the spending the demo's progress reports give for the
same tasks (demo/planning.py). The marks and their numbers are made up too; the producers and products are the
demo's real ones. Running it again adds nothing.
"""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from ocop.geo.enums import Era, UnitLevel
from ocop.geo.models import AdministrativeUnit
from ocop.planning.models import Plan
from ocop.producers.domain.documents import add_document
from ocop.producers.models import Producer
from ocop.support.domain import funding, ip_cases, training
from ocop.support.models import TrainingClass

DEMO_NOTE = "dữ liệu demo"
SUPPORTED = "Hỗ trợ từ Kế hoạch 706/KH-UBND"
D = datetime.date

# topic, first and last day, place, area served (district code, or the province), trainer, who attends
CLASSES = [
    (
        "Tập huấn triển khai Chương trình OCOP năm 2024 cho cán bộ cấp huyện, xã",
        D(2024, 3, 19),
        D(2024, 3, 21),
        "Hội trường UBND huyện Ninh Phước",
        "587",
        "Văn phòng Điều phối nông thôn mới tỉnh",
        (["huyen.ninhphuoc", "xa.phuocthuan"], ["Công ty TNHH SX-TM-DV Ba Mọi", "Cơ sở sản xuất rượu mật nho 39"]),
    ),
    (
        "Xây dựng phương án sản xuất kinh doanh và hồ sơ đánh giá sản phẩm OCOP",
        D(2024, 5, 14),
        D(2024, 5, 16),
        "Hội trường UBND huyện Ninh Hải",
        "586",
        "Chuyên gia tư vấn OCOP, Viện Nghiên cứu Kinh tế và Phát triển",
        ([], ["HTX DV tổng hợp nông nghiệp Thái An", "HTX thu mua nông sản Thanh Hải"]),
    ),
    (
        "Thiết kế bao bì, nhãn hàng hóa và truy xuất nguồn gốc sản phẩm OCOP",
        D(2024, 8, 6),
        D(2024, 8, 8),
        "Hội trường UBND huyện Ninh Sơn",
        "585",
        "Trung tâm Khuyến công và Xúc tiến thương mại tỉnh",
        ([], ["Công ty TNHH SX&TM nông sản Thái Thuận - Ninh Thuận"]),
    ),
    (
        "Kỹ năng bán hàng, thương mại điện tử cho chủ thể OCOP",
        D(2024, 9, 17),
        D(2024, 9, 19),
        "Hội trường UBND huyện Thuận Nam",
        "589",
        "Sở Công Thương",
        ([], ["Công ty TNHH Nước mắm Cana"]),
    ),
    (
        "Nghiệp vụ đánh giá, phân hạng sản phẩm OCOP cho thành viên Hội đồng và Tổ tư vấn",
        D(2024, 11, 12),
        D(2024, 11, 14),
        "Hội trường Sở Nông nghiệp và Phát triển nông thôn, Phan Rang - Tháp Chàm",
        "58",
        "Văn phòng Điều phối nông thôn mới Trung ương",
        (["tinh.ocop", "hoidong.01", "hoidong.02", "tuvan.01"], []),
    ),
]

# producer, kind, mark, application number, filed on, granted on (None: still filed), protection certificate number,
# note
MARKS = [
    (
        "HTX DV tổng hợp nông nghiệp Thái An",
        "ordinary_mark",
        "Thái An",
        "4-2023-21087",
        D(2023, 7, 4),
        D(2024, 5, 20),
        "4-0498123-000",
        SUPPORTED,
    ),
    (
        "HTX DV tổng hợp Tuấn Tú",
        "ordinary_mark",
        "Măng tây Tuấn Tú",
        "4-2023-25310",
        D(2023, 8, 11),
        D(2024, 6, 18),
        "4-0501456-000",
        SUPPORTED,
    ),
    (
        "HTX Phước Vinh 59",
        "collective_mark",
        "Táo Phước Vinh",
        "4-2023-33972",
        D(2023, 11, 2),
        D(2024, 8, 27),
        "4-0512789-000",
        SUPPORTED,
    ),
    (
        "HTX thu mua nông sản Thanh Hải",
        "collective_mark",
        "Hành tím Thanh Hải",
        "4-2024-02145",
        D(2024, 1, 16),
        D(2024, 11, 25),
        "4-0524310-000",
        SUPPORTED,
    ),
    (
        "Cơ sở sản xuất rượu mật nho 39",
        "ordinary_mark",
        "Mật nho 39",
        "4-2024-31877",
        D(2024, 10, 8),
        None,
        "",
        "Chuyển tiếp sang năm 2025",
    ),
]

# task code → [(source, allocated or spent, amount in VND, dated, note)]; the spending agrees with demo/planning.py
FUNDING = {
    "PL2.1": [
        (
            "industry_promotion",
            "allocated",
            450_000_000,
            D(2024, 3, 5),
            "Quyết định phân bổ kinh phí xúc tiến thương mại",
        ),
        ("industry_promotion", "spent", 180_000_000, D(2024, 6, 20), "Hội chợ Hà Nội, Cần Thơ"),
        ("industry_promotion", "spent", 240_000_000, D(2024, 12, 10), "Hội chợ Đà Nẵng, TP. Hồ Chí Minh"),
    ],
    "PL2.2": [
        ("new_rural", "allocated", 150_000_000, D(2024, 3, 5), "Vốn Chương trình MTQG xây dựng nông thôn mới"),
        ("new_rural", "spent", 150_000_000, D(2024, 11, 30), "Điểm giới thiệu và bán sản phẩm OCOP"),
    ],
    "PL2.3": [
        ("new_rural", "allocated", 120_000_000, D(2024, 3, 5), "Hỗ trợ xây dựng, đăng ký 04 nhãn hiệu"),
        ("new_rural", "spent", 96_000_000, D(2024, 12, 5), "Phí đăng ký và tư vấn 04 nhãn hiệu"),
    ],
    "PL2.4": [
        ("new_rural", "allocated", 150_000_000, D(2024, 3, 5), "Hỗ trợ in tem, bao bì"),
        ("enterprise", "allocated", 30_000_000, D(2024, 3, 20), "Đối ứng của các chủ thể"),
        ("new_rural", "spent", 60_000_000, D(2024, 6, 15), "In tem đợt 1"),
        ("new_rural", "spent", 75_000_000, D(2024, 11, 20), "In tem, bao bì đợt 2"),
        ("enterprise", "spent", 30_000_000, D(2024, 11, 20), "Đối ứng của các chủ thể"),
    ],
    "PL2.5": [
        ("new_rural", "allocated", 100_000_000, D(2024, 3, 5), "Tập huấn cán bộ, chủ thể OCOP"),
        ("poverty", "allocated", 30_000_000, D(2024, 4, 2), "Tập huấn chủ thể tại vùng đồng bào dân tộc thiểu số"),
        ("new_rural", "spent", 48_000_000, D(2024, 5, 31), "Lớp tại Ninh Phước, Ninh Hải"),
        ("poverty", "spent", 30_000_000, D(2024, 9, 30), "Lớp tại Ninh Sơn, Thuận Nam"),
        ("new_rural", "spent", 47_000_000, D(2024, 11, 29), "Lớp cho Hội đồng và Tổ tư vấn"),
    ],
    "PL2.6": [
        ("new_rural", "allocated", 220_000_000, D(2024, 3, 5), "Tổ chức đánh giá, phân hạng sản phẩm năm 2024"),
        ("new_rural", "spent", 210_000_000, D(2024, 12, 20), "Hội đồng đánh giá cấp tỉnh"),
    ],
}

# producer, kind, received on, what was given, value in VND, source, task code
PRODUCER_SUPPORT = [
    (
        "HTX DV tổng hợp nông nghiệp Thái An",
        "stamps",
        D(2024, 6, 12),
        "5.000 tem OCOP",
        5_000_000,
        "new_rural",
        "PL2.4",
    ),
    (
        "HTX DV tổng hợp nông nghiệp Thái An",
        "packaging",
        D(2024, 11, 20),
        "500 hộp giấy in nhãn nho sấy",
        15_000_000,
        "new_rural",
        "PL2.4",
    ),
    (
        "HTX DV tổng hợp nông nghiệp Thái An",
        "fairs",
        D(2024, 5, 14),
        "Gian hàng tại Hội chợ OCOP Hà Nội",
        12_000_000,
        "industry_promotion",
        "PL2.1",
    ),
    (
        "HTX DV tổng hợp nông nghiệp Thái An",
        "training",
        D(2024, 5, 16),
        "Lớp xây dựng phương án sản xuất kinh doanh",
        None,
        "new_rural",
        "PL2.5",
    ),
    (
        "HTX DV tổng hợp nông nghiệp Thái An",
        "trademark",
        D(2024, 5, 20),
        "Đăng ký nhãn hiệu Thái An",
        24_000_000,
        "new_rural",
        "PL2.3",
    ),
    (
        "Công ty TNHH Nước mắm Cana",
        "fairs",
        D(2024, 11, 22),
        "Gian hàng tại Hội chợ OCOP TP. Hồ Chí Minh",
        12_000_000,
        "industry_promotion",
        "PL2.1",
    ),
    (
        "HTX DV tổng hợp Tuấn Tú",
        "packaging",
        D(2024, 11, 20),
        "300 túi zip in nhãn trà măng tây",
        9_000_000,
        "new_rural",
        "PL2.4",
    ),
]


def _producer(name: str) -> Producer:
    return Producer.objects.filter(name=name).order_by("pk").first()


def _area(code: str) -> AdministrativeUnit:
    level = UnitLevel.PROVINCE if len(code) == 2 else UnitLevel.DISTRICT
    return AdministrativeUnit.objects.get(era=Era.BEFORE_2025, level=level, code=code)


def _trademark_document(producer: Producer, mark: str, certificate: str, granted: datetime.date):
    return add_document(
        actor=None,
        producer=producer,
        kind="trademark",
        title=f"Giấy chứng nhận đăng ký nhãn hiệu “{mark}”",
        number=certificate,
        issuer="Cục Sở hữu trí tuệ",
        issued_on=granted,
        valid_until=granted.replace(year=granted.year + 10),
    )


def _load_classes(tasks: dict, users: dict) -> None:
    for topic, starts, ends, place, area, trainer, (usernames, producer_names) in CLASSES:
        training_class = training.create_training_class(
            actor=None,
            topic=topic,
            starts_on=starts,
            ends_on=ends,
            place=place,
            unit=_area(area),
            trainer=trainer,
            organiser="Sở Nông nghiệp và Phát triển nông thôn",
            task=tasks["PL2.5"],
        )
        producers = [producer for name in producer_names if (producer := _producer(name))]
        enrolled = training.enrol(
            actor=None,
            training_class=training_class,
            users=[users[name] for name in usernames if name in users],
            producers=producers,
        )
        # Everyone came but the last producer enrolled in a class of more than one (dữ liệu demo).
        absent = enrolled[-1].pk if len(enrolled) > 1 and enrolled[-1].producer_id else None
        training.record_attendance(
            actor=None,
            training_class=training_class,
            attended={participant.pk for participant in enrolled if participant.pk != absent},
        )


def _load_marks(tasks: dict) -> None:
    for name, kind, mark, number, filed, granted, certificate, note in MARKS:
        if (producer := _producer(name)) is None:
            continue
        ip_cases.open_ip_case(
            actor=None,
            producer=producer,
            kind=kind,
            mark=mark,
            task=tasks["PL2.3"],
            status="granted" if granted else "filed",
            application_number=number,
            filed_on=filed,
            granted_on=granted,
            certificate_number=certificate,
            document=_trademark_document(producer, mark, certificate, granted) if granted else None,
            note=f"{note} ({DEMO_NOTE})",
        )


def _load_funding(tasks: dict) -> None:
    for code, entries in FUNDING.items():
        for source, movement, amount, day, note in entries:
            funding.record_funding(
                actor=None,
                task=tasks[code],
                source=source,
                movement=movement,
                amount=Decimal(amount),
                entered_on=day,
                note=f"{note} ({DEMO_NOTE})",
            )


def _load_producer_support(tasks: dict) -> None:
    for name, kind, day, description, amount, source, code in PRODUCER_SUPPORT:
        if producer := _producer(name):
            funding.record_producer_support(
                actor=None,
                producer=producer,
                kind=kind,
                received_on=day,
                description=description,
                amount=None if amount is None else Decimal(amount),
                source=source,
                task=tasks[code],
            )


@transaction.atomic
def load() -> None:
    if TrainingClass.objects.exists():
        return
    plan = Plan.objects.get(reference="706/KH-UBND")
    tasks = {task.code: task for task in plan.tasks.select_related("plan")}
    _load_classes(tasks, {user.username: user for user in get_user_model().objects.all()})
    _load_marks(tasks)
    _load_funding(tasks)
    _load_producer_support(tasks)
