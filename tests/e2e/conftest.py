"""Browser tests: the real pages in headless Chromium against a live server.

They need Debian's chromium (/usr/bin/chromium, or OCOP_CHROMIUM). A live server needs committed data: the tests that
use pytest-django's ``live_server`` run in a transactional database, emptied after each test, and the journeys commit
the demo for their module and empty the database after it. Either way the reference data comes back when the module
is done, so that under xdist any test may run after them on the same worker.

Screenshots go to OCOP_E2E_ARTIFACTS (default: a folder in pytest's temporary directory), desktop and phone width.
"""

import os
import re
import shutil
import threading
from pathlib import Path

import pytest
from django.core.servers.basehttp import ThreadedWSGIServer

CHROMIUM = os.environ.get("OCOP_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def post(page, button) -> None:
    """Click a button that posts a form and wait for the page it leads to: on a busy machine the click returns while
    the old page is still shown, and the next step would act on (or read) that one."""
    _click_and_wait(page, button)


def follow(page, link) -> None:
    """Click a link (a locator or a selector) and wait for the page it opens, for the same reason as `post`."""
    _click_and_wait(page, page.locator(link) if isinstance(link, str) else link)


def _click_and_wait(page, control) -> None:
    with page.expect_navigation():
        control.first.click()
    page.wait_for_load_state()


DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


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


@pytest.fixture(scope="session")
def artifacts(tmp_path_factory) -> Path:
    folder = Path(os.environ.get("OCOP_E2E_ARTIFACTS") or tmp_path_factory.getbasetemp() / "e2e-artifacts")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class People:
    """One browser context per person on one site: each logs in once, and the logged-in state is kept for the
    phone-width pages of the same person."""

    def __init__(self, browser, base_url: str, password: str, artifacts: Path):
        self.browser = browser
        self.base_url = base_url
        self.password = password
        self.artifacts = artifacts
        self._states = {}
        self._contexts = []

    def _context(self, viewport, storage_state=None):
        context = self.browser.new_context(
            viewport=viewport, locale="vi-VN", storage_state=storage_state, accept_downloads=True
        )
        context.set_default_timeout(20_000)
        self._contexts.append(context)
        return context

    def page_of(self, username: str | None, path: str = "/backoffice/"):
        """A desktop page logged in as ``username`` (None: a member of the public) open at ``path``."""
        if username is not None and username not in self._states:
            page = self._context(DESKTOP).new_page()
            page.goto(self.base_url + "/backoffice/login/")
            page.fill("#id_username", username)
            page.fill("#id_password", self.password)
            page.click("button[type=submit].primary")
            page.wait_for_url(re.compile(r".*/backoffice/(?!login).*"))
            self._states[username] = page.context.storage_state()
            page.context.close()
            self._contexts.remove(page.context)
        page = self._context(DESKTOP, self._states.get(username)).new_page()
        page.goto(self.base_url + path)
        return page

    def shoot(self, page, name: str) -> None:
        """The page as it is at 1366 px, and the same address opened by the same person at 390 px."""
        page.screenshot(path=self.artifacts / f"{name}-1366.png", full_page=True)
        phone = self._context(PHONE, page.context.storage_state()).new_page()
        phone.goto(page.url)
        phone.screenshot(path=self.artifacts / f"{name}-390.png", full_page=True)
        phone.context.close()
        self._contexts.remove(phone.context)

    def close(self) -> None:
        for context in self._contexts:
            context.close()
        self._contexts.clear()


class OneRequestAtATime(ThreadedWSGIServer):
    """The live server answering one request at a time, each connection still on a thread of its own (a kept-alive
    connection holds nobody up). On in-memory SQLite every request shares the test's one database connection: a
    page's own background request (an autosave) served beside the form it posts would break the other's transaction
    ("cannot commit - no transaction is active"). A real server gives each its own connection."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._answering = threading.Lock()

    def set_app(self, application):
        def one_at_a_time(environ, start_response):
            with self._answering:  # the body too: a streamed export reads the database while it is sent
                response = application(environ, start_response)
                try:
                    return [b"".join(response)]
                finally:
                    if hasattr(response, "close"):
                        response.close()

        super().set_app(one_at_a_time)


@pytest.fixture(scope="session")
def live_server(request):
    """pytest-django's live server (same address option), answering one request at a time."""
    from pytest_django.live_server_helper import LiveServer

    address = request.config.getvalue("liveserver") or os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS") or "localhost"
    server = LiveServer(address, start=False)
    server.thread.server_class = OneRequestAtATime
    server.start()
    yield server
    server.stop()


@pytest.fixture
def login(live_server, browser, artifacts):
    """Open a page logged in as ``user`` (password from tests.factories.PASSWORD); each user logs in once."""
    from tests.factories import PASSWORD

    people = People(browser, live_server.url, PASSWORD, artifacts)
    yield lambda user, path="/backoffice/": people.page_of(user.username, path)
    people.close()


@pytest.fixture(autouse=True)
def no_request_in_flight(request):
    """A browser test on pytest-django's live server ends with none of its requests still being served: the browser
    contexts it opened are closed (ending their kept-alive connections) and the server's request threads joined before
    its database is emptied and, after the last test, the server stops. A request thread still running then would
    use the test's database connection once the server no longer shares it ("DatabaseWrapper objects created in a
    thread can only be used in that same thread"). The journeys, whose steps share their pages across the module,
    have a live server of their own and are left alone."""
    if not {"live_server", "browser"} <= set(request.fixturenames):
        yield
        return
    request.getfixturevalue("transactional_db")  # set up before this fixture, so emptied after its teardown
    browser = request.getfixturevalue("browser")
    server = request.getfixturevalue("live_server").thread.httpd
    server.daemon_threads = False  # socketserver keeps the request threads that are not daemons, to join them
    open_before = set(browser.contexts)
    yield
    for context in set(browser.contexts) - open_before:
        context.close()
    server._threads.join()


@pytest.fixture(scope="session", autouse=True)
def no_server_connection_left(django_db_setup, django_db_blocker):
    """After the browser tests, end the live server's request threads' PostgreSQL sessions: a request the browser
    left in flight when its page closed (an autosave) may still hold one, and PostgreSQL refuses to drop a test
    database that another session uses."""
    yield
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
