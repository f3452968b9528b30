"""Every form and JSON endpoint, fed junk by a role allowed to use it, answers without a server error.

The endpoints come from the permission matrix (tests/<app>/matrix_entries.py, which lists every URL of the system)
and the fields from the forms on the pages: each page an allowed role can open is read, and every <form> on it tells
which URL takes which fields (and the choices of its selects). Hypothesis then sends each URL generated junk: huge,
negative and non-finite numbers, long and odd Unicode text, wrong types, missing fields, broken files. Any 5xx (or an
exception escaping the view) fails. The examples per URL are fixed and derandomised so the run takes the same time,
a few minutes, every time.
"""

import json
import re
from datetime import timedelta
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client, override_settings
from django.urls import Resolver404, resolve, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ocop.accounts.enums import Role
from tests.backoffice.test_permission_matrix import ENTRY_MODULES, MATRIX
from tests.factories import make_producer_account, make_user
from tests.matrix import ALL

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

# The role that sees the most of each URL it may open: the administrator, then the office, then the others.
ROLE_PREFERENCE = [Role.ADMIN, Role.PROVINCE_OFFICE, Role.COMMUNE_OFFICER, Role.COUNCIL_MEMBER, Role.PRODUCER]
LEAVES_THE_SESSION = {"backoffice:logout"}
FUZZ = settings(
    max_examples=3,
    deadline=timedelta(seconds=30),  # a page that takes this long on junk is a finding too
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)

ODD_TEXT = [
    "",
    " ",
    "0",
    "-1",
    "1e400",
    "-1e400",
    "NaN",
    "inf",
    "²",
    "٣",
    "9" * 25,
    "9" * 5000,
    "1,5",
    "1.234.567,89",
    "31/02/2024",
    "2024-13-45",
    "01/01/0001",
    "31/12/9999",
    "=HYPERLINK(1)",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "\x00",
    "null",
    "true",
    "[]",
    "{}",
    "x" * 70_000,
    "Nước mắm Phan Rang ✓ 🧂",
]
JUNK = st.one_of(
    st.sampled_from(ODD_TEXT),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.text(max_size=200),
)
JUNK_FILES = st.sampled_from(
    [
        ("x.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
        ("x.pdf", b"%PDF-1.4\n%%EOF"),
        ("x.json", b'{"format": "ocop-plan/1", "plans": [{"targets": 7}]}'),
        ("x.json", b"[" * 5000),
        ("x.xlsx", b"PK\x03\x04" + b"\x00" * 100),
        (".htaccess", b"Deny from all"),
        ("empty.txt", b""),
    ]
)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20) | st.sampled_from([10**4000, "²"]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


class _Forms(HTMLParser):
    """The forms of a page: action, method, and each field with the values its options and boxes offer."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append({"action": attrs.get("action") or "", "method": (attrs.get("method") or "get").lower()})
            self.forms[-1]["fields"] = {}
            return
        if not self.forms or not attrs.get("name") or attrs["name"] == "csrfmiddlewaretoken":
            if tag == "option" and self._select and self.forms:
                self.forms[-1]["fields"][self._select]["choices"].append(attrs.get("value", ""))
            return
        field = self.forms[-1]["fields"].setdefault(
            attrs["name"], {"choices": [], "file": False, "many": attrs.get("multiple") is not None}
        )
        if tag == "select":
            self._select = attrs["name"]
        elif tag == "input" and attrs.get("type") == "file":
            field["file"] = True
        elif tag == "input" and attrs.get("type") in ("checkbox", "radio", "hidden") and attrs.get("value"):
            field["choices"].append(attrs["value"])
            field["many"] = field["many"] or attrs.get("type") == "checkbox"

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def _role_for(allowed) -> str | None:
    if allowed == ALL:
        return None
    return next((role for role in [*ROLE_PREFERENCE, *sorted(allowed)] if role in allowed), None)


def _login(client: Client, role, ctx) -> None:
    if role is None:
        return
    user = make_producer_account(ctx["producer"]) if role == Role.PRODUCER else make_user(role)
    client.force_login(user)


def _url_name(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


@pytest.fixture(scope="module")
def endpoints(django_db_setup, django_db_blocker, _media_root):
    """Each URL with the role that may use it and the fields its forms send, read from every page of the matrix.

    The records are the permission matrix's, built once inside a transaction rolled back at the end; each test
    runs in its own savepoint inside it.
    """
    with (
        django_db_blocker.unblock(),
        override_settings(
            MEDIA_ROOT=_media_root,
            LANGUAGE_CODE="vi",
            CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "fuzz"}},
            STORAGES=django_settings.STORAGES
            | {"staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}},
        ),
        transaction.atomic(),
    ):
        ctx = {}
        for module in ENTRY_MODULES:
            if hasattr(module, "extend_context"):
                module.extend_context(ctx)
        found = {}
        for name, (method, build_kwargs, allowed, *_rest) in sorted(MATRIX.items()):
            role = _role_for(allowed)
            if allowed != ALL and role is None:
                continue  # a URL nobody in the matrix may use
            client = Client()
            _login(client, role, ctx)
            url = reverse(name, kwargs=build_kwargs(ctx, None) if build_kwargs else None)
            entry = found.setdefault(url, {"name": name, "role": role, "methods": set(), "fields": {}})
            if method != "get" or name in LEAVES_THE_SESSION:
                entry["methods"].add(method)
                continue
            response = client.get(url)
            if response.streaming:
                b"".join(response.streaming_content)  # reading to the end closes the file
            if response.streaming or not re.search("html|json", response.get("Content-Type", "")):
                continue  # a file (a PDF, an Excel sheet): nothing to send it
            entry["methods"].add("get")
            parser = _Forms()
            parser.feed(response.content.decode())
            for form in parser.forms:
                action = urlsplit(form["action"]).path or url
                target = _url_name(action)
                if target is None or target not in MATRIX:
                    continue
                entry = found.setdefault(
                    action,
                    {"name": target, "role": _role_for(MATRIX[target][2]), "methods": set(), "fields": {}},
                )
                entry["methods"].add("post" if form["method"] == "post" else "get")
                entry["fields"] |= form["fields"]
        yield ctx, found
        transaction.set_rollback(True)


def _value(field: dict):
    if field["file"]:
        return JUNK_FILES.map(lambda named: SimpleUploadedFile(named[0], named[1]))
    options = [st.sampled_from(field["choices"])] if field["choices"] else []
    single = st.one_of(*options, JUNK)
    return st.lists(single, max_size=3) if field["many"] else single


def _data(fields: dict):
    """Some of the form's fields (missing ones too), each a valid choice or junk, plus a field it does not know."""
    present = st.fixed_dictionaries({}, optional={name: _value(field) for name, field in fields.items()})
    keys = st.sampled_from(["page", "q", "id", "next", "period", "stars", "product_set", "unit", "sort", "format"])
    return st.tuples(present, st.dictionaries(keys, JUNK, max_size=3))


# Listed here rather than discovered: the URLs the permission matrix knows, with the fields read from their pages.
URL_NAMES = sorted(MATRIX)


@pytest.mark.parametrize("name", URL_NAMES)
def test_no_junk_gives_a_server_error(endpoints, name):
    ctx, found = endpoints
    targets = [(url, entry) for url, entry in found.items() if entry["name"] == name and entry["methods"]]
    if not targets:
        pytest.skip("nothing to send: a file to download, or a URL no role of the matrix may use")

    @FUZZ
    @given(data=st.data())
    def fuzz(data):
        for url, entry in targets:
            client = Client()
            _login(client, entry["role"], ctx)
            fields, extra = data.draw(_data(entry["fields"]))
            for method in sorted(entry["methods"]):
                if method == "post":
                    response = client.post(url, fields | extra)
                else:
                    plain = {key: value for key, value in fields.items() if not hasattr(value, "read")}
                    response = client.get(url, plain | extra)
                if response.streaming:
                    b"".join(response.streaming_content)
                assert response.status_code < 500, (name, method, url)

    fuzz()


def test_no_json_body_gives_a_server_error_on_the_calculator_api(client):
    url = reverse("public:calculator_api")

    @FUZZ
    @given(body=JSON_VALUES, sheet=st.one_of(st.integers(-3, 30), JSON_VALUES))
    def fuzz(body, sheet):
        for payload in (body, {"sheet": sheet, "answers": body}):
            response = client.post(url, json.dumps(payload), content_type="application/json")
            assert response.status_code in (200, 400), payload
        response = client.get(url, {"sheet": re.sub(r"\s", "", str(sheet))[:50]})
        assert response.status_code in (200, 400)

    fuzz()


def test_the_fields_are_read_from_the_forms_on_the_pages(endpoints):
    _ctx, found = endpoints
    by_name = {}
    for entry in found.values():
        by_name.setdefault(entry["name"], {}).update(entry["fields"])
    assert {"reported_on", "status", "spent", "evidence"} <= set(by_name["backoffice:plan_task_progress"])
    assert by_name["backoffice:plan_task_progress"]["evidence"]["file"] is True
    assert "present" in by_name["backoffice:session_attendance"]
    assert {"low", "high", "baseline", "stars"} <= set(by_name["backoffice:plan_target_create"])
    assert by_name["backoffice:plan_target_create"]["stars"]["choices"] == ["3", "4", "5"]
