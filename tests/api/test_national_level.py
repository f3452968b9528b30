"""The national level through the API: the export as the national system pulls it (in full, then exactly what
changed), valid against its own schema; and a second province loaded beside Khánh Hòa stays invisible to Khánh Hòa's
office and to its commune officers through every read of the API."""

import pytest
from django.utils import timezone

from ocop.accounts.enums import Role
from ocop.geo.enums import Era, UnitLevel
from ocop.national.domain.export import validate_export
from ocop.producers.domain.products import update_product
from ocop.traceability.domain.events import Step, record_step
from ocop.traceability.enums import ValueChainStep
from tests.api.helpers import token_client
from tests.certificates.helpers import days_ago, registered
from tests.factories import make_dossier, make_producer, make_product, make_user

pytestmark = pytest.mark.django_db

KHANH_HOA = ("56", UnitLevel.PROVINCE, Era.FROM_2025)
NINH_PHUOC = ("22870", UnitLevel.COMMUNE, Era.FROM_2025)  # today's xã Ninh Phước, Khánh Hòa
THANH_VINH = ("16681", UnitLevel.COMMUNE, Era.FROM_2025)  # phường Thành Vinh, Nghệ An


@pytest.fixture
def two_provinces():
    """A certified product with a dossier in Khánh Hòa, and the same in Nghệ An."""
    records = {}
    for name, commune in (("khanh_hoa", NINH_PHUOC), ("nghe_an", THANH_VINH)):
        producer = make_producer(commune, name=f"HTX {name}")
        product = make_product(producer, name=f"Sản phẩm {name}")
        registered(product, days_ago(100), stars=4)
        make_dossier(make_product(producer, name=f"Hồ sơ {name}"))
        step = Step(kind=ValueChainStep.SHIP, when=timezone.now(), lot=f"L-{name}", public_place=name, quantity=5)
        record_step(actor=None, product=product, step=step)
        records[name] = producer
    return records


def test_the_national_system_pulls_the_full_export_then_exactly_one_change(two_provinces):
    client = token_client(make_user(Role.PROVINCE_OFFICE, KHANH_HOA), "registry:read")
    full = client.get("/api/v1/national-export/").json()
    assert validate_export(full) == []
    assert [producer["name"] for producer in full["producers"]] == ["HTX khanh_hoa"]
    schema = client.get("/api/v1/national-export/schema/").json()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"

    moment = timezone.now()
    product = two_provinces["khanh_hoa"].products.get(name="Sản phẩm khanh_hoa")
    update_product(actor=None, product=product, name="Nước mắm Ninh Phước")
    changed = client.get("/api/v1/national-export/", {"since": moment.isoformat()}).json()
    assert validate_export(changed) == []
    assert changed["header"]["kind"] == "incremental"
    assert [record["code"] for record in changed["products"]] == [product.code]
    assert changed["header"]["counts"] == {"producers": 0, "products": 1, "certificates": 0, "evaluations": 0}
    assert client.get("/api/v1/national-export/", {"since": "hôm qua"}).status_code == 400
    long_ago = client.get("/api/v1/national-export/", {"since": "0939-06-08T09:55:51+07:00"}).json()
    assert long_ago["header"]["since"] == "0939-06-08T02:55:51+00:00" and validate_export(long_ago) == []


def test_a_public_or_officer_token_cannot_pull_the_export(two_provinces):
    assert (
        token_client(make_user(Role.PROVINCE_OFFICE, KHANH_HOA), "public:read")
        .get("/api/v1/national-export/")
        .status_code
        == 403
    )
    assert (
        token_client(make_user(Role.COMMUNE_OFFICER), "registry:read").get("/api/v1/national-export/").status_code
        == 403
    )


@pytest.mark.parametrize(
    "path",
    ["/api/v1/producers/", "/api/v1/products/", "/api/v1/certificates/", "/api/v1/dossiers/", "/api/v1/events/"],
)
@pytest.mark.parametrize(
    "officer", [(Role.PROVINCE_OFFICE, KHANH_HOA), (Role.COMMUNE_OFFICER, NINH_PHUOC)], ids=["office", "commune"]
)
def test_another_province_stays_invisible_to_khanh_hoa(two_provinces, path, officer):
    client = token_client(make_user(*officer), "registry:read")
    answer = client.get(path).json()
    assert answer["count"] >= 1
    assert "nghe_an" not in str(answer["results"])
    nghe_an = two_provinces["nghe_an"]
    assert client.get(f"/api/v1/producers/{nghe_an.pk}/").status_code == 404
    assert client.get(f"/api/v1/products/{nghe_an.products.first().pk}/").status_code == 404
