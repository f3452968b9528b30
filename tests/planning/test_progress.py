"""Task progress by the lead agencies, figures reported with evidence, closed periods and late corrections."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from ocop.accounts.domain.users import create_organisation
from ocop.accounts.enums import Role
from ocop.common.models import ActivityLog
from ocop.planning.domain.figures import plan_figures, task_figures
from ocop.planning.domain.periods import parse_period
from ocop.planning.domain.progress import close_period, record_task_update, record_value
from tests.factories import make_product, make_user, png_upload
from tests.planning.helpers import certify, make_plan, province

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = D(2026, 11, 28)


def test_progress_is_reported_with_quantities_and_evidence():
    made = make_plan()
    task, output = made["task"], made["output"]
    update = record_task_update(
        actor=None,
        task=task,
        reported_on=D(2024, 6, 30),
        status="in_progress",
        note="Đã in 12.000 tem",
        spent=Decimal(45_000_000),
        achieved={output.pk: "12000"},
        evidence=png_upload("hop-dong.png"),
    )
    assert update.evidence.name.startswith(f"planning/tasks/{task.pk}/")
    assert update.evidence_type == "image/png" and not update.is_late
    record_task_update(actor=None, task=task, reported_on=D(2024, 12, 20), status="done", achieved={output.pk: 30000})
    first_half = task_figures(made["plan"], parse_period("2024-H1"), today=TODAY)[0]
    year = task_figures(made["plan"], parse_period("2024"), today=TODAY)[0]
    assert (first_half.status, first_half.achieved[output.pk], first_half.overdue) == ("in_progress", 12000, False)
    assert (year.status, year.achieved[output.pk], year.overdue) == ("done", 30000, False)
    assert ActivityLog.objects.filter(verb="planning.task_progress", target_id=str(task.pk)).count() == 2


def test_a_task_not_done_by_its_date_is_overdue():
    made = make_plan()
    figure = task_figures(made["plan"], parse_period("2024"), today=TODAY)[0]
    assert (figure.status, figure.overdue) == ("not_started", True)
    running = task_figures(made["plan"], parse_period("2024"), today=D(2024, 8, 1))[0]
    assert running.overdue is False


def test_uploads_are_checked_by_content_and_the_future_is_refused():
    made = make_plan()
    with pytest.raises(ValidationError):
        record_task_update(
            actor=None,
            task=made["task"],
            reported_on=D(2024, 6, 30),
            status="in_progress",
            evidence=SimpleUploadedFile("bien-ban.pdf", b"MZ\x90\x00 not a pdf"),
        )
    with pytest.raises(ValidationError):
        record_task_update(actor=None, task=made["task"], reported_on=D(2099, 1, 1), status="done")
    with pytest.raises(ValidationError):
        record_task_update(
            actor=None, task=made["task"], reported_on=D(2024, 6, 30), status="done", achieved={made["output"].pk: -1}
        )


def test_a_closed_period_keeps_its_figures_and_takes_late_corrections_only_with_a_reason():
    made = make_plan(with_records=True)
    plan, target = made["plan"], made["reported"]
    certify(make_product(), D(2024, 11, 15))
    lock = close_period(actor=None, plan=plan, period_key="2024", today=TODAY)
    assert lock.figures["targets"] == {str(made["computed"].pk): "1", str(target.pk): "1.00"}
    with pytest.raises(ValidationError) as raised:
        record_value(actor=None, target=target, period_key="2024", value=2)
    assert "late_reason" in raised.value.message_dict
    late = record_value(
        actor=None, target=target, period_key="2024", value=2, late_reason="Điểm bán thứ hai khai trương 28/12/2024"
    )
    assert late.is_late
    assert ActivityLog.objects.filter(verb="planning.value_reported_late").exists()
    certify(make_product(), D(2024, 12, 20))
    figures = {f.target.code: f for f in plan_figures(plan, parse_period("2024"), today=TODAY).targets}
    assert (figures["1"].actual, figures["1"].locked_actual, figures["1"].changed_since_lock) == (2, 1, True)
    assert (figures["2"].actual, figures["2"].reported.is_late, figures["2"].changed_since_lock) == (2, True, True)
    update = record_task_update(
        actor=None, task=made["task"], reported_on=D(2024, 12, 31), status="done", late_reason="Báo cáo bổ sung"
    )
    assert update.is_late
    with pytest.raises(ValidationError):
        close_period(actor=None, plan=plan, period_key="2024", today=TODAY)


def test_a_period_closes_only_once_it_is_over():
    made = make_plan()
    with pytest.raises(ValidationError):
        close_period(actor=None, plan=made["plan"], period_key="2024", today=D(2024, 12, 31))
    with pytest.raises(ValidationError):
        close_period(actor=None, plan=made["plan"], period_key="2023", today=TODAY)
    close_period(actor=None, plan=made["plan"], period_key="2024-H1", today=D(2024, 7, 1))
    # A report on the first half may still be corrected for the rest of the year, not for the closed half.
    record_task_update(actor=None, task=made["task"], reported_on=D(2024, 7, 2), status="in_progress")
    with pytest.raises(ValidationError):
        record_task_update(actor=None, task=made["task"], reported_on=D(2024, 6, 1), status="in_progress")


def test_an_agency_reports_on_its_own_tasks_and_targets_only():
    made = make_plan()
    agency = create_organisation(actor=None, name="Sở Công Thương tỉnh Ninh Thuận", kind="department", unit=province())
    other = create_organisation(actor=None, name="Sở Y tế tỉnh Ninh Thuận", kind="department", unit=province())
    staff = make_user(Role.DEPARTMENT_STAFF, organisation=agency)
    outsider = make_user(Role.DEPARTMENT_STAFF, organisation=other)
    made["task"].lead_agencies.set([agency])
    made["reported"].owner = agency
    made["reported"].save()
    assert staff.has_perm("planning.update_task", made["task"])
    assert not outsider.has_perm("planning.update_task", made["task"])
    assert staff.has_perm("planning.report_value", made["reported"])
    assert not outsider.has_perm("planning.report_value", made["reported"])
    assert not staff.has_perm("planning.manage_plans")
    assert make_user(Role.PROVINCE_OFFICE).has_perm("planning.update_task", made["task"])
    assert not make_user(Role.COUNCIL_MEMBER).has_perm("planning.view_plans")


def test_standing_duties_of_plan_706_have_no_deadline_and_are_never_overdue(plan706):
    """Section V of the plan lists each agency's standing duties: no date, so never late; only dated tasks can be."""
    figures = task_figures(plan706, parse_period("2024"), today=D(2026, 12, 5))
    standing = [figure for figure in figures if figure.task.section == "Mục V"]
    assert len(standing) == 41
    assert all(figure.task.ends_on is None and figure.task.period_text == "Thường xuyên" for figure in standing)
    assert not any(figure.overdue for figure in standing)
    overdue = {figure.task.code for figure in figures if figure.overdue}
    assert overdue == {figure.task.code for figure in figures if figure.task.section == "Phụ lục II"}
