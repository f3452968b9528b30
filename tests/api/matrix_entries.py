"""Permission matrix entries of the REST API, opened with the account's session (tokens narrow these rights further:
tests/api/test_scopes.py). An anonymous caller refused is answered 401, not sent to the login page."""

from ocop.accounts.enums import Role
from tests.factories import unit
from tests.matrix import ALL, AREA_EDITORS, EVERYONE_LOGGED_IN, MINISTRY, NOTHING, OFFICERS

CONTEXT_ORDER = 90  # after every app: it reads their records

REGISTRY_READERS = OFFICERS | {Role.PRODUCER}
DOSSIER_READERS = REGISTRY_READERS | {Role.COUNCIL_MEMBER, Role.ADVISORY_MEMBER}
COUNCIL = {Role.COUNCIL_MEMBER, Role.ADVISORY_MEMBER}  # may list dossiers, but only those of their councils' rounds
NOT_DRAFTS = COUNCIL | {Role.DEPARTMENT_STAFF}  # department staff read filed dossiers, never a producer's draft


def extend_context(ctx):
    from ocop.accounts.domain.tokens import issue_token

    ctx["api_token"], _key = issue_token(actor=None, user=ctx["subject"], name="Phần mềm xã", scopes=["public:read"])


def _someone_elses_token(ctx, user):
    return {"pk": ctx["api_token"].pk}


def _token_on_its_account(ctx, user):
    return {"pk": ctx["subject"].pk, "token_pk": ctx["api_token"].pk}


def _token_holder(ctx, user):
    return {"pk": ctx["subject"].pk}


def _unit(ctx, user):
    return {"pk": unit("22882").pk}


def _producer(ctx, user):
    return {"pk": ctx["producer"].pk}


def _product(ctx, user):
    return {"pk": ctx["product"].pk}


def _certificate(ctx, user):
    return {"pk": ctx["certificate"].pk}


def _plan(ctx, user):
    return {"pk": ctx["planning"]["plan"].pk}


def _draft(ctx, user):
    return {"pk": ctx["dossier_draft"].pk}


def _sheet(ctx, user):
    return {"pk": ctx["session"].assignments.first().pk}


ENTRIES = {
    # Everyone signed in manages their own tokens; another account's token does not exist for them.
    "backoffice:api_tokens": ("get", None, EVERYONE_LOGGED_IN, 200),
    "backoffice:api_token_revoke": ("post", _someone_elses_token, set(), 302, set(Role)),
    # Another account's tokens: the administrator's alone (the provincial office opens the account, not its tokens).
    "backoffice:user_api_token_issue": ("post", _token_holder, {Role.ADMIN}, 200),  # the empty form, with its errors
    "backoffice:user_api_token_revoke": ("post", _token_on_its_account, {Role.ADMIN}, 302),
    "api:schema": ("get", None, ALL, 200),
    "api:docs": ("get", None, ALL, 200),
    "api:unit_list": ("get", None, ALL, 200),
    "api:unit_detail": ("get", _unit, ALL, 200),
    "api:catalogue": ("get", None, ALL, 200),
    "api:certificate_check": ("get", None, ALL, 400),  # without ?number= it says what is missing
    "api:producer_list": ("get", None, REGISTRY_READERS | MINISTRY, 200),
    "api:producer_detail": ("get", _producer, REGISTRY_READERS, 200, MINISTRY),
    "api:product_list": ("get", None, REGISTRY_READERS | MINISTRY, 200),
    "api:product_detail": ("get", _product, REGISTRY_READERS, 200, MINISTRY),
    "api:certificate_list": ("get", None, REGISTRY_READERS | MINISTRY, 200),
    "api:certificate_detail": ("get", _certificate, REGISTRY_READERS, 200, MINISTRY),
    "api:plan_list": ("get", None, OFFICERS, 200),
    "api:plan_targets": ("get", _plan, OFFICERS, 200),
    "api:stamp_batch_list": ("get", None, REGISTRY_READERS, 200),
    "api:event_list": ("get", None, REGISTRY_READERS, 200),
    # The matrix posts an empty form: the API reads JSON (or JSON-LD) only.
    "api:epcis_capture": ("post", None, AREA_EDITORS | {Role.PRODUCER}, 415),
    "api:national_export": ("get", None, {Role.ADMIN, Role.PROVINCE_OFFICE}, 200),
    "api:national_export_schema": ("get", None, ALL, 200),
    "api:dossier_list": ("get", None, DOSSIER_READERS | MINISTRY, 200),
    "api:dossier_detail": ("get", _draft, DOSSIER_READERS, 200, NOT_DRAFTS | MINISTRY),
    "api:dossier_submit": ("post", _draft, AREA_EDITORS | {Role.PRODUCER}, 400),  # the draft lacks its evidence
    # Only people with a scoring seat have sheets (none of the matrix users sits on a council).
    "api:score_sheet_list": ("get", None, set(), 200),
    "api:score_sheet_detail": ("get", _sheet, set(), 200, set(Role)),
    "api:score_sheet_submit": ("post", _sheet, set(), 200, set(Role)),
}

EFFECTS = {
    "backoffice:api_token_revoke": NOTHING,
    "backoffice:user_api_token_issue": NOTHING,
    "backoffice:user_api_token_revoke": ("accounts.token_revoked",),
    "api:epcis_capture": NOTHING,
    "api:dossier_submit": NOTHING,
    "api:score_sheet_submit": NOTHING,
}
