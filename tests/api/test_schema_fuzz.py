"""The served OpenAPI schema, fuzzed: requests generated from the schema (valid and invalid) against every operation,
as the provincial office and as a producer's software. No answer may be a server error, and every answer must
match the schema it claims (content type and body). Bounded: 25 examples per operation, the same ones on every run (a
suite that passes once passes again); ``OCOP_FUZZ_EXAMPLES=500`` explores that many fresh ones per operation."""

import os

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import content_type_conformance, not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from ocop.accounts.domain.tokens import issue_token, scopes_for
from ocop.accounts.enums import Role
from ocop.wsgi import application
from tests.factories import make_dossier, make_producer, make_producer_account, make_product, make_user

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

EXPLORING = os.environ.get("OCOP_FUZZ_EXAMPLES")
EXAMPLES_PER_OPERATION = int(EXPLORING or 25)
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]


def as_a_server_passes_it(app):
    """The application behind a WSGI server: PEP 3333 gives the path as its UTF-8 bytes read as ISO-8859-1 (the
    in-process client passes the decoded text, which no server does)."""

    def wsgi(environ, start_response):
        path = environ.get("PATH_INFO", "")
        environ["PATH_INFO"] = path.encode("utf-8").decode("iso-8859-1")
        return app(environ, start_response)

    return wsgi


# Read from the running application, as a partner would: the schema endpoint needs no database.
schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", as_a_server_passes_it(application))


@pytest.fixture
def in_the_tests_transaction():
    """As Django's test client does: a request served in the test must not close the test's database connection
    (which holds its transaction) when it starts and ends."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def callers(db, settings, in_the_tests_transaction):
    """Records to read and write, and the keys of an office and a producer with every scope their accounts allow."""
    settings.REST_FRAMEWORK = settings.REST_FRAMEWORK | {
        "DEFAULT_THROTTLE_RATES": {"account": "100000/min", "address": "100000/min"}
    }
    cache.clear()
    producer = make_producer()
    product = make_product(producer, name="Nho Thái An")
    make_dossier(product)
    keys = []
    for user in (make_user(Role.PROVINCE_OFFICE), make_producer_account(producer)):
        _token, key = issue_token(actor=None, user=user, name="fuzz", scopes=[s.value for s in scopes_for(user)])
        keys.append(key)
    return keys


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    derandomize=not EXPLORING,
    database=None,  # no example remembered from an earlier run on this machine: CI and a laptop try the same
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_no_server_error_and_no_schema_violation(case, callers):
    for key in callers:
        case.call_and_validate(headers={"Authorization": f"Bearer {key}"}, checks=CHECKS)
