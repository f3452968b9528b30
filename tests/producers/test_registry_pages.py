import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from ocop.accounts.enums import Role
from ocop.producers.domain.producers import update_producer
from ocop.producers.domain.products import add_product_photo
from ocop.producers.models import Producer, ProductPhoto
from tests.factories import (
    NHON_HAI,
    make_producer,
    make_producer_account,
    make_product,
    make_user,
    png_upload,
)

pytestmark = pytest.mark.django_db


def _names(response) -> list[str]:
    return [p.name for p in response.context["page"].object_list]


def test_search_ignores_accents_and_d_bar(client):
    fish_sauce_maker = make_producer(name="Công ty TNHH Nước mắm Đông Hải")
    make_product(fish_sauce_maker, name="Nước mắm cá cơm 40 độ đạm", product_set=9)
    make_product(name="Nho sấy dẻo")
    client.force_login(make_user(Role.PROVINCE_OFFICE))
    products = client.get(reverse("backoffice:product_list"), {"q": "nuoc mam"})
    assert _names(products) == ["Nước mắm cá cơm 40 độ đạm"]
    producers = client.get(reverse("backoffice:producer_list"), {"q": "dong hai"})
    assert _names(producers) == ["Công ty TNHH Nước mắm Đông Hải"]


def test_lists_sort_in_vietnamese_order(client):
    for name in ["Đường phèn", "Dưa lưới", "Ăn liền", "Âm dương", "An Hải", "Bánh tráng"]:
        make_product(name=name)
    client.force_login(make_user(Role.PROVINCE_OFFICE))
    response = client.get(reverse("backoffice:product_list"))
    assert _names(response) == ["An Hải", "Ăn liền", "Âm dương", "Bánh tráng", "Dưa lưới", "Đường phèn"]


def test_a_commune_officer_sees_only_the_communes_producers(client):
    own = make_producer(name="HTX Phước Thuận")
    other = make_producer(NHON_HAI, name="HTX Nhơn Hải")
    client.force_login(make_user(Role.COMMUNE_OFFICER))
    assert _names(client.get(reverse("backoffice:producer_list"))) == ["HTX Phước Thuận"]
    assert client.get(reverse("backoffice:producer_detail", args=[own.pk])).status_code == 200
    assert client.get(reverse("backoffice:producer_detail", args=[other.pk])).status_code == 404


def test_a_producer_account_sees_only_its_own_records(client):
    own = make_producer(name="HTX Thái An")
    neighbour = make_producer(name="HTX Láng Giềng")
    make_product(own, name="Nho sấy")
    make_product(neighbour, name="Táo sấy")
    client.force_login(make_producer_account(own))
    assert _names(client.get(reverse("backoffice:producer_list"))) == ["HTX Thái An"]
    assert _names(client.get(reverse("backoffice:product_list"))) == ["Nho sấy"]
    assert client.get(reverse("backoffice:producer_edit", args=[neighbour.pk])).status_code == 404


def test_filters_by_product_set_and_area(client):
    make_product(name="Nước mắm", product_set=9)
    make_product(make_producer(NHON_HAI), name="Hành tím", product_set=10)
    client.force_login(make_user(Role.PROVINCE_OFFICE))
    assert _names(client.get(reverse("backoffice:product_list"), {"product_set": 10})) == ["Hành tím"]
    nhon_hai = make_producer(NHON_HAI).unit
    assert _names(client.get(reverse("backoffice:product_list"), {"area": nhon_hai.parent_id})) == ["Hành tím"]


def test_an_officer_creates_a_producer_with_vietnamese_dates(client):
    client.force_login(make_user(Role.COMMUNE_OFFICER))
    commune = make_producer().unit
    response = client.post(
        reverse("backoffice:producer_create"),
        {
            "name": "HTX Nho Phước Thuận",
            "legal_form": "cooperative",
            "registration_number": "4101999888",
            "registration_date": "25/12/2024",
            "unit": commune.pk,
            "representative_ethnicity": "Chăm",
            "members_count": "1.234",
        },
    )
    producer = Producer.objects.get(name="HTX Nho Phước Thuận")
    assert response.status_code == 302
    assert producer.registration_date.isoformat() == "2024-12-25"
    assert producer.members_count == 1234


def test_a_duplicate_registration_number_is_shown_on_the_field(client):
    make_producer(registration_number="4101999888", name="HTX Có Sẵn")
    client.force_login(make_user(Role.COMMUNE_OFFICER))
    response = client.post(
        reverse("backoffice:producer_create"),
        {
            "name": "HTX Khác",
            "legal_form": "cooperative",
            "registration_number": "4101999888",
            "unit": make_producer().unit.pk,
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["registration_number"] == ["Số ĐKKD này đã thuộc về “HTX Có Sẵn”."]


@pytest.mark.parametrize(
    "name", ["backoffice:producer_list", "backoffice:product_list", "backoffice:zone_list", "backoffice:village_list"]
)
def test_registry_lists_do_not_grow_with_rows(client, name):
    from ocop.producers.domain.zones import create_craft_village, create_zone

    def add(count):
        for _ in range(count):
            producer = make_producer()
            make_product(producer)
            create_zone(actor=None, producer=producer, name=f"Vùng {producer.pk}", material="Nho", unit=producer.unit)
            create_craft_village(actor=None, name=f"Làng {producer.pk}", unit=producer.unit)

    client.force_login(make_user(Role.PROVINCE_OFFICE))
    add(2)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse(name))
    add(10)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse(name))
    assert len(many) == len(few)


def test_export_follows_the_filters(client):
    make_product(name="Nước mắm", product_set=9)
    make_product(name="Hành tím", product_set=10)
    client.force_login(make_user(Role.PROVINCE_OFFICE))
    response = client.get(reverse("backoffice:product_list"), {"product_set": 9, "format": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Mã sản phẩm OCOP", "Tên", "Bộ sản phẩm")
    assert [row[1] for row in rows[1:]] == ["Nước mắm"]


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("rong.png", b""), "Tệp rỗng."),
        (SimpleUploadedFile("virus.pdf", b"MZ\x90\x00" + b"\x00" * 200), "Không nhận loại tệp này."),
        (SimpleUploadedFile("to.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100), "Ảnh bị hỏng hoặc không phải là ảnh."),
    ],
)
def test_photo_uploads_are_checked_by_content(upload, message, settings, tmp_path):
    from django.core.exceptions import ValidationError

    settings.MEDIA_ROOT = tmp_path
    product = make_product()
    with pytest.raises(ValidationError) as error:
        add_product_photo(actor=None, product=product, upload=upload)
    assert error.value.messages[0].startswith(message)
    assert not ProductPhoto.objects.exists()


def test_an_oversized_upload_is_refused(settings, tmp_path):
    from django.core.exceptions import ValidationError

    settings.MEDIA_ROOT = tmp_path
    big = png_upload()
    big.size = 30 * 1024 * 1024
    with pytest.raises(ValidationError) as error:
        add_product_photo(actor=None, product=make_product(), upload=big)
    assert error.value.code == "too_large"


@pytest.mark.parametrize("name", ["backoffice:producer_list", "backoffice:zone_list", "backoffice:village_list"])
def test_every_registry_list_exports_to_excel(client, name):
    from ocop.producers.domain.zones import create_craft_village, create_zone

    producer = make_producer(name="HTX Gốm Bàu Trúc")
    create_zone(actor=None, producer=producer, name="Vùng đất sét", material="Đất sét", unit=producer.unit)
    create_craft_village(actor=None, name="Làng gốm Bàu Trúc", unit=producer.unit)
    client.force_login(make_user(Role.PROVINCE_OFFICE))
    response = client.get(reverse(name), {"format": "xlsx"})
    rows = list(load_workbook(io.BytesIO(response.getvalue())).active.iter_rows(values_only=True))
    assert rows[0][0] == "Tên"
    assert len(rows) == 2


def _form_data(form) -> dict:
    """What the browser would post back for an unchanged form."""
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        data[name] = "" if value is None else (value.pk if hasattr(value, "pk") else value)
    return data


def test_a_producer_account_keeps_its_own_record_and_zones_up_to_date(client):
    from ocop.producers.interfaces.forms import ProducerForm
    from ocop.producers.models import RawMaterialZone

    own = make_producer(name="HTX Thái An")
    account = make_producer_account(own)
    client.force_login(account)
    data = _form_data(ProducerForm(instance=own, actor=account)) | {"phone": "0259 3888 999"}
    data["registration_date"] = own.registration_date.strftime("%d/%m/%Y") if own.registration_date else ""
    response = client.post(reverse("backoffice:producer_edit", args=[own.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    own.refresh_from_db()
    assert own.phone == "0259 3888 999"

    elsewhere = make_producer(NHON_HAI).unit  # a producer cannot move itself to another commune…
    response = client.post(reverse("backoffice:producer_edit", args=[own.pk]), data | {"unit": elsewhere.pk})
    assert response.status_code == 200 and "unit" in response.context["form"].errors
    own.refresh_from_db()
    assert own.unit != elsewhere
    with pytest.raises(ValidationError):  # nor by any other way than the form: the rule is the domain's
        update_producer(actor=account, producer=own, unit=elsewhere)
    update_producer(actor=make_user(Role.PROVINCE_OFFICE), producer=own, unit=elsewhere)  # an officer can

    # …but its raw-material zone may lie in another commune of the province.
    zone = {"producer": own.pk, "name": "Vùng nho Nhơn Hải", "material": "Nho", "unit": elsewhere.pk}
    response = client.post(reverse("backoffice:zone_create"), zone | {"area_hectares": "2,5"})
    assert response.status_code == 302, response.context["form"].errors
    assert RawMaterialZone.objects.get(name="Vùng nho Nhơn Hải").unit == elsewhere


def test_filters_by_stars_state_and_legal_form_and_pages_of_25(client):
    import datetime

    from tests.certificates.helpers import registered

    recent = timezone.localdate() - datetime.timedelta(days=30)
    cooperative = make_producer(name="HTX Nho Thái An", legal_form="cooperative")
    enterprise = make_producer(name="Công ty Nước mắm Cà Ná", legal_form="enterprise")
    registered(make_product(cooperative, name="Nho sấy"), recent, stars=3)
    registered(make_product(enterprise, name="Nước mắm 40 độ"), recent, stars=4)
    registered(make_product(enterprise, name="Nước mắm cũ"), recent - datetime.timedelta(days=37 * 31), stars=3)
    make_product(cooperative, name="Rượu nho mới")  # an idea, nothing filed yet
    client.force_login(make_user(Role.PROVINCE_OFFICE))
    products = reverse("backoffice:product_list")
    assert _names(client.get(products, {"stars": 4})) == ["Nước mắm 40 độ"]
    assert sorted(_names(client.get(products, {"state": "certified"}))) == ["Nho sấy", "Nước mắm 40 độ"]
    assert _names(client.get(products, {"state": "expired"})) == ["Nước mắm cũ"]
    assert _names(client.get(products, {"state": "idea"})) == ["Rượu nho mới"]
    assert sorted(_names(client.get(products, {"legal_form": "cooperative"}))) == ["Nho sấy", "Rượu nho mới"]
    producers = reverse("backoffice:producer_list")
    assert _names(client.get(producers, {"legal_form": "enterprise"})) == ["Công ty Nước mắm Cà Ná"]

    for number in range(26):
        make_product(cooperative, name=f"Sản phẩm thử {number:02d}")
    first, second = client.get(products), client.get(products, {"page": 2})
    assert len(first.context["page"].object_list) == 25
    assert len(second.context["page"].object_list) == 30 - 25


def test_a_lapsing_document_is_flagged_on_the_producer_page(client):
    import datetime

    from ocop.producers.domain.documents import add_document

    producer = make_producer()
    today = timezone.localdate()
    for kind, number, valid_until in (
        ("food_safety", "ATTP-01", today - datetime.timedelta(days=1)),
        ("quality_declaration", "CB-02", today + datetime.timedelta(days=30)),
        ("trademark", "NH-03", today + datetime.timedelta(days=400)),
    ):
        add_document(actor=None, producer=producer, kind=kind, number=number, issuer="Sở Y tế", valid_until=valid_until)
    client.force_login(make_user(Role.COMMUNE_OFFICER))
    page = client.get(reverse("backoffice:producer_detail", args=[producer.pk])).content.decode()
    expired = (today - datetime.timedelta(days=1)).strftime("%d/%m/%Y")
    expiring = (today + datetime.timedelta(days=30)).strftime("%d/%m/%Y")
    assert f'<span class="badge bad">đã hết hạn ngày {expired}</span>' in page
    assert f'<span class="badge warn">sắp hết hạn (ngày {expiring})</span>' in page
    assert '<span class="badge ok">' in page


def test_a_product_page_computes_the_lifecycle_of_its_own_rows_only(client):
    """The last page reads the same rows in the same order, with their state, and the query computing the states
    names the page's rows: the cost of a page does not grow with the pages before it."""
    names = [f"Sản phẩm {letter}" for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"] + ["Sản phẩm Ă", "Sản phẩm Đ"]
    for name in names:
        make_product(name=name)
    client.force_login(make_user(Role.PROVINCE_OFFICE))
    with CaptureQueriesContext(connection) as queries:
        last = client.get(reverse("backoffice:product_list"), {"page": 2})
    assert _names(last) == ["Sản phẩm X", "Sản phẩm Y", "Sản phẩm Z"]
    assert all(product.state for product in last.context["page"].object_list)
    lifecycle = [query["sql"] for query in queries.captured_queries if "certified_until" in query["sql"]]
    assert len(lifecycle) == 1 and " IN (" in lifecycle[0]
