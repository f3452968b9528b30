"""Every URL of the system, opened by every role: who gets in, who is sent to log in, who is refused, and for every
POST what was written (the declared audit entries, or nothing; nothing at all when refused).

The entries live beside each app's tests (``tests/<app>/matrix_entries.py``, see tests/matrix.py). A URL that no
entry lists fails the test, so each new screen must say who may open it.
"""

import importlib
from pathlib import Path

import pytest
from django.db import transaction
from django.db.models import Max
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from ocop.accounts.enums import Role
from ocop.common.models import ActivityLog
from tests.factories import make_producer_account, make_user
from tests.matrix import ALL, ANON, API, LOGGED_IN, NOTHING, ROLES, SESSION_ENDED, rows_written

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

# Modules whose records others build on set CONTEXT_ORDER lower (the registry's producer comes before dossiers).
ENTRY_MODULES = sorted(
    (
        importlib.import_module(f"tests.{path.parent.name}.matrix_entries")
        for path in Path(__file__).parent.parent.glob("*/matrix_entries.py")
    ),
    key=lambda module: (getattr(module, "CONTEXT_ORDER", 100), module.__name__),
)
MATRIX = {name: entry for module in ENTRY_MODULES for name, entry in module.ENTRIES.items()}
EFFECTS = {name: effect for module in ENTRY_MODULES for name, effect in getattr(module, "EFFECTS", {}).items()}

# Apps whose URLs are not ours to police (Django's admin and language switch have their own checks).
FOREIGN_NAMESPACES = {"admin"}
FOREIGN_NAMES = {"set_language"}


def _all_url_names(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace in FOREIGN_NAMESPACES:
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _all_url_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name and pattern.name not in FOREIGN_NAMES:
            yield f"{namespace}{pattern.name}"


def test_every_url_is_in_the_matrix():
    assert sorted(set(_all_url_names()) - set(MATRIX)) == []
    assert sorted(set(MATRIX) - set(_all_url_names())) == []


def test_every_post_says_what_it_writes():
    posts = {name for name, entry in MATRIX.items() if entry[0] == "post"}
    assert sorted(posts - EFFECTS.keys()) == []
    assert sorted(EFFECTS.keys() - posts) == []


def test_no_url_is_listed_twice():
    names = [name for module in ENTRY_MODULES for name in module.ENTRIES]
    assert len(names) == len(set(names))


@pytest.fixture(scope="module")
def context(django_db_setup, django_db_blocker, _media_root):
    """Records the URLs need, in xã Phước Thuận: the commune the test officers and producer account work in.

    Built once for the module inside a transaction that is rolled back at the end; each test runs in its own
    savepoint inside it, so what one test changes the next never sees.
    """
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=_media_root),  # the folder every test of the run reads uploads from
        transaction.atomic(),
    ):
        ctx = {}
        for module in ENTRY_MODULES:
            if hasattr(module, "extend_context"):
                module.extend_context(ctx)
        yield ctx
        transaction.set_rollback(True)


def _user_for(role: str, ctx):
    if role == ANON:
        return None
    if role == Role.PRODUCER:
        return make_producer_account(ctx["producer"])
    return make_user(role)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_matrix(client, context, name, role):
    method, build_kwargs, allowed, ok_status, *out_of_reach = MATRIX[name]
    user = _user_for(role, context)
    if user is not None:
        client.force_login(user)
    url = reverse(name, kwargs=build_kwargs(context, user) if build_kwargs else None)
    last_entry = ActivityLog.objects.aggregate(last=Max("pk"))["last"] or 0
    written_before = rows_written()
    response = getattr(client, method)(url)
    if response.streaming:
        b"".join(response.streaming_content)  # reading to the end closes the file (the client's wrapper does)
    written = rows_written() - written_before
    verbs = sorted(ActivityLog.objects.filter(pk__gt=last_entry).values_list("verb", flat=True))
    if isinstance(ok_status, dict):
        ok_status = ok_status[ANON if role == ANON else LOGGED_IN]
    if out_of_reach and role in out_of_reach[0]:
        assert response.status_code == 404, (name, role)  # allowed the page, but the record is not in their area
    elif allowed == ALL or (role != ANON and Role(role) in allowed):
        assert response.status_code == ok_status, (name, role)
        if method == "post":
            _assert_effect(EFFECTS[name], written=written, verbs=verbs, client=client, user=user)
        return
    elif role == ANON and name.startswith(API):
        assert response.status_code == 401, name  # the API asks for credentials instead of sending to a login page
    elif role == ANON:
        assert response.status_code == 302 and response["Location"].startswith(reverse("backoffice:login")), name
    else:
        assert response.status_code == 403, (name, role)
    assert (written, verbs) == (0, []), (name, role)  # refused: nothing at all was written


def _assert_effect(effect, *, written: int, verbs: list[str], client, user) -> None:
    if effect == SESSION_ENDED:
        assert verbs == [] and "_auth_user_id" not in client.session
        assert (written > 0) is (user is not None)
    elif effect == NOTHING:
        assert (written, verbs) == (0, [])  # an empty form is refused without a half-written row
    else:
        assert verbs == sorted(effect) and written > 0


def test_a_commune_officer_cannot_open_another_communes_unit(client):
    from tests.factories import unit

    client.force_login(make_user(Role.COMMUNE_OFFICER))
    assert client.get(reverse("backoffice:unit_detail", kwargs={"pk": unit("22882").pk})).status_code == 200
    assert client.get(reverse("backoffice:unit_detail", kwargs={"pk": unit("22867").pk})).status_code == 404


def test_the_provincial_office_cannot_open_an_administrators_account(client):
    admin = make_user(Role.ADMIN)
    client.force_login(make_user(Role.PROVINCE_OFFICE))
    assert client.get(reverse("backoffice:user_detail", kwargs={"pk": admin.pk})).status_code == 404
