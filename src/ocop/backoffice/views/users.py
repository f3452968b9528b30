"""User accounts and their roles: for administrators and the provincial OCOP office."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ocop.accounts.domain import grants, tokens, users
from ocop.accounts.domain.queries import visible_users
from ocop.accounts.interfaces.forms import ApiTokenForm, RoleGrantForm, UserForm
from ocop.accounts.models import RoleAssignment
from ocop.backoffice.access import paginate, require_perm
from ocop.backoffice.forms import form_page, save_form
from ocop.backoffice.views.api_tokens import issue_from_form, revoked_message
from ocop.common.db import vi_ordered
from ocop.common.domain.activity import history_of
from ocop.common.text import fold
from ocop.producers.domain.queries import visible_producers


def _load_user(request, pk, **_route):
    return get_object_or_404(visible_users(request.user), pk=pk)


def _load_token_holder(request, pk, **_route):
    """An account whose API tokens the actor manages (the administrator: any); others are refused."""
    person = _load_user(request, pk)
    if not tokens.may_manage_tokens_of(request.user, person):
        raise PermissionDenied
    return person


def _crumbs(*extra):
    return [(_("Users"), reverse("backoffice:user_list")), *extra]


@require_perm("accounts.manage_users")
def user_list(request):
    query = request.GET.get("q", "").strip()
    people = (
        visible_users(request.user)
        .select_related("organisation")
        .prefetch_related(
            Prefetch(
                "role_assignments",
                queryset=RoleAssignment.objects.active().select_related("unit"),
                to_attr="current_roles",
            )
        )
        .order_by(vi_ordered("full_name"), "username")
    )
    if query:
        people = people.filter(Q(search_name__contains=fold(query)) | Q(username__icontains=query))
    return render(
        request,
        "backoffice/user_list.html",
        {
            "page": paginate(request, people),
            "query": query,
            "breadcrumbs": _crumbs(),
        },
    )


@require_perm("accounts.manage_users")
def user_create(request):
    form = UserForm(request.POST or None, actor=request.user)
    created = save_form(request, form, lambda data: users.create_user(actor=request.user, **data))
    if created:
        user, password = created
        return _one_time_password_page(request, user, password, _("Account created."))
    return form_page(
        request, form, title=_("New user"), submit_label=_("Create account"), breadcrumbs=_crumbs((_("New user"), None))
    )


@require_perm("accounts.manage_users", load_object=_load_user)
def user_edit(request, pk, obj):
    initial = {field: getattr(obj, field) for field in users.USER_EDITABLE_FIELDS}
    form = UserForm(request.POST or None, actor=request.user, editing=True, initial=initial)
    if save_form(request, form, lambda data: users.update_user(actor=request.user, user=obj, **data)):
        messages.success(request, _("Changes saved."))
        return redirect("backoffice:user_detail", pk=obj.pk)
    detail = reverse("backoffice:user_detail", args=[obj.pk])
    return form_page(
        request,
        form,
        title=_("Edit %(name)s") % {"name": obj},
        cancel_url=detail,
        breadcrumbs=_crumbs((str(obj), detail), (_("Edit"), None)),
    )


@require_perm("accounts.manage_users", load_object=_load_user)
def user_detail(request, pk, obj):
    token_form = ApiTokenForm(user=obj) if tokens.may_manage_tokens_of(request.user, obj) else None
    return _detail_page(request, obj, token_form)


def _detail_page(request, person, token_form, new_key=None):
    """The account page; its API tokens only for whoever manages them (``token_form`` None: not shown)."""
    return render(
        request,
        "backoffice/user_detail.html",
        {
            "person": person,
            "roles": person.role_assignments.select_related("unit", "granted_by", "revoked_by").order_by(
                "revoked_at", "-granted_at"
            ),
            "role_form": RoleGrantForm(actor=request.user, producers=visible_producers(request.user)),
            "token_form": token_form,
            "tokens": person.api_tokens.all() if token_form else None,
            "new_key": new_key,
            "history": history_of(person)[:50],
            "breadcrumbs": _crumbs((str(person), None)),
        },
    )


@require_POST
@require_perm("accounts.manage_users", load_object=_load_user)
def user_role_grant(request, pk, obj):
    form = RoleGrantForm(request.POST, actor=request.user, producers=visible_producers(request.user))
    if form.is_valid():
        try:
            grants.assign_role(actor=request.user, user=obj, **form.cleaned_data)
            messages.success(request, _("Role granted."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("backoffice:user_detail", pk=obj.pk)


@require_POST
@require_perm("accounts.manage_users", load_object=_load_user)
def user_role_revoke(request, pk, obj, role_pk):
    assignment = get_object_or_404(obj.role_assignments, pk=role_pk)
    try:
        grants.revoke_role(actor=request.user, assignment=assignment)
        messages.success(request, _("Role revoked."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("backoffice:user_detail", pk=obj.pk)


@require_POST
@require_perm("accounts.manage_users", load_object=_load_user)
def user_set_active(request, pk, obj):
    try:
        users.set_user_active(actor=request.user, user=obj, active=request.POST.get("active") == "1")
        messages.success(request, _("Changes saved."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("backoffice:user_detail", pk=obj.pk)


@require_POST
@require_perm("accounts.manage_users", load_object=_load_user)
def user_reset_password(request, pk, obj):
    password = users.reset_password(actor=request.user, user=obj)
    return _one_time_password_page(request, obj, password, _("Password reset."))


@require_POST
@require_perm("accounts.manage_users", load_object=_load_token_holder)
def user_api_token_issue(request, pk, obj):
    """The key is shown on the page that answers, once: never in a message nor a page the browser keeps."""
    form, new_key = issue_from_form(request, obj)
    response = _detail_page(request, obj, form, new_key)
    add_never_cache_headers(response)
    return response


@require_POST
@require_perm("accounts.manage_users", load_object=_load_token_holder)
def user_api_token_revoke(request, pk, obj, token_pk):
    token = get_object_or_404(obj.api_tokens, pk=token_pk)
    tokens.revoke_token(actor=request.user, token=token)
    messages.success(request, revoked_message(token))
    return redirect(reverse("backoffice:user_detail", args=[obj.pk]) + "#api-tokens")


def _one_time_password_page(request, person, password: str, done: str):
    """Shown once in the page itself, never carried in a message (the messages cookie) nor kept by the browser."""
    response = render(
        request,
        "backoffice/one_time_password.html",
        {
            "person": person,
            "password": password,
            "done": done,
            "breadcrumbs": _crumbs((str(person), reverse("backoffice:user_detail", args=[person.pk]))),
        },
    )
    add_never_cache_headers(response)
    return response
