"""The office's certificate screens: scoped lists in constant queries with export, the certificate's page, and the
forms that call the domain."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from ocop.accounts.enums import Role
from ocop.certificates.domain import revocation, supervision
from ocop.certificates.domain.status import certificate_status
from ocop.certificates.enums import CertificateStatus
from ocop.certificates.models import Certificate
from tests.certificates.helpers import days_ago, decided_to_expire_in, issued, registered
from tests.factories import NHON_HAI, make_producer, make_producer_account, make_product, make_user

pytestmark = pytest.mark.django_db
D = datetime.date


def _recognised_on(kind: str) -> D:
    """The decision date of a certificate that is valid, expiring soon or expired today."""
    return {"valid": days_ago(365), "expiring": decided_to_expire_in(90), "expired": D(2020, 12, 30)}[kind]


def _add(count, kind="valid"):
    return [registered(make_product(), _recognised_on(kind)) for _ in range(count)]


def _queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params or {}).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    ("name", "params", "kind"),
    [
        ("backoffice:certificate_list", {}, "valid"),
        ("backoffice:certificate_list", {"q": "san pham", "status": "valid"}, "valid"),
        ("backoffice:expiry_list", {}, "expiring"),
        ("backoffice:expiry_list", {"tab": "expired"}, "expired"),
    ],
)
def test_lists_do_not_grow_with_rows(client, name, params, kind):
    client.force_login(make_user(Role.PROVINCE_OFFICE))
    _add(2, kind)
    client.get(reverse(name), params)  # the notice period of the rules in force is read once a day
    few = _queries(client, reverse(name), params)
    _add(10, kind)
    assert _queries(client, reverse(name), params) == few


def test_the_revocation_and_supervision_lists_do_not_grow_with_rows(client):
    client.force_login(make_user(Role.PROVINCE_OFFICE))
    today = timezone.localdate()
    plan = supervision.create_plan(
        actor=None,
        title="Hậu kiểm",
        kind="periodic",
        year=today.year,
        starts_on=today,
        ends_on=today,
        unit=make_producer().unit,
    )

    def more(count):
        for certificate in _add(count):
            revocation.propose_revocation(
                actor=None, certificate=certificate, ground="dishonest", finding="x", found_on=today
            )
            supervision.add_inspection(actor=None, plan=plan, certificate=certificate, scheduled_on=today)

    more(2)
    client.get(reverse("backoffice:revocation_list"))
    counts = [
        _queries(client, reverse(name)) for name in ("backoffice:revocation_list", "backoffice:inspection_plan_list")
    ]
    detail = _queries(client, reverse("backoffice:inspection_plan_detail", args=[plan.pk]))
    more(8)
    assert [
        _queries(client, reverse(name)) for name in ("backoffice:revocation_list", "backoffice:inspection_plan_list")
    ] == counts
    assert _queries(client, reverse("backoffice:inspection_plan_detail", args=[plan.pk])) == detail


def test_the_expiring_list_exports_what_it_shows(client):
    client.force_login(make_user(Role.PROVINCE_OFFICE))
    expiring = registered(make_product(name="Muối ớt"), decided_to_expire_in(90))
    registered(make_product(name="Nho tươi"), days_ago(365))
    response = client.get(reverse("backoffice:expiry_list"), {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row]
    assert expiring.number in values and "Muối ớt" in values and "Nho tươi" not in values


def test_a_producer_account_sees_only_its_own_certificates(client):
    own = registered(make_product(), D(2024, 12, 27))
    other = registered(make_product(make_producer(NHON_HAI)), D(2024, 12, 27))
    client.force_login(make_producer_account(own.producer))
    page = client.get(reverse("backoffice:certificate_list")).content.decode()
    assert own.number in page and other.number not in page
    assert client.get(reverse("backoffice:certificate_detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("backoffice:certificate_pdf", args=[other.pk])).status_code == 404
    response = client.get(reverse("backoffice:certificate_pdf", args=[own.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


def test_a_commune_officer_sees_the_certificates_of_the_commune_only(client):
    here = registered(make_product(), D(2024, 12, 27))
    elsewhere = registered(make_product(make_producer(NHON_HAI)), D(2024, 12, 27))
    client.force_login(make_user(Role.COMMUNE_OFFICER))
    page = client.get(reverse("backoffice:certificate_list")).content.decode()
    assert here.number in page and elsewhere.number not in page


def test_the_detail_page_shows_every_status(client):
    client.force_login(make_user(Role.PROVINCE_OFFICE))
    product = make_product()
    old = registered(product, days_ago(500))
    new = issued(product, days_ago(30))
    for certificate, status in ((old, "replaced"), (new, "valid")):
        page = client.get(reverse("backoffice:certificate_detail", args=[certificate.pk])).content.decode()
        assert f"certificate-{status}" in page and "<svg" in page  # the QR code of the check page


def test_register_an_earlier_certificate_from_the_screen(client):
    product = make_product()
    client.force_login(make_user(Role.PROVINCE_OFFICE))
    response = client.post(
        reverse("backoffice:certificate_register"),
        {
            "product": product.pk,
            "stars": 4,
            "decision_number": "1234/QĐ-UBND",
            "decided_on": "27/12/2024",
            "level": "province",
            "issuing_body": "UBND tỉnh Ninh Thuận",
            "score": "72,5",
        },
    )
    certificate = product.certificates.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{certificate.pk}/")
    assert (certificate.valid_until, certificate.stars, str(certificate.score)) == (D(2027, 12, 27), 4, "72.50")


def test_correct_suspend_propose_and_revoke_from_the_screens(client):
    certificate = registered(make_product(), days_ago(365))
    client.force_login(make_user(Role.PROVINCE_OFFICE))
    today = timezone.localdate()
    response = client.post(
        reverse("backoffice:certificate_correct", args=[certificate.pk]),
        {
            "number": "77/QĐ-UBND",
            "decided_on": today.strftime("%d/%m/%Y"),
            "issuing_body": "UBND tỉnh Khánh Hòa",
            "reason": "Sửa tên sản phẩm",
        },
    )
    corrected = Certificate.objects.get(replaces=certificate)
    assert response["Location"] == reverse("backoffice:certificate_detail", args=[corrected.pk])
    until = (today + datetime.timedelta(days=20)).strftime("%d/%m/%Y")
    client.post(
        reverse("backoffice:certificate_suspend", args=[corrected.pk]),
        {"starts_on": today.strftime("%d/%m/%Y"), "until": until, "reason": "Nhãn sai"},
    )
    assert certificate_status(corrected) == CertificateStatus.SUSPENDED
    client.post(
        reverse("backoffice:certificate_propose_revocation", args=[corrected.pk]),
        {"ground": "mark_misuse", "found_on": today.strftime("%d/%m/%Y"), "finding": "Không khắc phục"},
    )
    proposal = corrected.revocation_proposals.get()
    assert client.get(reverse("backoffice:revocation_decide", args=[proposal.pk])).status_code == 200
    client.post(
        reverse("backoffice:revocation_decide", args=[proposal.pk]),
        {
            "number": "78/QĐ-UBND",
            "decided_on": today.strftime("%d/%m/%Y"),
            "issuing_body": "UBND tỉnh Khánh Hòa",
            "public_reason": "Sử dụng sai nhãn OCOP.",
        },
    )
    assert certificate_status(corrected) == CertificateStatus.REVOKED
    page = client.get(reverse("backoffice:certificate_detail", args=[corrected.pk])).content.decode()
    assert "Sử dụng sai nhãn OCOP." in page and "certificate-revoked" in page


def test_an_inspection_from_the_screens(client):
    today = timezone.localdate()
    certificate = registered(make_product(), days_ago(365))
    client.force_login(make_user(Role.PROVINCE_OFFICE))
    client.post(
        reverse("backoffice:inspection_plan_create"),
        {
            "title": "Hậu kiểm quý IV",
            "kind": "periodic",
            "year": today.year,
            "starts_on": today.strftime("%d/%m/%Y"),
            "ends_on": (today + datetime.timedelta(days=30)).strftime("%d/%m/%Y"),
            "unit": certificate.producer.unit_id,
        },
    )
    plan = certificate.producer.unit and supervision.InspectionPlan.objects.get(title="Hậu kiểm quý IV")
    client.post(
        reverse("backoffice:inspection_add", args=[plan.pk]),
        {"certificate_number": certificate.number.lower(), "scheduled_on": today.strftime("%d/%m/%Y")},
    )
    inspection = plan.inspections.get()
    client.post(
        reverse("backoffice:inspection_finding_add", args=[inspection.pk]),
        {"kind": "mark_use", "severity": "minor", "description": "Tem mờ", "criterion_code": ""},
    )
    finding = inspection.findings.get()
    client.post(
        reverse("backoffice:inspection_action_add", args=[inspection.pk]),
        {
            "finding": finding.pk,
            "description": "In lại tem",
            "deadline": (today + datetime.timedelta(days=10)).strftime("%d/%m/%Y"),
        },
    )
    action = finding.actions.get()
    client.post(reverse("backoffice:inspection_action_done", args=[action.pk]), {"done_on": today.strftime("%d/%m/%Y")})
    client.post(
        reverse("backoffice:inspection_conclude", args=[inspection.pk]),
        {
            "inspected_on": today.strftime("%d/%m/%Y"),
            "conclusion": "compliant",
            "mark_used_correctly": "true",
            "note": "Đạt sau khi in lại tem",
        },
    )
    inspection.refresh_from_db()
    assert (inspection.conclusion, inspection.mark_used_correctly) == ("compliant", True)
    page = client.get(reverse("backoffice:inspection_detail", args=[inspection.pk])).content.decode()
    assert "Đạt sau khi in lại tem" in page
