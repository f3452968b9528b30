import pytest
from django.urls import reverse
from django_otp.oath import totp

from ocop.accounts.domain import two_factor
from ocop.accounts.enums import Role
from ocop.common.models import ActivityLog
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db
LOGIN = "/backoffice/login/"


def test_the_login_page_is_vietnamese(client):
    response = client.get(LOGIN)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Đăng nhập" in page
    assert 'lang="vi"' in page
    assert "Content-Security-Policy" in response.headers


def test_login_with_the_right_password_reaches_the_back_office(client):
    make_user(Role.COMMUNE_OFFICER, username="xa.phuocthuan")
    response = client.post(LOGIN, {"username": "xa.phuocthuan", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("backoffice:dashboard")
    assert ActivityLog.objects.filter(verb="auth.logged_in", actor__username="xa.phuocthuan").exists()


def test_wrong_passwords_lock_the_account_out_and_the_lockout_is_logged(client, settings):
    make_user(username="tinh.ocop")
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(LOGIN, {"username": "tinh.ocop", "password": "sai-mat-khau"})
        assert response.status_code == 200
        assert "Hãy nhập đúng tên đăng nhập và mật khẩu" in response.content.decode()
    response = client.post(LOGIN, {"username": "tinh.ocop", "password": "sai-mat-khau"})
    assert response.status_code == 429
    assert "Tạm ngừng đăng nhập" in response.content.decode()
    # Even the right password is refused while locked out.
    response = client.post(LOGIN, {"username": "tinh.ocop", "password": PASSWORD})
    assert response.status_code == 429
    lockouts = ActivityLog.objects.filter(verb="auth.locked_out")
    assert lockouts.exists()
    assert {(entry.data["username"], entry.actor) for entry in lockouts} == {("tinh.ocop", None)}


def test_a_password_reset_lifts_the_lockout(client, settings):
    from ocop.accounts.domain.users import reset_password

    person = make_user(username="so.congthuong")
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"username": "so.congthuong", "password": "sai"})
    new_password = reset_password(actor=None, user=person)
    response = client.post(LOGIN, {"username": "so.congthuong", "password": new_password})
    assert response.status_code == 302


def test_a_one_time_password_must_be_changed_first(client):
    person = make_user(Role.PROVINCE_OFFICE)
    person.must_change_password = True
    person.save()
    client.force_login(person)
    response = client.get(reverse("backoffice:dashboard"))
    assert response.status_code == 302
    assert response["Location"] == reverse("backoffice:password_change")
    response = client.post(
        reverse("backoffice:password_change"),
        {"old_password": PASSWORD, "new_password1": "Mat-khau-rieng-2026", "new_password2": "Mat-khau-rieng-2026"},
    )
    assert response.status_code == 302
    assert client.get(reverse("backoffice:dashboard")).status_code == 200


def test_two_step_login_asks_for_the_authenticator_code(client):
    person = make_user(Role.PROVINCE_OFFICE, username="tinh.ocop")
    device = two_factor.pending_device(person)
    two_factor.enable_two_factor(user=person, token=str(totp(device.bin_key)).zfill(6))
    assert ActivityLog.objects.filter(verb="accounts.two_factor_enabled").exists()

    response = client.post(LOGIN, {"username": "tinh.ocop", "password": PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session

    device.refresh_from_db()
    # The code used to turn the device on cannot be replayed: log in with the next time step's code.
    code = str(totp(device.bin_key, drift=1)).zfill(6)
    response = client.post(LOGIN, {"username": "tinh.ocop", "password": PASSWORD, "otp_token": code})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(person.pk)


def test_argon2_hashes_passwords_outside_tests():
    from ocop import settings as project_settings

    assert project_settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
