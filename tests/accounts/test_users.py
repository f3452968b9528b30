import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from ocop.accounts.domain.users import (
    change_own_password,
    create_organisation,
    create_user,
    reset_password,
    set_user_active,
    update_user,
)
from ocop.accounts.enums import OrganisationKind, Role
from ocop.accounts.models import Organisation, RoleAssignment, User
from ocop.common.models import ActivityLog
from ocop.planning.models import Plan
from ocop.support.models import FundingEntry
from tests.factories import make_user, unit

pytestmark = pytest.mark.django_db


def test_create_user_generates_a_one_time_password_and_logs_it():
    admin = make_user(Role.ADMIN)
    user, password = create_user(actor=admin, username=" Xa.PhuocThuan ", full_name="  Phạm  Thị Mai ")
    assert user.username == "xa.phuocthuan"
    assert user.full_name == "Phạm Thị Mai"
    assert user.search_name == "pham thi mai"
    assert user.must_change_password
    assert user.check_password(password)
    log = ActivityLog.objects.get(verb="accounts.user_created", target_id=str(user.pk))
    assert log.actor == admin
    assert password not in str(log.data)


def test_usernames_are_unique_whatever_the_case():
    make_user(username="tinh.ocop")
    with pytest.raises(ValidationError):
        create_user(actor=None, username="TINH.OCOP", full_name="Ai đó")


def test_update_user_logs_only_real_changes():
    person = make_user(full_name="Nguyễn Văn A")
    update_user(actor=None, user=person, full_name="Nguyễn Văn A", phone="")
    assert not ActivityLog.objects.filter(verb="accounts.user_updated").exists()
    update_user(actor=None, user=person, phone="0912 345 678")
    log = ActivityLog.objects.get(verb="accounts.user_updated")
    assert log.data == {"changed": {"phone": "0912 345 678"}}


def test_nobody_deactivates_themselves():
    admin = make_user(Role.ADMIN)
    with pytest.raises(ValidationError):
        set_user_active(actor=admin, user=admin, active=False)


def test_reset_and_change_password():
    person = make_user()
    password = reset_password(actor=None, user=person)
    person.refresh_from_db()
    assert person.must_change_password and person.check_password(password)
    change_own_password(user=person, new_password="Mot-mat-khau-moi-2026")
    person.refresh_from_db()
    assert not person.must_change_password
    assert [e.verb for e in ActivityLog.objects.filter(target_id=str(person.pk)).order_by("id")][-2:] == [
        "accounts.password_reset",
        "accounts.password_changed",
    ]


def test_weak_passwords_are_refused():
    person = make_user()
    with pytest.raises(ValidationError):
        change_own_password(user=person, new_password="12345678")


def test_organisation_names_are_unique_within_a_unit_ignoring_accents():
    create_organisation(
        actor=None, name="UBND xã Phước Thuận", kind=OrganisationKind.COMMUNE_COMMITTEE, unit=unit("22882")
    )
    with pytest.raises(ValidationError):
        create_organisation(
            actor=None, name="UBND xa Phuoc Thuan", kind=OrganisationKind.COMMUNE_COMMITTEE, unit=unit("22882")
        )
    assert Organisation.objects.count() == 1


def test_up_twice_keeps_the_data_and_one_administrator(capsys, settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    call_command("up", no_serve=True)
    first = capsys.readouterr().out
    assert "admin  /  " in first
    users_after_first = User.objects.count()
    call_command("up", no_serve=True)
    second = capsys.readouterr().out
    assert "admin  /  " not in second
    assert User.objects.count() == users_after_first
    assert User.objects.filter(is_superuser=True).count() == 1
    assert RoleAssignment.objects.filter(role=Role.ADMIN).count() == 1
    assert User.objects.get(username="xa.phuocthuan").role_assignments.get().unit.code == "22882"
    assert Plan.objects.filter(reference="706/KH-UBND").count() == 1  # the demo includes plan 706

    # A demo loaded before plans existed (and so before money was recorded by task) gets the plan next time.
    FundingEntry.objects.filter(task__plan__reference="706/KH-UBND").delete()  # a plan with money is not deleted
    Plan.objects.filter(reference="706/KH-UBND").delete()
    call_command("up", no_serve=True)
    plan = Plan.objects.get(reference="706/KH-UBND")
    assert (plan.targets.count(), plan.tasks.count()) == (9, 49)


def test_a_deactivated_users_sessions_end_and_do_not_come_back_on_reactivation(client):
    admin = make_user(Role.ADMIN)
    person = make_user(Role.COMMUNE_OFFICER)
    other_person = make_user(Role.COMMUNE_OFFICER)
    client.force_login(person)
    other_browser = client.__class__()
    other_browser.force_login(other_person)

    set_user_active(actor=admin, user=person, active=False)
    set_user_active(actor=admin, user=person, active=True)

    assert client.get("/backoffice/")["Location"] == "/backoffice/login/?next=/backoffice/"
    assert other_browser.get("/backoffice/").status_code == 200
