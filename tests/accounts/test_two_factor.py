"""Two-step login holds on every path: the admin site, every request, switching it off, production roles."""

import pytest
from django.urls import reverse
from django_otp.oath import totp

from ocop.accounts.domain import two_factor
from ocop.accounts.enums import Role
from ocop.common.models import ActivityLog
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db
LOGIN = "/backoffice/login/"
DASHBOARD = "/backoffice/"


def code(device, step: int) -> str:
    """The code of a later time step: django-otp refuses a code at or before the last one used."""
    return str(totp(device.bin_key, drift=step)).zfill(6)


def with_authenticator(user):
    device = two_factor.pending_device(user)
    two_factor.enable_two_factor(user=user, token=code(device, 0))
    device.refresh_from_db()
    return device


def log_in_with_code(client, user, device, step: int = 1):
    response = client.post(LOGIN, {"username": user.username, "password": PASSWORD, "otp_token": code(device, step)})
    assert response.status_code == 302
    return response


def test_the_admin_site_login_leads_to_the_two_step_login_and_a_password_alone_opens_nothing(client):
    admin = make_user(username="quantri", is_superuser=True)
    with_authenticator(admin)

    response = client.post("/django-admin/login/", {"username": "quantri", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?next=/django-admin/"
    assert "_auth_user_id" not in client.session
    assert client.get(DASHBOARD)["Location"] == f"{LOGIN}?next={DASHBOARD}"
    assert client.get("/django-admin/", follow=True).redirect_chain[-1][0] == f"{LOGIN}?next=/django-admin/"


def test_a_session_opened_without_the_code_is_logged_out_on_its_next_request(client):
    person = make_user(Role.PROVINCE_OFFICE)
    with_authenticator(person)
    client.force_login(person)  # a session opened by any other login path

    response = client.get(DASHBOARD)
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?next={DASHBOARD}"
    assert "_auth_user_id" not in client.session
    page = client.get(response["Location"]).content.decode()
    assert "Hãy đăng nhập lại với mã từ ứng dụng xác thực." in page


def test_the_admin_site_opens_for_the_administrator_after_the_code(client):
    admin = make_user(username="quantri", is_superuser=True)
    device = with_authenticator(admin)
    response = client.post(
        f"{LOGIN}?next=/django-admin/",
        {"username": "quantri", "password": PASSWORD, "otp_token": code(device, 1), "next": "/django-admin/"},
    )
    assert response["Location"] == "/django-admin/"
    assert client.get("/django-admin/").status_code == 200


def test_a_wrong_password_and_a_right_password_without_its_code_get_the_same_answer(client):
    with_2fa = make_user(username="co.mahai")
    with_authenticator(with_2fa)
    make_user(username="khong.mahai")

    def answer(username, password, otp_token=""):
        response = client.post(LOGIN, {"username": username, "password": password, "otp_token": otp_token})
        assert response.status_code == 200
        assert "_auth_user_id" not in client.session
        page = response.content.decode()
        start = page.index('<div class="form-errors"')
        return page[start : page.index("</div>", start)]

    wrong_password = answer("co.mahai", "sai-mat-khau")
    assert "Hãy nhập đúng tên đăng nhập và mật khẩu" in wrong_password
    assert answer("co.mahai", PASSWORD) == wrong_password
    assert answer("co.mahai", PASSWORD, "000000") == wrong_password
    assert answer("khong.mahai", "sai-mat-khau") == wrong_password


def test_a_wrong_code_counts_towards_the_lockout(client, settings):
    person = make_user(username="tinh.ocop")
    device = with_authenticator(person)
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"username": "tinh.ocop", "password": PASSWORD, "otp_token": "123456"})
    response = client.post(LOGIN, {"username": "tinh.ocop", "password": PASSWORD, "otp_token": code(device, 1)})
    assert response.status_code == 429
    assert ActivityLog.objects.filter(verb="auth.locked_out").count() >= 1


def test_turning_two_step_login_on_keeps_this_session_and_asks_the_others(client):
    person = make_user(Role.COMMUNE_OFFICER)
    other_browser = client.__class__()
    other_browser.force_login(person)
    client.force_login(person)
    device = two_factor.pending_device(person)
    response = client.post(reverse("backoffice:security"), {"token": code(device, 0)})
    assert response.status_code == 302
    assert client.get(DASHBOARD).status_code == 200
    assert other_browser.get(DASHBOARD)["Location"].startswith(LOGIN)


def test_turning_two_step_login_off_needs_a_current_code(client):
    person = make_user(Role.COMMUNE_OFFICER)
    device = with_authenticator(person)
    log_in_with_code(client, person, device)

    response = client.post(reverse("backoffice:security_disable"), {"token": "000000"}, follow=True)
    assert "Mã không đúng" in response.content.decode()
    assert two_factor.confirmed_device(person) is not None
    assert not ActivityLog.objects.filter(verb="accounts.two_factor_disabled").exists()

    client.post(reverse("backoffice:security_disable"), {"token": code(device, 2)})
    assert two_factor.confirmed_device(person) is None
    assert ActivityLog.objects.filter(verb="accounts.two_factor_disabled", actor=person).count() == 1


@pytest.mark.parametrize("role", [Role.ADMIN, Role.PROVINCE_OFFICE])
def test_in_production_the_administrator_and_the_office_set_up_two_step_login_first(client, settings, role):
    settings.OCOP_REQUIRE_TWO_FACTOR = True
    person = make_user(role)
    client.post(LOGIN, {"username": person.username, "password": PASSWORD})
    assert client.get(DASHBOARD)["Location"] == reverse("backoffice:security")
    assert client.get(reverse("backoffice:producer_list"))["Location"] == reverse("backoffice:security")
    page = client.get(reverse("backoffice:security")).content.decode()
    assert "Vai trò của bạn bắt buộc đăng nhập hai bước." in page

    device = two_factor.pending_device(person)
    client.post(reverse("backoffice:security"), {"token": code(device, 0)})
    assert client.get(DASHBOARD).status_code == 200
    client.post(reverse("backoffice:security_disable"), {"token": code(device, 1)})
    assert two_factor.confirmed_device(person) is not None


def test_in_production_other_roles_may_work_without_it(client, settings):
    settings.OCOP_REQUIRE_TWO_FACTOR = True
    client.force_login(make_user(Role.COMMUNE_OFFICER))
    assert client.get(DASHBOARD).status_code == 200


def test_production_requires_two_step_login():
    from ocop import settings as project_settings

    assert project_settings.OCOP_REQUIRE_TWO_FACTOR is project_settings.PRODUCTION


def test_a_one_time_password_is_shown_on_the_page_never_in_a_cookie(client):
    office = make_user(Role.PROVINCE_OFFICE)
    person = make_user(Role.COMMUNE_OFFICER, full_name="Lê Văn Bình")
    client.force_login(office)
    response = client.post(reverse("backoffice:user_reset_password", args=[person.pk]))
    assert response.status_code == 200
    assert not response.cookies.get("messages")
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    assert f"Mật khẩu dùng một lần của Lê Văn Bình ({person.username}):" in page
    password = page.split('<p class="one-time-password"><code>')[1].split("</code>")[0]
    person.refresh_from_db()
    assert person.check_password(password)

    response = client.post(reverse("backoffice:user_create"), {"username": "moi.tao", "full_name": "Trần Thị Mới"})
    assert response.status_code == 200
    assert not response.cookies.get("messages")
    assert "Đã tạo tài khoản." in response.content.decode()
