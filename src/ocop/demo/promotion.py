"""Trade promotion in the demo, 2024 (dữ liệu demo): the four fairs of task PL2.1 of plan 706 (Hà Nội, Cần Thơ, Đà
Nẵng, TP. Hồ Chí Minh) with the demo producers' products registered (each with a certificate in force on the fair's
first day) and their results, the one sales point of task PL2.2 opened in 2024 (target I.2.9), and a few buyer
inquiries, one answered by the demo producer. Made through the promotion domain; runs after the plan is loaded."""

import datetime
from decimal import Decimal

from ocop.accounts.models import User
from ocop.certificates.domain.validity import in_force
from ocop.certificates.models import Certificate
from ocop.demo.people import PRODUCER_ACCOUNT
from ocop.geo.domain.queries import successors_on
from ocop.geo.enums import UnitLevel
from ocop.geo.models import AdministrativeUnit
from ocop.planning.models import Task
from ocop.producers.models import Producer, Product
from ocop.promotion.domain import fairs, inquiries, sales_points
from ocop.promotion.models import Fair, InquiryRoute

D = datetime.date
ORGANISER = "Trung tâm Khuyến công và Xúc tiến thương mại tỉnh Ninh Thuận"
# name, place, venue, first day, last day, budget (VND), products registered
FAIRS = [
    ("Hội chợ OCOP và sản phẩm đặc trưng vùng miền Hà Nội 2024", "Hà Nội", "Cung Văn hóa Hữu nghị Việt Xô",
     D(2024, 4, 24), D(2024, 4, 28), 120_000_000, 4),
    ("Hội chợ Nông nghiệp quốc tế Việt Nam AgroViet Cần Thơ 2024", "Cần Thơ", "Khu đô thị Nam Cần Thơ",
     D(2024, 6, 6), D(2024, 6, 10), 90_000_000, 3),
    ("Hội chợ Thương mại OCOP khu vực miền Trung – Tây Nguyên", "Đà Nẵng", "Cung Thể thao Tiên Sơn",
     D(2024, 9, 18), D(2024, 9, 22), 100_000_000, 3),
    ("Hội chợ Triển lãm hàng nông nghiệp và OCOP TP. Hồ Chí Minh 2024", "TP. Hồ Chí Minh", "SECC Quận 7",
     D(2024, 11, 27), D(2024, 12, 1), 110_000_000, 4),
]  # fmt: skip
PROVINCE_CODES = {"Hà Nội": "01", "Cần Thơ": "92", "Đà Nẵng": "48", "TP. Hồ Chí Minh": "79"}
SALES_POINT = {
    "name": "Điểm giới thiệu và bán sản phẩm OCOP tỉnh Ninh Thuận",
    "address": "Số 30 đường 16 tháng 4, Phan Rang - Tháp Chàm",
    "operator_name": "Trung tâm Khuyến công và Xúc tiến thương mại tỉnh Ninh Thuận",
    "opened_on": D(2024, 9, 2),
}
PHAN_RANG_WARD = "22738"  # phường Phủ Hà (before 1/7/2025): the point stands in the ward it became
INQUIRIES = [
    ("Công ty TNHH Thực phẩm sạch Sài Gòn", "0903 456 789", "nước mắm", "3.000 lít/tháng", "56"),
    ("Chuỗi cửa hàng Đặc sản Việt (Hà Nội)", "dacsanviet@example.vn", "nho sấy", "500 kg/quý", None),
    ("Bếp ăn tập thể KCN Du Long", "0258 3 888 999", "tỏi", "200 kg/tháng", "56"),
    ("Siêu thị Co.op Mart Phan Rang", "0259 3 822 822", "nho", "1 tấn/tháng", "56"),
]


def _registrable(day: datetime.date, count: int, first: list[Product]) -> list[Product]:
    """Products with a certificate in force on ``day``: the demo producer's first, then others in a fixed order."""
    certified = in_force(Certificate.objects.filter(replaced_by__isnull=True), day).values("product")
    products = Product.objects.filter(pk__in=certified, withdrawn_on__isnull=True).select_related("producer")
    own = [product for product in first if products.filter(pk=product.pk).exists()][:1]
    others = list(products.exclude(pk__in=[p.pk for p in own]).order_by("producer__name", "name", "pk")[: count * 7])
    return own + others[::7][: count - len(own)]


def load() -> None:
    if Fair.objects.exists():
        return
    office = User.objects.get(username="tinh.ocop")
    producer_account = User.objects.get(username=PRODUCER_ACCOUNT[0])
    demo_producer = Producer.objects.get(name=PRODUCER_ACCOUNT[2])
    own = list(demo_producer.products.order_by("pk"))
    tasks = {
        task.code: task for task in Task.objects.filter(plan__reference="706/KH-UBND", code__in=["PL2.1", "PL2.2"])
    }
    for number, (name, place, venue, starts, ends, budget, count) in enumerate(FAIRS):
        fair = fairs.create_fair(
            actor=office,
            name=name,
            place=place,
            unit=AdministrativeUnit.objects.filter(
                level=UnitLevel.PROVINCE, era="from_2025", code=PROVINCE_CODES[place]
            ).first(),
            venue=venue,
            starts_on=starts,
            ends_on=ends,
            organiser=ORGANISER,
            task=tasks.get("PL2.1"),
            budget=Decimal(budget),
        )
        products = _registrable(starts, count, own)
        fairs.invite_producers(
            actor=office, fair=fair, producers={p.producer_id: p.producer for p in products}.values()
        )
        for booth, product in enumerate(products, start=1):
            actor = producer_account if product.producer_id == demo_producer.pk else office
            registration = fairs.register_product(
                actor=actor, fair=fair, product=product, booth=f"{'ABCD'[number]}{booth:02d}"
            )
            fairs.record_results(
                actor=office,
                registration=registration,
                booth=registration.booth,
                contracts_signed=(booth + number) % 3,
                sales=Decimal(8_500_000 + 3_250_000 * ((booth * 7 + number * 3) % 9)),
            )
    ward = AdministrativeUnit.objects.filter(code=PHAN_RANG_WARD, level=UnitLevel.COMMUNE).first()
    today_ward = successors_on(ward, D(2025, 7, 1))[0]
    stocked = _registrable(SALES_POINT["opened_on"], 8, own)
    sales_points.create_sales_point(
        actor=office, unit=today_ward, task=tasks.get("PL2.2"), products=stocked, **SALES_POINT
    )
    provinces = {
        unit.code: unit
        for unit in AdministrativeUnit.objects.filter(level=UnitLevel.PROVINCE, era="from_2025", code="56")
    }
    for buyer, contact, product_type, volume, province in INQUIRIES:
        inquiries.receive_inquiry(
            buyer_name=buyer,
            contact=contact,
            product_type=product_type,
            volume=volume,
            province=provinces.get(province),
            message="Xin báo giá và điều kiện giao hàng (dữ liệu demo).",
        )
    route = InquiryRoute.objects.filter(producer=demo_producer).order_by("pk").first()
    if route is not None:
        inquiries.answer_inquiry(
            actor=producer_account,
            route=route,
            answer="HTX đã gửi báo giá và mẫu thử qua đường bưu điện (dữ liệu demo).",
        )
