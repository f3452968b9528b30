"""The Ministry's coordination office in the browser: on a 5★ certificate it recognised, it proposes revocation and
records its own decision (desktop and phone width); the public check then says the certificate is revoked. On the
same producer's 4★ certificate of the province it is offered neither."""

import pytest
from django.utils import timezone

from ocop.accounts.enums import Role
from tests.certificates.helpers import days_ago, registered
from tests.councils.test_ministry_council import recognised_by_the_ministry
from tests.e2e.conftest import PHONE, post
from tests.factories import make_product, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_the_ministry_revokes_its_own_5_star_certificate(reference_data, login, live_server, artifacts):
    ministry = make_user(Role.MINISTRY_OFFICE, full_name="Lê Minh Bộ")
    five_stars = recognised_by_the_ministry(ministry, name="Nước mắm Cà Ná thượng hạng")
    provincial = registered(make_product(five_stars.producer, name="Nước mắm nhỉ"), days_ago(100), stars=4)
    today = f"{timezone.localdate():%d/%m/%Y}"

    page = login(ministry, f"/backoffice/certificates/{provincial.pk}/")
    assert page.locator("h1").inner_text().startswith(f"Giấy chứng nhận {provincial.number}")
    assert page.locator("summary", has_text="Đề nghị thu hồi").count() == 0
    assert page.locator(f"a[href$='/certificates/{provincial.pk}/correct/']").count() == 0

    page.goto(f"{live_server.url}/backoffice/certificates/{five_stars.pk}/")
    assert page.locator(f"a[href$='/certificates/{five_stars.pk}/correct/']").count() == 1
    proposing = page.locator("details", has=page.locator("summary", has_text="Đề nghị thu hồi"))
    proposing.locator("summary").click()
    proposing.locator("select[name=ground]").select_option("mark_misuse")
    proposing.locator("textarea[name=finding]").fill("Nhãn 5 sao dán trên sản phẩm chưa được công nhận.")
    post(page, proposing.locator("button[type=submit]"))
    assert page.locator(".messages", has_text="Đã đề nghị thu hồi").count() == 1
    page.screenshot(path=artifacts / "ministry-revocation-proposed-1366.png", full_page=True)

    phone = page.context.browser.new_context(viewport=PHONE, storage_state=page.context.storage_state()).new_page()
    phone.goto(page.url)
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1
    post(phone, phone.locator("a", has_text="Ghi nhận quyết định thu hồi"))
    assert phone.input_value("#id_issuing_body") == "Bộ Nông nghiệp và Môi trường"
    phone.fill("#id_number", "30/QĐ-BNNMT")
    phone.fill("#id_decided_on", today)
    phone.fill("#id_public_reason", "Sử dụng nhãn OCOP 5 sao sai quy định.")
    phone.screenshot(path=artifacts / "ministry-revocation-decision-390.png", full_page=True)
    post(phone, phone.locator("main form button[type=submit].primary"))
    assert phone.locator(".messages", has_text=f"Giấy chứng nhận {five_stars.number} đã bị thu hồi.").count() == 1
    phone.context.close()

    public = page.context.browser.new_context(viewport=PHONE).new_page()
    public.goto(f"{live_server.url}/c/{five_stars.number}/")
    assert public.locator(".check-status").inner_text() == "Đã thu hồi"
    assert "Sử dụng nhãn OCOP 5 sao sai quy định." in public.inner_text("main")
    public.screenshot(path=artifacts / "ministry-revoked-public-check-390.png", full_page=True)
    public.context.close()
