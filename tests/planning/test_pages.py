"""The plan screens: what each role sees, progress and figures entered on them, and lists whose cost does not grow
with their rows."""

import datetime
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ocop.accounts.domain.users import create_organisation
from ocop.accounts.enums import Role
from ocop.planning.domain.loader import PLAN_706_FILE
from ocop.planning.models import Plan, ReportedValue, TaskUpdate
from tests.factories import NHON_HAI, PHUOC_THUAN, make_producer, make_product, make_user, png_upload
from tests.planning.helpers import certify, make_plan, province

pytestmark = pytest.mark.django_db
D = datetime.date


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        assert response.status_code == 200
    return len(captured)


def test_the_plan_at_a_glance(client, plan706):
    certify(make_product(make_producer(NHON_HAI)), D(2024, 12, 27), stars=4)
    client.force_login(make_user(Role.PROVINCE_OFFICE))
    page = client.get(reverse("backoffice:plan_detail", args=[plan706.pk]), {"period": "2024"}).content.decode()
    assert "706/KH-UBND" in page
    assert "Đến cuối năm 2024, phấn đấu có 20-30 sản phẩm mới đạt chứng nhận OCOP" in page
    assert page.count("<svg") >= 9 + 3  # a progress bar per target, the quota, tile and task charts
    assert "UBND huyện Ninh Hải" in page
    assert 'role="img"' in page


def test_a_computed_figure_opens_on_the_records_behind_it(client, plan706):
    certificate = certify(make_product(make_producer(NHON_HAI)), D(2024, 12, 27), stars=4)
    target = plan706.targets.get(code="I.2.2")
    client.force_login(make_user(Role.PROVINCE_OFFICE))
    page = client.get(reverse("backoffice:plan_target_detail", args=[target.pk]), {"period": "2024"}).content
    assert certificate.number in page.decode()
    # A commune officer elsewhere sees the figure of the whole plan but not records outside the commune.
    client.force_login(make_user(Role.COMMUNE_OFFICER))
    page = client.get(reverse("backoffice:plan_target_detail", args=[target.pk]), {"period": "2024"}).content
    assert certificate.number not in page.decode()


def test_district_and_commune_officers_see_the_quota_of_their_district(client, plan706):
    url = reverse("backoffice:plan_quota_list", args=[plan706.pk])
    for role in (Role.DISTRICT_OFFICER, Role.COMMUNE_OFFICER):  # huyện Ninh Phước, xã Phước Thuận in it
        client.force_login(make_user(role))
        page = client.get(url).content.decode()
        assert "UBND huyện Ninh Phước" in page and "UBND huyện Ninh Hải" not in page
        ninh_hai = plan706.quotas.get(unit__code="586", stars=4)
        assert client.get(reverse("backoffice:plan_quota_detail", args=[ninh_hai.pk])).status_code == 404
    client.force_login(make_user(Role.DEPARTMENT_STAFF))
    page = client.get(url).content.decode()
    assert "UBND huyện Ninh Phước" in page and "UBND huyện Ninh Hải" in page


def test_an_agencys_staff_report_the_progress_of_their_tasks(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    made = make_plan()
    agency = create_organisation(actor=None, name="Sở Công Thương tỉnh Ninh Thuận", kind="department", unit=province())
    made["task"].lead_agencies.set([agency])
    staff = make_user(Role.DEPARTMENT_STAFF, organisation=agency)
    client.force_login(staff)
    url = reverse("backoffice:plan_task_progress", args=[made["task"].pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "reported_on": "30/06/2024",
            "status": "in_progress",
            f"output_{made['output'].pk}": "12.000",
            "note": "Đã in 12.000 tem OCOP",
            "evidence": png_upload("hop-dong.png"),
        },
    )
    assert response.status_code == 302
    update = TaskUpdate.objects.get(task=made["task"])
    assert (update.entered_by, update.outputs.get().achieved) == (staff, 12000)
    evidence = client.get(reverse("backoffice:plan_task_evidence", args=[update.pk]))
    assert evidence.status_code == 200
    b"".join(evidence.streaming_content)  # reading to the end closes the file (the client's wrapper does)
    other = make_plan(reference="100/KH-UBND")["task"]
    assert client.get(reverse("backoffice:plan_task_progress", args=[other.pk])).status_code == 403


def test_the_owning_agency_reports_a_figure_with_its_evidence(client):
    made = make_plan()
    client.force_login(make_user(Role.PROVINCE_OFFICE))
    url = reverse("backoffice:plan_value_add", args=[made["reported"].pk])
    response = client.post(url, {"period_key": "2024", "value": "2", "note": "Hai điểm bán", "evidence": png_upload()})
    assert response.status_code == 302
    assert ReportedValue.objects.get(target=made["reported"]).value == 2
    computed = reverse("backoffice:plan_value_add", args=[made["computed"].pk])
    client.post(computed, {"period_key": "2024", "value": "99"})
    assert not ReportedValue.objects.filter(target=made["computed"]).exists()


def test_the_office_loads_a_plan_file(client):
    client.force_login(make_user(Role.PROVINCE_OFFICE))
    upload = SimpleUploadedFile("706.json", PLAN_706_FILE.read_bytes(), content_type="application/json")
    response = client.post(reverse("backoffice:plan_load"), {"file": upload})
    assert response.status_code == 302
    assert Plan.objects.get(reference="706/KH-UBND").targets.count() == 9
    broken = SimpleUploadedFile("x.json", json.dumps({"format": "ocop-plan/1", "plans": []}).encode())
    page = client.post(reverse("backoffice:plan_load"), {"file": broken}).content.decode()
    assert "plans" in page
    not_json = SimpleUploadedFile("706.json", b'{"format": "ocop-plan/1",')
    page = client.post(reverse("backoffice:plan_load"), {"file": not_json}).content.decode()
    assert "dòng 1, cột 26" in page  # where the JSON breaks off, read from the content


def test_the_office_edits_a_target_with_its_filters(client):
    made = make_plan()
    client.force_login(make_user(Role.PROVINCE_OFFICE))
    url = reverse("backoffice:plan_target_edit", args=[made["computed"].pk])
    data = {
        "code": "1",
        "text": "có thêm 02-05 sản phẩm 4 sao",
        "indicator": "new_products",
        "stars": ["4"],
        "product_sets": "",
        "direction": "at_least",
        "low": "2",
        "high": "5",
    }
    assert client.post(url, data).status_code == 302
    made["computed"].refresh_from_db()
    assert (made["computed"].filters, made["computed"].low, made["computed"].unit_label) == (
        {"stars": [4]},
        2,
        "sản phẩm",
    )


def test_lists_do_not_grow_with_rows(client, plan706):
    from ocop.planning.domain.progress import record_task_update

    client.force_login(make_user(Role.PROVINCE_OFFICE))
    urls = [
        reverse("backoffice:plan_list"),
        reverse("backoffice:plan_task_list", args=[plan706.pk]) + "?period=2024",
        reverse("backoffice:plan_quota_list", args=[plan706.pk]) + "?period=2024",
        reverse("backoffice:plan_detail", args=[plan706.pk]) + "?period=2024",
        reverse("backoffice:plan_target_detail", args=[plan706.targets.get(code="I.2.1").pk]) + "?period=2024",
        reverse("backoffice:plan_target_detail", args=[plan706.targets.get(code="I.2.5").pk]) + "?period=2024",
        reverse("backoffice:report_list"),
    ]

    numbers = iter(range(200, 300))

    def add_rows():
        from ocop.reports.domain.plan_reports import create_report

        make_plan(reference=f"{next(numbers)}/KH-UBND")
        for task in plan706.tasks.order_by("?")[:3]:
            record_task_update(actor=None, task=task, reported_on=D(2024, 10, 1), status="in_progress")
        for unit_key in (NHON_HAI, PHUOC_THUAN):
            certify(make_product(make_producer(unit_key)), D(2024, 11, 15))
        create_report(actor=None, plan=plan706, period_key="2024")

    add_rows()
    few = [_count(client, url) for url in urls]
    for _ in range(3):
        add_rows()
    assert [_count(client, url) for url in urls] == few
