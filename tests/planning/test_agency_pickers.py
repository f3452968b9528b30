"""The planning forms' agency pickers mark the organisations of before 1/7/2025, like the user form does."""

import pytest

from ocop.accounts.domain.users import create_organisation
from ocop.accounts.enums import OrganisationKind, Role
from ocop.geo.enums import Era
from ocop.planning.interfaces.forms import ObligationForm, TargetForm, TaskForm
from tests.factories import make_user, unit

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("form_class", "field"), [(TargetForm, "owner"), (TaskForm, "lead_agencies"), (ObligationForm, "reporter")]
)
def test_former_agencies_are_marked_in_the_planning_pickers(form_class, field):
    kind = OrganisationKind.COMMUNE_COMMITTEE
    before = create_organisation(actor=None, name="UBND xã Vĩnh Hải", kind=kind, unit=unit("22846"))
    today = create_organisation(actor=None, name="UBND xã Vĩnh Hải", kind=kind, unit=unit("22846", era=Era.FROM_2025))
    labels = dict(form_class(actor=make_user(Role.PROVINCE_OFFICE)).fields[field].choices)
    assert labels[before.pk] == "UBND xã Vĩnh Hải (trước 01/7/2025)"
    assert labels[today.pk] == "UBND xã Vĩnh Hải"
