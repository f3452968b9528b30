"""The OCOP cycle walked in the browser by each role, with the demo accounts the README prints and the demo data
``ocop up`` loads: a producer files a dossier, the commune returns it and forwards it, the province takes it into
its round, the council of five scores it, the decision issues the certificate, whose QR address opens the public
check; then the public catalogue, an Excel export and the plan report in every format.

The steps depend on each other and run in file order, on one worker (scripts/test hands out whole files). Each
asserts what the person sees, in Vietnamese, and leaves screenshots at 1366 and 390 px in the artifacts folder
(tests/e2e/conftest.py).
"""

import datetime
import io
import json
import re
from pathlib import Path
from urllib.parse import urljoin

import openpyxl
import pytest
import zxingcpp
from django.conf import settings
from django.core.management import call_command
from django.core.servers.basehttp import WSGIServer
from django.db import connection
from django.test import override_settings
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect
from pytest_django.live_server_helper import LiveServer

from ocop.accounts.models import User
from ocop.demo.loader import load_demo
from ocop.demo.workflow import plausible_answers
from ocop.dossiers.domain import drafting
from ocop.dossiers.models import Dossier
from tests.demo_accounts import readme_accounts
from tests.e2e.conftest import People, follow, post

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

PRODUCER = "chuthe.thaian"
OFFICE = "tinh.ocop"
COUNCIL = ["hoidong.01", "hoidong.02", "hoidong.03", "hoidong.04", "hoidong.05"]
PRODUCT = "Mật nho"
EVIDENCE_PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


class OneRequestAtATime(WSGIServer):
    """The live server without threads: the pages' own background requests (autosave) would otherwise share the
    in-memory SQLite connection at the same time (a real server gives each its own connection)."""

    def __init__(self, *args, connections_override=None, **kwargs):
        super().__init__(*args, **kwargs)  # the server thread already uses the overridden connections


@pytest.fixture(scope="module")
def site(browser, artifacts, django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo, loaded as ``ocop up`` loads it and committed, behind a live server for the whole module."""
    test_settings = override_settings(
        LANGUAGE_CODE="vi",
        MEDIA_ROOT=tmp_path_factory.mktemp("journey-media"),
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        STORAGES=settings.STORAGES
        | {"staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}},
    )
    with django_db_blocker.unblock(), test_settings:
        assert (connection.vendor == "sqlite" and connection.is_in_memory_db()) or str(
            connection.settings_dict["NAME"]
        ).startswith("test_")
        password = load_demo()
        server = LiveServer("localhost", start=False)
        server.thread.server_class = OneRequestAtATime
        server.start()
        server._live_server_modified_settings.enable()
        public_address = override_settings(SITE_URL=server.url)  # as OCOP_SITE_URL configures it
        public_address.enable()
        people = People(browser, server.url, password, artifacts / "journeys")
        people.artifacts.mkdir(exist_ok=True)
        people.state = {}
        try:
            yield people
        finally:
            people.close()
            public_address.disable()
            server._live_server_modified_settings.disable()
            server.stop()
            call_command("flush", interactive=False, verbosity=0)


def _expect_message(page, text: str) -> None:
    """The page the last click led to says `text`: waited for, since a click that posts a form returns before the
    next page has loaded (on a busy machine the old page, without the message, is still the one shown)."""
    expect(page.locator(".messages", has_text=text)).to_have_count(1, timeout=30_000)


def _commune_officer_of(producer_commune: str) -> str:
    """The README's commune officer of the producer's commune."""
    officers = [
        username
        for username, role in readme_accounts().items()
        if username.startswith("xa.") and producer_commune.lower() in role.lower()
    ]
    assert officers, f"the README names no commune officer of {producer_commune}"
    return officers[0]


@pytest.mark.django_db  # also what makes pytest-django set up the test database when this module runs alone
def test_the_readme_names_the_demo_accounts_and_their_roles(site):
    accounts = readme_accounts()
    assert {PRODUCER, OFFICE, *COUNCIL, "tuvan.01"} <= set(accounts)
    assert set(User.objects.filter(username__in=accounts, is_active=True).values_list("username", flat=True)) == set(
        accounts
    )
    roles = " ".join(accounts.values()).lower()
    for word in ("chủ tịch", "thư ký", "thành viên", "tư vấn"):
        assert word in roles


def test_the_producer_files_and_submits_a_dossier(site):
    page = site.page_of(PRODUCER, "/backoffice/dossiers/new/")
    assert page.locator("h1").inner_text() == "Tạo hồ sơ đánh giá"
    product_option = page.locator("#id_product option", has_text=PRODUCT).first
    page.select_option("#id_product", value=product_option.get_attribute("value"))
    page.fill("#id_contact_name", "Lê Thị Thái An")
    page.fill("#id_contact_phone", "0912 345 678")
    page.fill("#id_samples_count", "5")
    page.fill("#id_business_plan_results", "Doanh thu năm 2025 tăng 12%.")
    post(page, page.locator("button:has-text('Lưu')"))
    _expect_message(page, "Đã tạo hồ sơ.")
    site.state["dossier"] = page.url.split("/backoffice")[1]
    submit = page.locator("button:has-text('Nộp hồ sơ cho UBND xã')")
    assert submit.is_disabled()
    assert page.locator(".blocked", has_text="Chưa thể thực hiện:").count() == 1
    site.shoot(page, "01-producer-new-dossier")

    required = [
        row.locator("td").first.inner_text().replace("bắt buộc", "").strip()
        for row in page.locator("table.checklist tbody tr").all()
        if row.locator(".tag", has_text="bắt buộc").count()
    ]
    assert len(required) >= 5
    for label in required:
        page.locator("summary", has_text="Tải lên minh chứng").click()
        page.select_option("#id_requirement", label=label)
        page.set_input_files(
            "#id_upload", files=[{"name": "minh-chung.pdf", "mimeType": "application/pdf", "buffer": EVIDENCE_PDF}]
        )
        post(page, page.locator("button:has-text('Tải lên')"))
        _expect_message(page, "Đã thêm minh chứng.")

    follow(page, "a:has-text('Chấm điểm tự đánh giá')")
    # A fair product: every 3★ minimum met, the best option on every other criterion (as the demo's dossiers).
    pk = int(re.search(r"/dossiers/(\d+)/", page.url).group(1))
    for code, order in plausible_answers(drafting.scoring_sheet(Dossier.objects.get(pk=pk)), 2).items():
        page.check(f"input[name='{code}'][value='{order}']")
    post(page, page.locator("button:has-text('Lưu bảng tự chấm điểm')"))
    _expect_message(page, "Đã lưu bản tự đánh giá.")
    assert page.locator(".blocked").count() == 0

    post(page, page.locator("button:has-text('Nộp hồ sơ cho UBND xã')"))
    _expect_message(page, "Đã nộp hồ sơ cho UBND xã.")
    heading = page.locator("h1").inner_text()
    assert re.search(r"\d", heading) and "Đã nộp" in heading
    site.shoot(page, "02-producer-submitted")


def _day(offset: int = 0) -> str:
    return (timezone.localdate() + datetime.timedelta(days=offset)).strftime("%d/%m/%Y")


def _state(page) -> str:
    return page.locator("h1 .dstate").inner_text()


def _download(page, link_text: str):
    """Click the link and return the download (the file the person gets)."""
    with page.expect_download() as download:
        page.click(f"a:has-text('{link_text}')")
    return download.value


def _fetch(page, link_text: str):
    """The response the person's browser gets for the link (files that the browser would show, such as PDFs)."""
    href = page.locator(f"a:has-text('{link_text}')").first.get_attribute("href")
    return page.request.get(urljoin(page.url, href))


def test_the_commune_officer_returns_the_dossier_then_forwards_it(site):
    dossier = site.state["dossier"]
    officer = _commune_officer_of("Vĩnh Hải")
    page = site.page_of(officer, "/backoffice/tasks/")
    assert page.locator(f"main a[href='/backoffice{dossier}']").count() >= 1
    page.goto(site.base_url + "/backoffice" + dossier)
    assert _state(page) == "Đã nộp, xã đang kiểm tra"

    returning = page.locator("details.step-form", has=page.locator("summary", has_text="Trả lại để bổ sung"))
    returning.locator("summary").click()
    returning.locator("label", has_text="Phiếu kết quả kiểm nghiệm sản phẩm").first.click()
    returning.locator("textarea[name=message]").fill("Phiếu kiểm nghiệm đã quá 6 tháng, đề nghị bổ sung phiếu mới.")
    returning.locator("input[name=deadline]").fill(_day(10))
    post(page, returning.locator("button[type=submit]"))
    _expect_message(page, "Đã trả hồ sơ cho chủ thể để bổ sung.")
    assert _state(page) == "Trả lại để bổ sung"
    site.shoot(page, "03-commune-returned")

    producer = site.page_of(PRODUCER, "/backoffice" + dossier)
    assert producer.locator(".notice", has_text=f"Yêu cầu bổ sung, hạn {_day(10)}").count() == 1
    producer.locator("summary", has_text="Tải lên minh chứng").click()
    producer.select_option("#id_requirement", label="Phiếu kết quả kiểm nghiệm sản phẩm")
    producer.set_input_files(
        "#id_upload", files=[{"name": "kiem-nghiem-moi.pdf", "mimeType": "application/pdf", "buffer": EVIDENCE_PDF}]
    )
    post(producer, producer.locator("button:has-text('Tải lên')"))
    post(producer, producer.locator("button:has-text('Gửi lại hồ sơ đã bổ sung')"))
    _expect_message(producer, "Đã gửi lại hồ sơ.")
    assert _state(producer) == "Đã nộp, xã đang kiểm tra"
    site.shoot(producer, "04-producer-resubmitted")

    page.reload()
    _check_every_required_item(page)
    follow(page, "a:has-text('Điền mẫu 03')")
    confirmations = page.locator("form fieldset, form .field:has(input[type=radio])").all()
    assert confirmations, "the commune report (mẫu 03) shows no item to confirm"
    for fieldset in confirmations:
        fieldset.locator("label", has_text="Xác nhận đúng").first.click()
    post(page, page.locator("button:has-text('Lưu')"))
    _expect_message(page, "Đã lưu báo cáo của UBND xã (mẫu 03).")
    post(page, page.locator("button:has-text('Chuyển cấp đánh giá')"))
    _expect_message(page, "Đã chuyển hồ sơ lên cấp đánh giá.")
    assert _state(page) == "Đã chuyển cấp đánh giá"
    site.shoot(page, "05-commune-forwarded")


def test_the_receipt_of_the_forwarded_dossier_opens(site):
    page = site.page_of(PRODUCER, "/backoffice" + site.state["dossier"])
    receipt = _fetch(page, "Phiếu tiếp nhận (PDF)")
    assert (receipt.status, receipt.headers["content-type"]) == (200, "application/pdf")
    assert receipt.body().startswith(b"%PDF")


def _check_every_required_item(page) -> None:
    """Tick “đạt” for every required item of the checklist, in the column this person may mark."""
    rows = page.locator("table.checklist tbody tr", has=page.locator(".tag", has_text="bắt buộc"))
    for index in range(rows.count()):
        row = rows.nth(index)
        marks_before = row.locator(".badge.ok").count()
        row.locator("form.mark-form button:has-text('✓ đạt')").click()
        expect(row.locator(".badge.ok", has_text="đạt")).to_have_count(marks_before + 1)
    page.reload()


def test_the_provincial_office_takes_the_dossier_into_its_round(site):
    dossier = site.state["dossier"]
    page = site.page_of(OFFICE, "/backoffice/tasks/")
    assert page.locator(f"main a[href='/backoffice{dossier}']").count() >= 1
    page.goto(site.base_url + "/backoffice" + dossier)
    assert _state(page) == "Đã chuyển cấp đánh giá"
    _check_every_required_item(page)
    post(page, page.locator("button:has-text('Tiếp nhận vào đợt đánh giá tới')"))
    _expect_message(page, "Đã tiếp nhận hồ sơ vào đợt đánh giá.")
    assert _state(page) == "Đã tiếp nhận vào đợt đánh giá"
    follow(page, "dl.facts a[href*='/rounds/']")
    assert page.locator("main", has_text=PRODUCT).count() == 1
    site.shoot(page, "06-province-round")


def _chair() -> str:
    return next(username for username, role in readme_accounts().items() if "chủ tịch" in role.lower())


def test_the_council_of_five_scores_it_within_the_spread_rule_closes_and_decides(site):
    office = site.page_of(OFFICE, "/backoffice/councils/")
    follow(office, "main table a[href*='/backoffice/councils/'], main .plain-list a[href*='/backoffice/councils/']")
    follow(office, "main a[href*='/backoffice/sessions/']")
    session_url = office.url
    post(office, office.locator("button:has-text('Phân công tự động')"))
    _expect_message(office, "Đã phân công chấm sản phẩm.")

    # Every member scores each open sheet as the producer scored itself (the option the sheet marks): one product's
    # totals within the spread allowed.
    for member in COUNCIL:
        page = site.page_of(member, "/backoffice/scoring/")
        open_sheets = [
            item.locator("a").get_attribute("href")
            for item in page.locator("main .plain-list li").all()
            if not item.locator(".badge.ok").count()
        ]
        assert open_sheets, f"{member} has no sheet to score"
        for href in open_sheets:
            page.goto(urljoin(page.url, href))
            for option in page.locator("label.option.self-chosen").all():
                option.click()
            post(page, page.locator("button:has-text('Lưu')"))
            post(page, page.locator("button:has-text('Nộp phiếu chấm của tôi')"))
            _expect_message(page, "Đã nộp phiếu.")
        if member == COUNCIL[0]:
            site.shoot(page, "07-council-member-sheet")

    # Two demo products were scored further apart than allowed: the chair records why their results stand.
    chair = site.page_of(_chair(), session_url.split(site.base_url)[1])
    assert chair.locator(".badge.bad", has_text="vượt mức cho phép").count() == 2
    reason_forms = chair.locator("details:has(summary:has-text('Ghi lý do giữ kết quả'))")
    assert reason_forms.count() == 2
    for index in range(2):
        form = reason_forms.nth(index)
        form.locator("summary").click()
        form.locator("input[name=reason]").fill("Hội đồng đã thảo luận, thống nhất giữ kết quả chấm.")
        post(chair, form.locator("button:has-text('Ghi nhận')"))
        _expect_message(chair, "Đã ghi lý do của Chủ tịch Hội đồng.")
    assert chair.locator("main", has_text="Lý do của Chủ tịch Hội đồng").count() == 1
    site.shoot(chair, "08-council-chair-reasons")

    office.goto(session_url)
    assert office.locator("main", has_text=PRODUCT).count() == 1
    office.check("input[name=confirm]")
    post(office, office.locator("button:has-text('Kết thúc phiên và chốt kết quả')"))
    _expect_message(office, "Đã kết thúc phiên, kết quả đã được chốt.")
    office.fill("#id_number", "1234/QĐ-UBND")
    office.fill("#id_decided_on", _day())
    office.fill("#id_signer_name", "Trần Quốc Nam")
    office.fill("#id_signer_title", "Phó Chủ tịch UBND tỉnh")
    office.check("form[action$='/decision/'] input[name=confirm]")
    post(office, office.locator("button:has-text('Phê duyệt quyết định và cấp giấy chứng nhận')"))
    _expect_message(office, "Đã phê duyệt quyết định và cấp giấy chứng nhận.")
    # The results stay readable after the approval.
    assert office.locator("table.score-table", has_text=PRODUCT).count() == 1
    site.shoot(office, "09-office-decision-approved")
    minutes = _fetch(office, "Biên bản (PDF)")
    assert (minutes.status, minutes.headers["content-type"]) == (200, "application/pdf")


def test_the_certificate_is_issued_and_its_qr_code_opens_the_public_check(site):
    producer = site.page_of(PRODUCER, "/backoffice" + site.state["dossier"])
    assert _state(producer) == "Đã công nhận"
    follow(producer, "main a[href*='/backoffice/certificates/']")
    heading = producer.locator("h1").inner_text()
    number = re.match(r"Giấy chứng nhận (\S+)", heading).group(1)
    assert "Còn hiệu lực" in heading
    site.shoot(producer, "10-producer-certificate")

    # The QR code as a phone camera reads it from the screen.
    scanned = zxingcpp.read_barcodes(Image.open(io.BytesIO(producer.locator(".qr").screenshot())))
    assert len(scanned) == 1
    address = scanned[0].text
    assert address == f"{site.base_url}/c/{number}/"
    public = site.page_of(None, address.removeprefix(site.base_url))
    assert public.locator(".check-status").inner_text() == "Còn hiệu lực"
    assert public.locator("h1.check-product").inner_text() == PRODUCT
    site.shoot(public, "11-public-certificate-check")


def test_the_public_catalogue_pages_forward_and_back(site):
    page = site.page_of(None, "/products/")
    first_page = page.locator(".product-card-title").all_inner_texts()
    assert page.locator(".pagination", has_text="Trang 1/").count() == 1
    follow(page, ".pagination a:has-text('Sau')")
    assert re.search(r"[?&]page=2(&|$)", page.url) and "??" not in page.url
    assert page.locator(".pagination", has_text="Trang 2/").count() == 1
    assert page.locator(".product-card-title").all_inner_texts() != first_page
    site.shoot(page, "12-public-catalogue-page-2")
    follow(page, ".pagination a:has-text('Trước')")
    assert page.locator(".pagination", has_text="Trang 1/").count() == 1


def test_a_list_exports_to_excel_and_the_file_opens(site):
    page = site.page_of(OFFICE, "/backoffice/certificates/")
    rows_on_screen = int(
        re.search(r"([\d.]+) ", page.locator("main p.small.muted").last.inner_text()).group(1).replace(".", "")
    )
    download = _download(page, "Xuất Excel")
    assert download.suggested_filename.endswith(".xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(Path(download.path()).read_bytes()))
    title, _gap, header, *rows = workbook.active.iter_rows(values_only=True)
    assert title[0] == "Giấy chứng nhận OCOP"
    assert header[:3] == ("Số giấy chứng nhận", "Trạng thái", "Sản phẩm"), header
    assert len(rows) == rows_on_screen


def test_the_plan_report_downloads_in_every_format(site):
    page = site.page_of(OFFICE, "/backoffice/plans/")
    follow(page, "main a:has-text('706/KH-UBND')")
    follow(page, "a:has-text('Soạn báo cáo')")
    post(page, page.locator("button:has-text('Tạo dự thảo')"))
    assert page.locator("h1").count() == 1
    site.shoot(page, "13-plan-report")
    for extension, check in (
        ("docx", lambda body: body.startswith(b"PK")),
        ("pdf", lambda body: body.startswith(b"%PDF")),
        ("xlsx", lambda body: openpyxl.load_workbook(io.BytesIO(body)).active.max_row > 1),
        ("json", lambda body: json.loads(body)["figures"]["plan"]["reference"] == "706/KH-UBND"),
    ):
        response = _fetch(page, extension.upper())
        assert response.status == 200, extension
        assert check(response.body()), extension
