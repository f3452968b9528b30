"""The national traceability portal's screen as the provincial office sees it: the list of products with trace data
and where each record stands, a product's record, the answer recorded; both fit a phone."""

import pytest

from ocop.accounts.enums import Role
from ocop.traceability.domain.national_portal import mark_pending_changes
from ocop.traceability.enums import SyncStatus
from ocop.traceability.models import PortalSync
from tests.e2e.conftest import PHONE, People, follow, post
from tests.factories import PASSWORD, make_user
from tests.national_portal.helpers import traced_product

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_the_office_follows_the_records_sent_to_the_portal(reference_data, browser, live_server, artifacts):
    sent = traced_product(name="Nước mắm Cà Ná truyền thống")
    for name in ("Nho sấy dẻo Thái An", "Mật nho Ba Mọi", "Tỏi Phan Rang"):
        traced_product(name=name)
    mark_pending_changes()
    people = People(browser, live_server.url, PASSWORD, artifacts)
    office = people.page_of(make_user(Role.PROVINCE_OFFICE).username, "/backoffice/stamps/")
    follow(office, "main a[href$='/backoffice/portal/']")
    assert "Tỏi Phan Rang" in office.inner_text("main")
    office.click(f"text={sent.name}")
    post(office, office.locator("form[action$='/sent/'] button"))
    office.click("main details summary")
    office.check("input[value=failed]")
    office.fill("#id_message", "Thiếu ảnh sản phẩm")
    post(office, office.locator("form[action$='/answer/'] button"))
    assert PortalSync.objects.get(product=sent).status == SyncStatus.FAILED
    people.shoot(office, "portal-detail")
    office.goto(live_server.url + "/backoffice/portal/")
    assert "Thiếu ảnh sản phẩm" in office.inner_text("main")
    people.shoot(office, "portal-list")
    phone = browser.new_context(viewport=PHONE, storage_state=office.context.storage_state()).new_page()
    for path in ("/backoffice/portal/", f"/backoffice/portal/{sent.pk}/"):
        phone.goto(live_server.url + path)
        assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path
    phone.context.close()
    people.close()
