import datetime
import io

import pytest

from ocop.common.domain.calendar import add_working_days, holiday_name, is_working_day
from ocop.common.models import CalendarException

pytestmark = pytest.mark.django_db


def test_tet_2025_and_weekends_are_skipped():
    # Friday 24/01/2025; Tết holidays 27/01–01/02 (Mon–Sat), then Monday 03/02 is the first working day.
    assert add_working_days(datetime.date(2025, 1, 24), 1) == datetime.date(2025, 2, 3)
    assert not is_working_day(datetime.date(2025, 1, 29))
    assert holiday_name(datetime.date(2025, 1, 29)) == "Tết Nguyên Đán"


def test_fifteen_working_days_across_tet_2025():
    # Filed Wednesday 22/01/2025: 23 and 24/01 count 2; 25/01–02/02 are weekend and Tết; 03–07/02 reach 7,
    # 10–14/02 reach 12, 17, 18 and 19/02 reach 15.
    assert add_working_days(datetime.date(2025, 1, 22), 15) == datetime.date(2025, 2, 19)


def test_an_announced_make_up_saturday_is_a_working_day():
    # 26/04/2025 (Saturday) was worked to give Friday 02/05 off.
    assert is_working_day(datetime.date(2025, 4, 26))
    assert not is_working_day(datetime.date(2025, 5, 2))


def test_exceptions_recorded_by_the_administrator_win():
    day = datetime.date(2026, 12, 7)  # a Monday
    assert is_working_day(day)
    CalendarException.objects.create(day=day, is_working_day=False, note="Nghỉ bù theo thông báo")
    assert not is_working_day(day)
    assert add_working_days(datetime.date(2026, 12, 4), 1) == datetime.date(2026, 12, 8)


def test_the_operator_records_and_removes_announced_days_with_the_command():
    from django.core.management import CommandError, call_command

    from ocop.common.models import ActivityLog

    call_command("calendar", "day-off", "07/12/2026", "Nghỉ bù theo Thông báo số 01/TB-UBND")
    assert not is_working_day(datetime.date(2026, 12, 7))
    assert add_working_days(datetime.date(2026, 12, 4), 1) == datetime.date(2026, 12, 8)
    call_command("calendar", "working-day", "12/12/2026", "Làm bù thứ Bảy")
    assert is_working_day(datetime.date(2026, 12, 12))

    output = io.StringIO()
    call_command("calendar", "list", "--year", "2026", stdout=output)
    lines = output.getvalue().splitlines()
    assert "07/12/2026  nghỉ  Nghỉ bù theo Thông báo số 01/TB-UBND" in lines
    assert "12/12/2026  làm việc  Làm bù thứ Bảy" in lines
    assert any(line.startswith("02/09/2026  nghỉ") for line in lines)  # Quốc khánh, from the holiday calendar

    call_command("calendar", "remove", "07/12/2026")
    assert is_working_day(datetime.date(2026, 12, 7))
    verbs = list(ActivityLog.objects.filter(verb__startswith="common.").order_by("pk").values_list("verb", flat=True))
    assert verbs == ["common.calendar_exception_recorded"] * 2 + ["common.calendar_exception_removed"]
    with pytest.raises(CommandError):
        call_command("calendar", "remove", "07/12/2026")
    with pytest.raises(CommandError):
        call_command("calendar", "day-off", "31/02/2026", "Sai ngày")
