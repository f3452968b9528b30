"""What every endpoint shares: scopes and rules (ocop.api.permissions), responses that vary with the caller, and the
domain's refusals answered 400 with their field errors."""

from django.core.exceptions import ValidationError as DomainError
from django.utils.cache import patch_cache_control, patch_vary_headers
from rest_framework.exceptions import ValidationError

from ocop.accounts.enums import TokenScope

NON_FIELD = "non_field_errors"


class ApiView:
    """Mixed into DRF's generic views. ``scopes``/``rules`` per method, "read" for GET and HEAD."""

    scopes: dict = {"read": TokenScope.REGISTRY_READ}
    rules: dict = {}

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        patch_vary_headers(response, ("Authorization", "Cookie"))
        if self.scopes:
            patch_cache_control(response, private=True, no_cache=True)
        return response


def refused(error: DomainError) -> ValidationError:
    """A domain function's ValidationError as the API's 400, field by field."""
    if hasattr(error, "error_dict"):
        return ValidationError({field or NON_FIELD: messages for field, messages in error.message_dict.items()})
    return ValidationError({NON_FIELD: error.messages})
