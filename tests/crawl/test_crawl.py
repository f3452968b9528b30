"""Every demo account follows every link it can reach from its dashboard (tests/crawl/crawler.py): no error page,
no broken or malformed link, no English, no raw values, dates or log codes on the Vietnamese screens."""

import pytest
from django.db import transaction
from django.test import Client, override_settings

from ocop.demo.loader import load_demo
from tests.crawl.crawler import Crawl, english_strings, text_findings
from tests.demo_accounts import readme_accounts

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@pytest.fixture(scope="module")
def demo_password(django_db_setup, django_db_blocker, _media_root):
    """The demo as ``ocop up`` loads it, and the password it prints for the demo accounts."""
    # As each test will have them (tests/conftest.py): the uploads' folder, and MD5 for the accounts to log in.
    test_settings = override_settings(
        MEDIA_ROOT=_media_root, PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]
    )
    with django_db_blocker.unblock(), test_settings, transaction.atomic():
        yield load_demo()
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def crawls(demo_password):
    """One crawl per account (and one for the public), shared by the two kinds of checks below."""
    done = {}

    def crawl_as(username: str | None) -> Crawl:
        if username not in done:
            client = Client(raise_request_exception=False)
            if username is None:
                done[username] = Crawl(client).run("/")
            else:
                login = client.post("/backoffice/login/", {"username": username, "password": demo_password})
                assert login.status_code == 302, f"{username} cannot log in with the printed password"
                done[username] = Crawl(client).run("/backoffice/")
        return done[username]

    return crawl_as


ACCOUNTS = [*sorted(readme_accounts()), None]  # None: a member of the public


@pytest.mark.parametrize("username", ACCOUNTS, ids=lambda username: username or "public")
def test_every_link_leads_to_a_working_page(username, crawls):
    crawl = crawls(username)
    assert len(crawl.visited) >= 5
    assert crawl.broken == [], "\n".join(crawl.broken)


@pytest.mark.parametrize("username", ACCOUNTS, ids=lambda username: username or "public")
def test_every_page_reads_in_vietnamese_without_raw_values(username, crawls):
    assert crawls(username).misread == [], "\n".join(crawls(username).misread)


def test_the_checks_see_what_a_user_would_trip_over():
    """The checks themselves, on the texts the issue found on the screens."""
    assert "This field is required." in english_strings()
    assert "- Select an option -" in english_strings()
    assert "Khmer" not in english_strings()  # a language name doubles as an ethnic group's
    found = text_findings(
        [
            "- Select an option -",
            "(01, None)",
            "Đã nộp: True",
            "ngày 2026-12-04",
            "dossiers.created",
            "77.00 điểm",
            "Hồ sơ 01/PĐK-56-22846-2026 nộp ngày 04/12/2026, 77,5 điểm",
        ]
    )
    assert found == [
        "English text '- Select an option -'",
        "raw Python value 'None' in '(01, None)'",
        "raw Python value 'True' in 'Đã nộp: True'",
        "ISO date '2026-12-04' in 'ngày 2026-12-04'",
        "raw log verb 'dossiers.created' in 'dossiers.created'",
        "score with a decimal point '77.00 điểm' in '77.00 điểm'",
    ]
