"""Browser tests: the real pages in headless Chromium against Django's live server.

They need Debian's chromium (/usr/bin/chromium, or OCOP_CHROMIUM). The live server needs a transactional database,
which is emptied after each test; these tests therefore run after all others and reload the reference data first.
"""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("OCOP_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # playwright's sync API runs an event loop
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def login(live_server, browser):
    """Open a page logged in as ``user`` (password from tests.factories.PASSWORD)."""
    from tests.factories import PASSWORD

    pages = []

    def open_as(user, path="/backoffice/"):
        context = browser.new_context(viewport={"width": 1024, "height": 900}, locale="vi-VN")
        page = context.new_page()
        page.goto(live_server.url + "/backoffice/login/")
        page.fill("#id_username", user.username)
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit].primary")
        page.goto(live_server.url + path)
        pages.append(context)
        return page

    yield open_as
    for context in pages:
        context.close()
