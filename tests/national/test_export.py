import copy
import datetime

import pytest
from django.utils import timezone

from ocop.accounts.enums import Role
from ocop.certificates.domain.revocation import decide_revocation, propose_revocation
from ocop.common.models import ActivityLog
from ocop.geo.enums import Era, UnitLevel
from ocop.national.domain.export import build_export, province_by_code, recent_exports, validate_export
from ocop.national.enums import ExportKind
from ocop.producers.domain.producers import update_producer
from ocop.producers.domain.products import update_product, withdraw_product
from tests.certificates.helpers import registered
from tests.factories import make_producer, make_product, make_user
from tests.national.registry import small_registry

pytestmark = pytest.mark.django_db

KHANH_HOA = ("56", UnitLevel.PROVINCE, Era.FROM_2025)
NGHE_AN = ("40", UnitLevel.PROVINCE, Era.FROM_2025)


def _keys(document) -> dict[str, list]:
    return {
        "producers": [record["name"] for record in document["producers"]],
        "products": [record["code"] for record in document["products"]],
        "certificates": [record["number"] for record in document["certificates"]],
        "evaluations": [record["dossier_receipt_number"] for record in document["evaluations"]],
    }


def test_a_full_export_holds_the_whole_registry():
    registry = small_registry()
    document = build_export(actor=None)
    header = document["header"]
    assert (header["schema_version"], header["kind"], header["since"]) == ("1.0", "full", None)
    assert header["province"] == {"code": "56", "name": "Tỉnh Khánh Hòa"}
    assert header["counts"] == {"producers": 2, "products": 3, "certificates": 1, "evaluations": 1}
    generated_at = datetime.datetime.fromisoformat(header["generated_at"])
    assert generated_at.utcoffset() == datetime.timedelta(hours=7)
    assert registry.producer.created_at - datetime.timedelta(seconds=1) <= generated_at <= timezone.now()
    assert _keys(document)["producers"] == ["HTX Nước mắm Cà Ná", "HTX Sen Quê Bác"]


def test_a_producer_of_2024_carries_the_commune_it_became_under_decision_19_2025():
    registry = small_registry()
    [record, _nghe_an] = build_export(actor=None)["producers"]
    assert record == {
        "local_id": registry.producer.pk,
        "name": "HTX Nước mắm Cà Ná",
        "legal_form": "cooperative",
        "registration_number": "4500123456",
        "registration_date": None,
        "tax_code": "4500123456",
        "representative_name": "",
        "address": "Thôn Lạc Sơn 1",
        "phone": "",
        "email": "",
        "website": "",
        "members_count": None,
        "workers_count": None,
        "unit": {"code": "22882", "name": "Xã Phước Thuận", "level": "commune", "era": "before_2025"},
        "communes_2025": [{"code": "22870", "name": "Xã Ninh Phước"}],
        "province_2025": {"code": "56", "name": "Tỉnh Khánh Hòa"},
        "created_at": timezone.localtime(registry.producer.created_at).isoformat(timespec="seconds"),
        "updated_at": timezone.localtime(registry.producer.updated_at).isoformat(timespec="seconds"),
    }


def test_a_certificate_and_a_council_result_as_exported():
    registry = small_registry()
    document = build_export(actor=None)
    [certificate] = document["certificates"]
    assert certificate["number"] == registry.certificate.number
    assert (certificate["product_code"], certificate["stars"], certificate["score"]) == (
        registry.fish_sauce.code,
        4,
        "72.50",
    )
    assert (certificate["issued_on"], certificate["valid_until"], certificate["status"]) == (
        "2024-06-20",
        "2027-06-20",
        "valid",
    )
    assert certificate["decision"] == {
        "number": "321/QĐ-UBND",
        "decided_on": "2024-06-20",
        "level": "province",
        "issuing_body": "UBND tỉnh Ninh Thuận",
    }
    assert (certificate["revocation"], certificate["replaces"], certificate["replaced_by"]) == (None, None, None)
    [evaluation] = document["evaluations"]
    assert evaluation["product_code"] == registry.syrup.code
    assert evaluation["mean_score"] == f"{registry.result.mean:.2f}"
    assert (evaluation["stars"], evaluation["recognised"], evaluation["recognised_by"]) == (
        registry.result.star,
        False,
        "",
    )
    assert evaluation["council"]["level"] == "province"
    assert evaluation["decision"]["number"] == "15/QĐ-UBND"


def test_the_export_follows_its_schema():
    small_registry()
    assert validate_export(build_export(actor=None)) == []


def test_the_schema_refuses_a_broken_document():
    small_registry()
    document = build_export(actor=None)
    broken = copy.deepcopy(document)
    broken["certificates"][0]["score"] = "72,50"
    del broken["products"][0]["code"]
    broken["header"]["kind"] = "incremental"
    assert validate_export(broken) == [
        "$.certificates[0].score: '72,50' is not valid under any of the given schemas",
        "$.header.since: None is not of type 'string'",
        "$.products[0]: 'code' is a required property",
    ]


def test_the_incremental_export_after_renaming_a_product_holds_that_product_only():
    registry = small_registry()
    since = timezone.now()
    update_product(actor=None, product=registry.syrup, name="Mật nho Thái An hảo hạng")
    document = build_export(actor=None, since=since)
    assert document["header"]["kind"] == "incremental"
    assert document["header"]["since"] == timezone.localtime(since).isoformat(timespec="seconds")
    assert _keys(document) == {
        "producers": [],
        "products": [registry.syrup.code],
        "certificates": [],
        "evaluations": [],
    }
    assert document["products"][0]["name"] == "Mật nho Thái An hảo hạng"
    assert document["header"]["counts"] == {"producers": 0, "products": 1, "certificates": 0, "evaluations": 0}


def test_the_incremental_export_after_a_revocation_holds_that_certificate_only():
    registry = small_registry()
    since = timezone.now()
    today = timezone.localdate()
    proposal = propose_revocation(
        actor=None, certificate=registry.certificate, ground="mark_misuse", finding="Dán tem sai", found_on=today
    )
    decide_revocation(
        actor=None,
        proposal=proposal,
        number="88/QĐ-UBND",
        decided_on=today,
        issuing_body="UBND tỉnh Khánh Hòa",
        public_reason="Sử dụng nhãn OCOP sai quy định",
    )
    document = build_export(actor=None, since=since)
    assert _keys(document) == {
        "producers": [],
        "products": [],
        "certificates": [registry.certificate.number],
        "evaluations": [],
    }
    [certificate] = document["certificates"]
    assert certificate["status"] == "revoked"
    assert certificate["revocation"] == {
        "number": "88/QĐ-UBND",
        "decided_on": today.isoformat(),
        "issuing_body": "UBND tỉnh Khánh Hòa",
        "public_reason": "Sử dụng nhãn OCOP sai quy định",
    }


def test_a_renewal_brings_the_certificate_it_replaced():
    registry = small_registry()
    since = timezone.now()
    renewed = registered(registry.fish_sauce, timezone.localdate(), stars=4, number="99/QĐ-UBND")
    document = build_export(actor=None, since=since)
    assert _keys(document)["certificates"] == [registry.certificate.number, renewed.number]
    old, new = document["certificates"]
    assert (old["status"], old["replaced_by"], new["replaces"]) == ("replaced", renewed.number, old["number"])


def test_a_withdrawn_product_and_a_renamed_producer_are_changes():
    registry = small_registry()
    since = timezone.now()
    withdraw_product(actor=None, product=registry.fish_sauce, reason="Ngừng sản xuất")
    update_producer(actor=None, producer=registry.nghe_an_producer, name="HTX Sen Làng Sen")
    document = build_export(actor=None, since=since)
    assert _keys(document) == {
        "producers": ["HTX Sen Làng Sen"],
        "products": [registry.fish_sauce.code],
        "certificates": [],
        "evaluations": [],
    }
    assert document["products"][0]["withdrawal_reason"] == "Ngừng sản xuất"
    assert document["products"][0]["withdrawn_on"] == timezone.localdate().isoformat()


def test_nothing_changed_nothing_exported():
    small_registry()
    document = build_export(actor=None, since=timezone.now())
    assert document["header"]["counts"] == {"producers": 0, "products": 0, "certificates": 0, "evaluations": 0}


def test_khanh_hoa_s_office_exports_its_province_without_nghe_an():
    registry = small_registry()
    for office in (make_user(Role.PROVINCE_OFFICE, KHANH_HOA), make_user(Role.PROVINCE_OFFICE)):
        document = build_export(actor=office)
        assert document["header"]["province"] == {"code": "56", "name": "Tỉnh Khánh Hòa"}
        assert _keys(document) == {
            "producers": ["HTX Nước mắm Cà Ná"],
            "products": [registry.fish_sauce.code, registry.syrup.code],
            "certificates": [registry.certificate.number],
            "evaluations": [registry.result.dossier.receipt_number],
        }


def test_nghe_an_s_office_exports_nghe_an_only():
    registry = small_registry()
    document = build_export(actor=make_user(Role.PROVINCE_OFFICE, NGHE_AN))
    assert document["header"]["province"] == {"code": "40", "name": "Tỉnh Nghệ An"}
    assert _keys(document)["producers"] == [registry.nghe_an_producer.name]
    assert document["header"]["counts"] == {"producers": 1, "products": 1, "certificates": 0, "evaluations": 0}


def test_the_command_chooses_a_province_by_its_code():
    small_registry()
    document = build_export(actor=None, province=province_by_code("40"))
    assert document["header"]["province"] == {"code": "40", "name": "Tỉnh Nghệ An"}
    assert _keys(document)["producers"] == ["HTX Sen Quê Bác"]
    assert province_by_code("58") is None  # Ninh Thuận has no code of its own since 1/7/2025


def test_a_commune_officer_exports_the_commune_only():
    make_producer(("22867", UnitLevel.COMMUNE), name="HTX Nhơn Hải")
    registry = small_registry()
    document = build_export(actor=make_user(Role.COMMUNE_OFFICER))
    assert _keys(document)["producers"] == [registry.producer.name]


def test_an_export_is_logged_with_what_it_held():
    small_registry()
    office = make_user(Role.PROVINCE_OFFICE)
    since = timezone.now() - datetime.timedelta(hours=1)
    document = build_export(actor=office, since=since)
    entry = ActivityLog.objects.get(verb="national.exported")
    assert (entry.actor, entry.target_type) == (office, None)
    assert entry.data == {
        "kind": "incremental",
        "since": document["header"]["since"],
        "province": "56",
        "counts": {"producers": 1, "products": 2, "certificates": 1, "evaluations": 1},
    }


def test_an_office_sees_the_exports_of_its_province_and_the_administrator_all():
    small_registry()
    khanh_hoa, nghe_an, admin = (
        make_user(Role.PROVINCE_OFFICE),
        make_user(Role.PROVINCE_OFFICE, NGHE_AN),
        make_user(Role.ADMIN),
    )
    for actor in (khanh_hoa, nghe_an, admin):
        build_export(actor=actor)
    assert [past.by for past in recent_exports(khanh_hoa)] == [admin.full_name, khanh_hoa.full_name]
    assert [past.by for past in recent_exports(nghe_an)] == [nghe_an.full_name]
    assert [past.by for past in recent_exports(admin)] == [admin.full_name, nghe_an.full_name, khanh_hoa.full_name]


def test_a_past_export_is_read_back_from_the_audit_trail():
    small_registry()
    office = make_user(Role.PROVINCE_OFFICE)
    since = timezone.now().replace(microsecond=0) - datetime.timedelta(days=2)
    build_export(actor=office, since=since)
    [past] = recent_exports(office)
    assert (past.by, past.kind, past.since) == (office.full_name, ExportKind.INCREMENTAL, since)
    assert past.counts == {"producers": 1, "products": 2, "certificates": 1, "evaluations": 1}


def test_the_export_reads_a_bounded_number_of_queries(django_assert_max_num_queries):
    """The office's area (its units across the reform, twice: the dossiers' query asks again) takes most of them;
    each array is one query whatever its length."""
    registry = small_registry()
    for number in range(6):
        producer = make_producer(("22867", UnitLevel.COMMUNE), name=f"HTX Nhơn Hải {number}")
        registered(make_product(producer), datetime.date(2024, 6, 20), number=f"{number + 1}/QĐ-UBND")
    office = make_user(Role.PROVINCE_OFFICE)
    with django_assert_max_num_queries(36):
        document = build_export(actor=office)
    assert document["header"]["counts"] == {"producers": 7, "products": 8, "certificates": 7, "evaluations": 1}
    assert registry.producer.name in _keys(document)["producers"]
