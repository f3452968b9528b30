"""Bodies in office on a day: the 2025 reorganisation of Ninh Thuận and what heads a paper on each side of it."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from ocop.accounts.domain import bodies
from ocop.accounts.domain.users import create_organisation, update_organisation
from ocop.accounts.enums import OrganisationKind
from ocop.accounts.models import Organisation

pytestmark = pytest.mark.django_db
D = datetime.date
OLD_DEPARTMENT = "Sở Nông nghiệp và Phát triển nông thôn tỉnh Ninh Thuận"


@pytest.fixture
def reorganised():
    assert bodies.load_bodies()
    return Organisation.objects.get(name=OLD_DEPARTMENT)


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (D(2024, 12, 31), OLD_DEPARTMENT),
        (D(2025, 2, 28), OLD_DEPARTMENT),
        (D(2025, 3, 1), "Sở Nông nghiệp và Môi trường tỉnh Ninh Thuận"),
        (D(2025, 6, 30), "Sở Nông nghiệp và Môi trường tỉnh Ninh Thuận"),
        (D(2025, 7, 1), "Sở Nông nghiệp và Môi trường tỉnh Khánh Hòa"),
        (D(2026, 11, 28), "Sở Nông nghiệp và Môi trường tỉnh Khánh Hòa"),
    ],
)
def test_the_department_in_office_on_each_side_of_the_reorganisation(reorganised, day, name):
    assert bodies.in_office(reorganised, day).name == name
    latest = Organisation.objects.get(name="Sở Nông nghiệp và Môi trường tỉnh Khánh Hòa")
    assert bodies.in_office(latest, day).name == name  # followed backwards too


def test_what_heads_a_departments_paper_in_2024_and_in_2026(reorganised):
    assert bodies.heading(reorganised, D(2024, 7, 5)) == bodies.Heading(
        "UBND tỉnh Ninh Thuận", "Sở Nông nghiệp và Phát triển nông thôn", "Ninh Thuận", "SNNPTNT"
    )
    assert bodies.heading(reorganised, D(2026, 11, 28)) == bodies.Heading(
        "UBND tỉnh Khánh Hòa", "Sở Nông nghiệp và Môi trường", "Khánh Hòa", "SNNMT"
    )


def test_a_recipient_is_named_as_in_office_on_the_day(reorganised):
    ministry = "Bộ Nông nghiệp và Phát triển nông thôn"
    assert bodies.name_in_office(ministry, D(2025, 2, 28)) == ministry
    assert bodies.name_in_office(ministry, D(2025, 3, 1)) == "Bộ Nông nghiệp và Môi trường"
    assert bodies.name_in_office("Lưu: VT", D(2026, 1, 1)) == "Lưu: VT"


def test_loading_the_bodies_again_adds_nothing(reorganised):
    count = Organisation.objects.count()
    assert bodies.load_bodies()
    assert Organisation.objects.count() == count
    assert bodies.load_bodies(province_code="56") is False  # data for Ninh Thuận only


def test_an_office_history_that_cannot_be_is_refused():
    body = create_organisation(actor=None, name="Sở A", kind=OrganisationKind.DEPARTMENT)
    other = create_organisation(actor=None, name="Sở B", kind=OrganisationKind.DEPARTMENT)
    with pytest.raises(ValidationError) as refused:
        update_organisation(actor=None, organisation=body, valid_from=D(2025, 3, 1), valid_until=D(2025, 1, 1))
    assert "valid_until" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        update_organisation(actor=None, organisation=body, successor=other)
    assert "valid_until" in refused.value.message_dict  # a successor needs the day the office passed
    with pytest.raises(ValidationError):
        update_organisation(actor=None, organisation=body, successor=body, valid_until=D(2025, 6, 30))
    update_organisation(actor=None, organisation=body, successor=other, valid_until=D(2025, 6, 30))
    assert bodies.in_office(body, D(2025, 7, 1)) == other


def test_a_councils_decision_is_offered_to_the_committee_in_office_on_the_day(reorganised):
    from ocop.councils.domain.decisions import default_issuing_body
    from tests.factories import make_council

    council = make_council(unit_key=("58", "province", "before_2025"), members=3)
    assert default_issuing_body(council, D(2024, 12, 27)) == "Ủy ban nhân dân tỉnh Ninh Thuận"
    assert default_issuing_body(council, D(2026, 7, 20)) == "Ủy ban nhân dân tỉnh Khánh Hòa"
    unknown = make_council(unit_key=("01", "province", "from_2025"), members=3)
    assert default_issuing_body(unknown, D(2026, 7, 20)) == unknown.unit.name  # no committee in the registry
