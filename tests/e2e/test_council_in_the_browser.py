"""A council of five scores ten products in the browser, the secretary sees the spread flagged, the office approves."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from ocop.accounts.enums import Role
from ocop.certificates.models import Certificate
from ocop.councils.domain import sessions
from ocop.councils.models import Result
from ocop.traceability.domain.stamps import issue_stamps, request_stamps
from tests.e2e.conftest import DESKTOP, PHONE, post
from tests.factories import make_council, make_dossier, make_product, make_session, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def _tick(page, option_for):
    """Click, for every criterion of the open sheet, the option ``option_for(index, count)`` (1-based)."""
    for index, fieldset in enumerate(page.locator("fieldset.criterion").all()):
        options = fieldset.locator("label.option")
        options.nth(option_for(index, options.count()) - 1).click()


def _shoot_the_evidence(page, artifacts) -> None:
    """The evidence beside criteria 2.3 and 5.1, with its link to the stamp's public trace page; criterion 2.3 as it
    looks at 1366 and 390 px."""
    boxes = page.locator(".trace-evidence")
    expect(boxes).to_have_count(2)
    expect(boxes.locator("a[href*='/21/']")).to_have_count(2)
    criterion = page.locator("fieldset.criterion", has=page.locator("legend strong", has_text="2.3"))
    expect(criterion.locator(".trace-evidence")).to_have_count(1)
    for viewport in (DESKTOP, PHONE):
        page.set_viewport_size(viewport)
        criterion.screenshot(path=artifacts / f"council-sheet-trace-evidence-{viewport['width']}.png")
    page.set_viewport_size(DESKTOP)


def test_a_council_of_five_scores_ten_products_in_the_browser(reference_data, login, artifacts, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    council = make_council(members=5)
    dossiers = [make_dossier(make_product(name=f"Nho sấy số {n}", product_set=7), state="accepted") for n in range(10)]
    session = make_session(council, dossiers)
    sessions.auto_assign(actor=None, session=session)
    members = list(council.members.select_related("user").order_by("pk"))
    # The first product carries OCOP stamps: its sheets show the stamp register's evidence beside 2.3 and 5.1.
    issue_stamps(actor=None, batch=request_stamps(actor=None, product=dossiers[0].product, quantity=20))
    evidence_seen = 0

    for rank, member in enumerate(members):
        page = login(member.user, "/backoffice/scoring/")
        sheet_links = page.locator("main .plain-list a[href*='/backoffice/scoring/']")
        assert sheet_links.count() == 10
        hrefs = [sheet_links.nth(i).get_attribute("href") for i in range(10)]
        for number, href in enumerate(hrefs):
            page.goto(page.url.split("/backoffice")[0] + href)
            if number == 0 and rank == 0:
                # Other members' totals stay hidden before one's own sheet is submitted.
                assert page.locator("text=Các thành viên khác").count() == 0
            if rank == 0 and page.locator(".trace-evidence").count():
                evidence_seen += 1
                _shoot_the_evidence(page, artifacts)
            # The first member scores the first product low, the others high: a spread over 10 points.
            low = number == 0 and rank == 0
            _tick(page, lambda index, count, low=low: 1 if low else max(1, count - index % 2))
            post(page, page.locator("button:has-text('Lưu')"))
            post(page, page.locator("button:has-text('Nộp phiếu chấm của tôi')"))
            expect(page.locator("text=Bạn đã nộp phiếu này.")).to_have_count(1)

    assert evidence_seen == 1  # one product has a trace code: one of the ten sheets shows evidence

    secretary = council.members.get(role="secretary").user
    page = login(secretary, f"/backoffice/sessions/{session.pk}/")
    expect(page.locator("text=đã nộp 50/50 phiếu")).to_have_count(1)
    expect(page.locator("tr.overdue .badge.bad:has-text('vượt mức cho phép')")).to_have_count(1)

    # Totals that far apart keep the session open until the chair records why the result stands.
    chair = council.members.get(role="chair").user
    page = login(chair, f"/backoffice/sessions/{session.pk}/")
    page.click("summary:has-text('Ghi lý do giữ kết quả')")
    page.fill("form[action$='spread-reason/'] input[name=reason]", "Hội đồng đã thảo luận, giữ kết quả.")
    post(page, page.locator("form[action$='spread-reason/'] button"))
    expect(page.locator(".message:has-text('Đã ghi lý do của Chủ tịch Hội đồng')")).to_have_count(1)

    office = make_user(Role.PROVINCE_OFFICE)
    page = login(office, f"/backoffice/sessions/{session.pk}/")
    page.check("form[action$='close/'] input[name=confirm]")
    post(page, page.locator("button:has-text('Kết thúc phiên và chốt kết quả')"))
    expect(page.locator(".message:has-text('Đã kết thúc phiên')")).to_have_count(1)
    page.fill("#id_number", "2345/QĐ-UBND")
    page.fill("#id_decided_on", timezone.localdate().strftime("%d/%m/%Y"))
    page.fill("#id_signer_name", "Trần Quốc Nam")
    page.fill("#id_signer_title", "Phó Chủ tịch UBND tỉnh")
    page.check("#id_confirm")
    post(page, page.locator("button:has-text('Phê duyệt quyết định và cấp giấy chứng nhận')"))
    expect(page.locator(".message:has-text('Đã phê duyệt quyết định')")).to_have_count(1)

    results = Result.objects.filter(session=session)
    assert results.count() == 10
    recognised_here = results.filter(recognised=True, recognised_by="province")
    assert recognised_here.exists()
    assert set(Certificate.objects.filter(decision__number="2345/QĐ-UBND").values_list("product", flat=True)) == set(
        recognised_here.values_list("dossier__product", flat=True)
    )

    # The minutes of the closed session open as a PDF from the session page.
    page.goto(page.url.split("/backoffice")[0] + f"/backoffice/sessions/{session.pk}/")
    minutes_link = page.get_attribute("a:has-text('Biên bản (PDF)')", "href")
    minutes = page.request.get(page.url.split("/backoffice")[0] + minutes_link)
    assert minutes.status == 200 and minutes.headers["content-type"] == "application/pdf"
    assert minutes.body().startswith(b"%PDF")
