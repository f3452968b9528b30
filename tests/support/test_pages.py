"""The support screens: lists with a constant number of queries, filtered without accents and exported to Excel;
attendance ticked on the class page; a case's status refused with its reason; funding entered with evidence and
shown on the task's page and the plan's dashboard; support shown on the producer's page, scoped by role."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ocop.accounts.enums import Role
from ocop.support.domain import funding, training
from ocop.support.models import FundingEntry, Participant
from tests.factories import NHON_HAI, make_producer, make_producer_account, make_user, png_upload
from tests.planning.helpers import make_plan
from tests.support.helpers import make_case, make_class

pytestmark = pytest.mark.django_db
D = datetime.date


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _rows(task, producer, number):
    training_class = make_class(topic=f"Lớp số {number}", task=task)
    training.enrol(
        actor=None, training_class=training_class, producers=[producer], users=[make_user(Role.COMMUNE_OFFICER)]
    )
    make_case(producer, granted_on=D(2024, 8, 1), mark=f"Nhãn hiệu {number}", task=task)
    funding.record_funding(
        actor=None, task=task, source="poverty", movement="spent", amount=Decimal(1_000_000), entered_on=D(2024, 5, 2)
    )
    funding.record_producer_support(
        actor=None, producer=producer, kind="stamps", received_on=D(2024, 5, 2), description="2.000 tem", task=task
    )


def test_the_lists_cost_the_same_queries_with_more_rows_and_export_to_excel(client):
    client.force_login(make_user(Role.PROVINCE_OFFICE))
    task, producer = make_plan()["task"], make_producer()
    _rows(task, producer, 1)
    lists = [
        reverse("backoffice:training_class_list"),
        reverse("backoffice:ip_case_list"),
        reverse("backoffice:funding_list"),
        reverse("backoffice:support_received_list"),
        reverse("backoffice:producer_detail", args=[producer.pk]),
        reverse("backoffice:plan_task_detail", args=[task.pk]),
    ]
    before = [_queries(client, url) for url in lists]
    for number in range(2, 5):
        _rows(task, make_producer(), number)
        _rows(task, producer, number + 10)
    assert [_queries(client, url) for url in lists] == before
    for name in lists[:4]:
        response = client.get(name, {"format": "xlsx"})
        assert response.status_code == 200 and b"".join(response.streaming_content)[:2] == b"PK"
    found = client.get(reverse("backoffice:ip_case_list"), {"q": "nhan hieu 12"}).content.decode()
    assert "Nhãn hiệu 12" in found and "Nhãn hiệu 3<" not in found


def test_attendance_is_ticked_on_the_class_page(client):
    client.force_login(make_user(Role.PROVINCE_OFFICE))
    training_class = make_class()
    producer, other = make_producer(), make_producer(NHON_HAI)
    url = reverse("backoffice:training_class_enrol", args=[training_class.pk])
    client.post(url, {"producers": [producer.pk, other.pk]})
    ids = list(training_class.participants.order_by("pk").values_list("pk", flat=True))
    assert len(ids) == 2
    response = client.post(
        reverse("backoffice:training_class_attendance", args=[training_class.pk]), {"attended": [ids[0]]}, follow=True
    )
    assert "1" in response.content.decode()
    assert list(training_class.participants.order_by("pk").values_list("attended", flat=True)) == [True, False]


def test_the_attendance_form_sends_a_participant_number_of_four_digits_without_a_thousands_separator(client):
    """Vietnamese number formatting prints 1234 as "1.234": a record number in a form value is printed unlocalized."""
    client.force_login(make_user(Role.PROVINCE_OFFICE))
    training_class = make_class()
    Participant.objects.create(pk=1234, training_class=training_class, producer=make_producer())
    page = client.get(reverse("backoffice:training_class_detail", args=[training_class.pk])).content.decode()
    assert 'name="attended" value="1234"' in page


def test_a_case_status_refused_on_its_page_says_why_and_changes_nothing(client):
    client.force_login(make_user(Role.DEPARTMENT_STAFF))
    case = make_case(status="filed", filed_on=D(2024, 1, 10))
    response = client.post(
        reverse("backoffice:ip_case_status", args=[case.pk]),
        {"status": "granted", "filed_on": "10/01/2024", "granted_on": "", "certificate_number": ""},
        follow=True,
    )
    errors = [str(message) for message in response.context["messages"] if message.level_tag == "error"]
    assert len(errors) == 1 and errors[0] in response.content.decode()
    case.refresh_from_db()
    assert case.status == "filed"


def test_funding_entered_with_evidence_shows_on_the_tasks_page_and_the_plans_dashboard(client):
    client.force_login(make_user(Role.PROVINCE_OFFICE))
    made = make_plan()
    task = made["task"]
    response = client.post(
        reverse("backoffice:funding_create"),
        {
            "task": task.pk,
            "source": "new_rural",
            "movement": "allocated",
            "amount": "1.250.000.000",
            "entered_on": "15/03/2024",
            "note": "Quyết định phân bổ vốn",
            "evidence": png_upload("quyet-dinh.png"),
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    entry = FundingEntry.objects.get()
    assert entry.amount == Decimal(1_250_000_000) and entry.evidence
    task_page = client.get(reverse("backoffice:plan_task_detail", args=[task.pk])).content.decode()
    assert "1.250.000.000" in task_page
    dashboard = client.get(reverse("backoffice:plan_detail", args=[made["plan"].pk]), {"period": "2024"})
    page = dashboard.content.decode()
    assert "Chương trình MTQG xây dựng nông thôn mới" in page and "1.250.000.000" in page
    download = client.get(reverse("backoffice:funding_evidence", args=[entry.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content)[:4] == b"\x89PNG"
    download.close()


def test_a_producer_sees_its_own_support_and_cases_and_no_one_elses(client):
    producer, other = make_producer(), make_producer(NHON_HAI)
    funding.record_producer_support(
        actor=None, producer=producer, kind="packaging", received_on=D(2024, 6, 1), description="500 hộp giấy"
    )
    funding.record_producer_support(
        actor=None, producer=other, kind="fairs", received_on=D(2024, 6, 1), description="Gian hàng hội chợ"
    )
    own, foreign = make_case(producer, mark="Nho Thái An"), make_case(other, mark="Tỏi Nhơn Hải")
    client.force_login(make_producer_account(producer))
    listing = client.get(reverse("backoffice:support_received_list")).content.decode()
    assert "500 hộp giấy" in listing and "Gian hàng hội chợ" not in listing
    page = client.get(reverse("backoffice:producer_detail", args=[producer.pk])).content.decode()
    assert "500 hộp giấy" in page and "Nho Thái An" in page
    assert client.get(reverse("backoffice:ip_case_detail", args=[own.pk])).status_code == 200
    assert client.get(reverse("backoffice:ip_case_detail", args=[foreign.pk])).status_code == 404
    assert client.get(reverse("backoffice:training_class_list")).status_code == 403


def test_a_target_counted_from_classes_or_marks_opens_on_the_records_behind_it_as_the_user_sees_them(client):
    from ocop.planning.domain import plans

    plan = make_plan()["plan"]
    marks = plans.create_target(
        actor=None, plan=plan, code="3", text="04 nhãn hiệu", indicator="trademarks_registered", low=4
    )
    classes = plans.create_target(actor=None, plan=plan, code="4", text="05 lớp", indicator="trainings_held", low=5)
    make_case(make_producer(), granted_on=D(2024, 5, 2), mark="Nho Phước Thuận")  # the commune officer's commune
    make_case(make_producer(NHON_HAI), granted_on=D(2024, 6, 2), mark="Tỏi Nhơn Hải")
    make_class(topic="Lớp nghiệp vụ OCOP")
    client.force_login(make_user(Role.COMMUNE_OFFICER))
    page = client.get(reverse("backoffice:plan_target_detail", args=[marks.pk]), {"period": "2024"}).content.decode()
    assert "Nho Phước Thuận" in page and "Tỏi Nhơn Hải" not in page  # the figure (2) counts both
    page = client.get(reverse("backoffice:plan_target_detail", args=[classes.pk]), {"period": "2024"}).content.decode()
    assert "Lớp nghiệp vụ OCOP" in page and "04/04/2024" in page


def test_the_funding_list_of_one_task_keeps_to_it_and_leads_to_a_new_entry_for_it(client):
    client.force_login(make_user(Role.PROVINCE_OFFICE))
    made = make_plan()
    from ocop.planning.domain import plans

    other = plans.create_task(actor=None, plan=made["plan"], code="PL2.5", content="Tập huấn (05 lớp)")
    for task, amount in ((made["task"], 7_000_000), (other, 9_000_000)):
        funding.record_funding(
            actor=None,
            task=task,
            source="new_rural",
            movement="spent",
            amount=Decimal(amount),
            entered_on=D(2024, 5, 2),
        )
    page = client.get(reverse("backoffice:funding_list"), {"task": made["task"].pk}).content.decode()
    assert "7.000.000" in page and "9.000.000" not in page
    assert f"/backoffice/support/funding/new/?task={made['task'].pk}" in page


def test_a_tasks_page_leads_to_the_classes_and_cases_serving_it_and_the_lists_keep_to_the_task(client):
    from ocop.planning.domain import plans

    client.force_login(make_user(Role.PROVINCE_OFFICE))
    plan = make_plan()["plan"]
    classes_task = plans.create_task(actor=None, plan=plan, code="PL2.5", content="Tập huấn (05 lớp)")
    marks_task = plans.create_task(actor=None, plan=plan, code="PL2.3", content="Nhãn hiệu (04 nhãn hiệu)")
    make_class(topic="Lớp phục vụ nhiệm vụ", task=classes_task)
    make_class(topic="Lớp khác")
    make_case(granted_on=D(2024, 8, 1), mark="Nho Thái An", task=marks_task)
    make_case(mark="Tỏi Phan Rang")
    page = client.get(reverse("backoffice:plan_task_detail", args=[classes_task.pk])).content.decode()
    assert f"/backoffice/support/classes/?task={classes_task.pk}" in page
    listed = client.get(reverse("backoffice:training_class_list"), {"task": classes_task.pk}).content.decode()
    assert "Lớp phục vụ nhiệm vụ" in listed and "Lớp khác" not in listed
    page = client.get(reverse("backoffice:plan_task_detail", args=[marks_task.pk])).content.decode()
    assert f"/backoffice/support/ip-cases/?task={marks_task.pk}" in page
    listed = client.get(reverse("backoffice:ip_case_list"), {"task": marks_task.pk}).content.decode()
    assert "Nho Thái An" in listed and "Tỏi Phan Rang" not in listed
