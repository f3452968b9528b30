"""Training classes and IP support cases: their rules, and the plan indicators and task outputs computed from them."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from ocop.common.models import ActivityLog
from ocop.planning.domain import indicators, plans
from ocop.planning.domain.areas import AreaMap
from ocop.planning.domain.figures import plan_figures
from ocop.planning.domain.indicators import IndicatorQuery
from ocop.planning.domain.periods import parse_period
from ocop.producers.domain.documents import add_document
from ocop.support.domain import ip_cases, training
from tests.factories import NHON_HAI, make_producer, make_user
from tests.planning.helpers import NINH_HAI, province
from tests.support.helpers import TODAY, make_case, make_class

pytestmark = pytest.mark.django_db
D = datetime.date


def _query(period: str, unit_ids=None) -> IndicatorQuery:
    chosen = parse_period(period)
    return IndicatorQuery(
        start=chosen.start, end=chosen.end, unit_ids=unit_ids if unit_ids is not None else AreaMap(province()).unit_ids
    )


def _measure(code: str, period: str, unit_ids=None) -> Decimal:
    return indicators.get(code).compute(_query(period, unit_ids)).value


# Training -----------------------------------------------------------------------------------------------------------


def test_a_class_has_a_topic_a_trainer_a_place_an_area_and_ends_after_it_starts():
    with pytest.raises(ValidationError) as raised:
        make_class(topic=" ", trainer="", starts_on=D(2024, 5, 3), ends_on=D(2024, 5, 1))
    assert set(raised.value.message_dict) == {"topic", "trainer", "ends_on"}
    assert "03/05/2024" in raised.value.message_dict["ends_on"][0]
    assert not ActivityLog.objects.filter(verb__startswith="support.").exists()  # nothing half-written


def test_participants_are_enrolled_once_and_attendance_is_ticked_after_the_class_began():
    training_class = make_class()
    officer, producer = make_user("commune_officer"), make_producer()
    training.enrol(actor=None, training_class=training_class, users=[officer], producers=[producer])
    training.enrol(actor=None, training_class=training_class, users=[officer], producers=[producer])  # again
    participants = list(training_class.participants.order_by("pk"))
    assert len(participants) == 2
    with pytest.raises(ValidationError):
        training.enrol(actor=None, training_class=training_class)
    assert training.record_attendance(actor=None, training_class=training_class, attended={participants[1].pk}) == 1
    assert [p.attended for p in training_class.participants.order_by("pk")] == [False, True]
    with pytest.raises(ValidationError):
        training.record_attendance(actor=None, training_class=training_class, attended={999999})
    future = make_class(starts_on=D(2099, 1, 1), ends_on=D(2099, 1, 2))
    with pytest.raises(ValidationError):
        training.record_attendance(actor=None, training_class=future, attended=set())
    verbs = list(ActivityLog.objects.filter(verb__startswith="support.").values_list("verb", flat=True))
    assert sorted(verbs) == sorted(
        [
            "support.class_created",
            "support.participants_enrolled",
            "support.attendance_recorded",
            "support.class_created",
        ]
    )


def test_trainings_held_counts_the_classes_that_ended_in_the_period_in_the_area():
    make_class(starts_on=D(2024, 4, 2), ends_on=D(2024, 4, 4))
    make_class(starts_on=D(2024, 6, 29), ends_on=D(2024, 7, 2))  # ends in the second half
    make_class(starts_on=D(2024, 9, 10), ends_on=D(2024, 9, 11), unit_key=NINH_HAI)
    make_class(starts_on=D(2023, 12, 1), ends_on=D(2023, 12, 2))  # another year
    assert indicators.get("trainings_held").is_computed
    assert _measure("trainings_held", "2024") == 3
    assert _measure("trainings_held", "2024-H1") == 1
    from tests.factories import unit

    ninh_hai = AreaMap(unit(*NINH_HAI)).unit_ids
    assert _measure("trainings_held", "2024", ninh_hai) == 1  # the province's classes are not Ninh Hải's
    rows = list(indicators.get("trainings_held").records(_query("2024")))
    assert [row.ends_on for row in rows] == [D(2024, 9, 11), D(2024, 7, 2), D(2024, 4, 4)]
    by_unit = indicators.get("trainings_held").by_unit(_query("2024"))
    assert sum(by_unit.values()) == 3


# Trademarks and IP --------------------------------------------------------------------------------------------------


def test_an_ip_case_says_where_it_stands_consistently():
    producer = make_producer()
    with pytest.raises(ValidationError) as raised:
        make_case(producer, status="granted")  # granted without its date, number or filing
    assert set(raised.value.message_dict) == {"filed_on", "granted_on", "certificate_number"}
    with pytest.raises(ValidationError) as raised:
        make_case(producer, status="filed", filed_on=D(2030, 1, 1))
    assert set(raised.value.message_dict) == {"filed_on"}
    case = make_case(producer, status="filed", filed_on=D(2024, 1, 10))
    with pytest.raises(ValidationError) as raised:
        ip_cases.update_ip_status(
            actor=None, case=case, today=TODAY, status="granted", granted_on=D(2023, 5, 1), certificate_number="1"
        )
    assert "10/01/2024" in raised.value.message_dict["granted_on"][0]
    with pytest.raises(ValidationError) as raised:
        ip_cases.update_ip_status(actor=None, case=case, today=TODAY, status="refused")
    assert set(raised.value.message_dict) == {"closed_on"}
    case.refresh_from_db()
    assert case.status == "filed"
    assert ActivityLog.objects.filter(verb="support.ip_case_opened").count() == 1


def test_a_granted_case_links_the_producers_ip_document_and_no_other():
    producer, other = make_producer(), make_producer(NHON_HAI)
    case = make_case(producer, status="filed", filed_on=D(2024, 1, 10))
    own = add_document(actor=None, producer=producer, kind="trademark", issuer="Cục Sở hữu trí tuệ", number="4-1")
    foreign = add_document(actor=None, producer=other, kind="trademark", issuer="Cục Sở hữu trí tuệ", number="4-2")
    licence = add_document(actor=None, producer=producer, kind="food_safety", issuer="Sở Y tế", number="ATTP")
    for wrong in (foreign, licence):
        with pytest.raises(ValidationError) as raised:
            ip_cases.update_ip_status(actor=None, case=case, today=TODAY, document=wrong)
        assert set(raised.value.message_dict) == {"document"}
    ip_cases.update_ip_status(
        actor=None,
        case=case,
        today=TODAY,
        status="granted",
        granted_on=D(2024, 8, 20),
        certificate_number="4-0512345-000",
        document=own,
    )
    case.refresh_from_db()
    assert (case.status, case.document) == ("granted", own)
    assert ActivityLog.objects.filter(verb="support.ip_case_updated", target_id=case.pk).count() == 1


def test_trademarks_registered_counts_the_cases_granted_in_the_period():
    make_case(granted_on=D(2024, 3, 1))
    make_case(granted_on=D(2024, 8, 20), kind="certification_mark", mark="Tỏi Phan Rang")
    make_case(granted_on=D(2025, 1, 5), mark="Táo Ninh Thuận")
    make_case(status="filed", filed_on=D(2024, 2, 1), mark="Măng tây")  # filed, not granted
    assert indicators.get("trademarks_registered").is_computed
    assert _measure("trademarks_registered", "2024") == 2
    assert _measure("trademarks_registered", "2024-H1") == 1
    marks = [case.mark for case in indicators.get("trademarks_registered").records(_query("2024"))]
    assert marks == ["Tỏi Phan Rang", "Nho Ninh Thuận"]


def test_task_outputs_of_classes_and_marks_are_counted_from_the_records_serving_the_task():
    from tests.planning.helpers import make_plan

    made = make_plan()
    plan = made["plan"]
    classes_task = plans.create_task(actor=None, plan=plan, code="PL2.5", content="Tập huấn (05 lớp)")
    classes = plans.add_task_output(actor=None, task=classes_task, name="Lớp", unit_label="lớp", planned=5)
    marks_task = plans.create_task(actor=None, plan=plan, code="PL2.3", content="Nhãn hiệu (04 nhãn hiệu)")
    marks = plans.add_task_output(actor=None, task=marks_task, name="Nhãn hiệu", unit_label="nhãn hiệu", planned=4)

    def achieved(period):
        figures = {f.task.pk: f for f in plan_figures(plan, parse_period(period), today=TODAY).tasks}
        return figures[classes_task.pk].achieved.get(classes.pk), figures[marks_task.pk].achieved.get(marks.pk)

    assert achieved("2024") == (None, None)  # nothing serves the tasks: the agency's figures stand
    make_class(task=classes_task, starts_on=D(2024, 4, 2), ends_on=D(2024, 4, 4))
    make_class(task=classes_task, starts_on=D(2024, 10, 2), ends_on=D(2024, 10, 3))
    make_case(task=marks_task, granted_on=D(2024, 9, 1))
    make_case(task=marks_task, status="filed", filed_on=D(2024, 5, 1), mark="Muối Cà Ná")
    assert achieved("2024") == (2, 1)
    assert achieved("2024-H1") == (1, 0)
