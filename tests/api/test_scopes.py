"""The acceptance of the issue: a public token reads no draft dossier and no score sheet; a producer's token sees
its own producer only; a commune officer's token sees its commune only. The API checks the same rules as the
screens: a token narrows them, never widens them."""

import pytest
from rest_framework.test import APIClient

from ocop.accounts.enums import Role
from ocop.councils.domain.sessions import auto_assign
from tests.api.helpers import ids, token_client
from tests.factories import (
    NHON_HAI,
    make_council,
    make_dossier,
    make_producer,
    make_producer_account,
    make_product,
    make_session,
    make_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_communes():
    here, there = make_producer(), make_producer(unit_key=NHON_HAI)
    return {
        "here": here,
        "there": there,
        "here_dossier": make_dossier(make_product(here)),
        "there_dossier": make_dossier(make_product(there)),
    }


def test_a_public_token_reads_no_draft_dossier_and_no_score_sheet(two_communes):
    officer = make_user(Role.PROVINCE_OFFICE)
    public = token_client(officer, "public:read")
    dossier = two_communes["here_dossier"]
    refused = public.get("/api/v1/dossiers/")
    assert refused.status_code == 403
    assert refused.json() == {"detail": "Khóa API này không có phạm vi “registry:read” mà yêu cầu này cần."}
    assert public.get(f"/api/v1/dossiers/{dossier.pk}/").status_code == 403
    assert public.get("/api/v1/score-sheets/").status_code == 403
    assert public.get("/api/v1/producers/").status_code == 403
    assert public.get("/api/v1/catalogue/").status_code == 200
    assert public.get("/api/v1/units/?level=province&era=from_2025").status_code == 200
    # The same account's session sees the draft: the token's scope is what stopped it.
    session = APIClient()
    session.force_login(officer)
    assert session.get(f"/api/v1/dossiers/{dossier.pk}/").status_code == 200


def test_a_council_member_token_without_the_scores_scope_reads_no_sheet():
    council = make_council(members=3)
    dossier = make_dossier(state="accepted")
    session = make_session(council, [dossier])
    auto_assign(actor=None, session=session)
    member = council.members.first().user
    assert token_client(member, "registry:read").get("/api/v1/score-sheets/").status_code == 403
    scoring = token_client(member, "scores:write")
    sheet = member.council_memberships.first().assignments.get()
    assert ids(scoring.get("/api/v1/score-sheets/")) == [sheet.pk]
    other = council.members.exclude(user=member).first().assignments.get()
    assert scoring.get(f"/api/v1/score-sheets/{other.pk}/").status_code == 404


def test_a_producer_token_sees_its_own_producer_only(two_communes):
    client = token_client(make_producer_account(two_communes["here"]), "registry:read")
    assert ids(client.get("/api/v1/producers/")) == [two_communes["here"].pk]
    assert client.get(f"/api/v1/producers/{two_communes['there'].pk}/").status_code == 404
    assert ids(client.get("/api/v1/dossiers/")) == [two_communes["here_dossier"].pk]
    assert client.get(f"/api/v1/dossiers/{two_communes['there_dossier'].pk}/").status_code == 404
    there_product = two_communes["there"].products.get()
    assert client.get(f"/api/v1/products/{there_product.pk}/").status_code == 404
    plans = client.get("/api/v1/plans/")  # the token has the scope; the account has not the right
    assert plans.status_code == 403
    assert plans.json() == {"detail": "Tài khoản của bạn không được làm việc này."}


def test_a_commune_officer_token_sees_its_commune_only(two_communes):
    client = token_client(make_user(Role.COMMUNE_OFFICER), "registry:read")
    assert ids(client.get("/api/v1/producers/")) == [two_communes["here"].pk]
    assert [row["code"] for row in client.get("/api/v1/products/").json()["results"]] == [
        two_communes["here"].products.get().code
    ]
    assert client.get(f"/api/v1/producers/{two_communes['there'].pk}/").status_code == 404


def test_anonymous_callers_read_public_data_and_are_asked_to_authenticate_for_the_rest():
    client = APIClient()
    assert client.get("/api/v1/catalogue/").status_code == 200
    response = client.get("/api/v1/producers/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="ocop"'
    assert client.post("/api/v1/catalogue/", {}, format="json").status_code == 401
