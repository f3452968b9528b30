"""Tokens and an API client for the API tests."""

from rest_framework.test import APIClient

from ocop.accounts.domain.tokens import issue_token
from ocop.accounts.enums import TokenScope

EVERY_SCOPE = [scope.value for scope in TokenScope]


def token_client(user, *scopes: str) -> APIClient:
    """A client that sends a new token of ``user`` with ``scopes`` (every scope the account may hold if none)."""
    from ocop.accounts.domain.tokens import scopes_for

    _token, key = issue_token(
        actor=None, user=user, name="Phần mềm thử", scopes=list(scopes) or [s.value for s in scopes_for(user)]
    )
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return client


def ids(response) -> list[int]:
    return [row["id"] for row in response.json()["results"]]
