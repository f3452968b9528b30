"""My API tokens: issue one for a partner system (its key shown once), see when each was last used, revoke it."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ocop.accounts.domain import tokens
from ocop.accounts.interfaces.forms import ApiTokenForm
from ocop.accounts.models import ApiToken
from ocop.backoffice.forms import add_domain_errors


def _end_of(day: datetime.date | None) -> datetime.datetime | None:
    if day is None:
        return None
    return timezone.make_aware(datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min))


def issue_from_form(request, holder) -> tuple[ApiTokenForm, str | None]:
    """Issue a token of ``holder`` from the posted form: a fresh form and the new key, or the form with its errors
    and no key (nothing written)."""
    form = ApiTokenForm(request.POST, user=holder)
    if not form.is_valid():
        return form, None
    try:
        _token, key = tokens.issue_token(
            actor=request.user,
            user=holder,
            name=form.cleaned_data["name"],
            scopes=form.cleaned_data["scopes"],
            expires_at=_end_of(form.cleaned_data["valid_until"]),
        )
    except ValidationError as error:
        add_domain_errors(form, error)
        return form, None
    return ApiTokenForm(user=holder), key


def revoked_message(token: ApiToken) -> str:
    return _("The token “%(name)s” was revoked: it opens nothing any more.") % {"name": token.name}


@login_required
def api_tokens(request):
    form, new_key = ApiTokenForm(user=request.user), None
    if request.method == "POST":
        form, new_key = issue_from_form(request, request.user)
    context = {
        "form": form,
        "new_key": new_key,
        "tokens": ApiToken.objects.filter(user=request.user),
        "breadcrumbs": [(_("My account"), None), (_("API tokens"), None)],
    }
    return render(request, "backoffice/api_tokens.html", context)


@login_required
@require_POST
def api_token_revoke(request, pk):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    tokens.revoke_token(actor=request.user, token=token)
    messages.success(request, revoked_message(token))
    return redirect("backoffice:api_tokens")
