from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from ocop.accounts.domain import users
from ocop.accounts.domain.queries import visible_organisations
from ocop.accounts.interfaces.forms import OrganisationForm
from ocop.backoffice.access import paginate, require_perm
from ocop.backoffice.forms import form_page, save_form
from ocop.common.db import vi_ordered
from ocop.common.text import fold


def _load_organisation(request, pk):
    return get_object_or_404(visible_organisations(request.user), pk=pk)


def _crumbs(*extra):
    return [(_("Organisations"), reverse("backoffice:organisation_list")), *extra]


@require_perm("accounts.manage_organisations")
def organisation_list(request):
    query = request.GET.get("q", "").strip()
    organisations = (
        visible_organisations(request.user).select_related("unit", "parent").order_by("kind", vi_ordered("name"))
    )
    if query:
        organisations = organisations.filter(search_name__contains=fold(query))
    return render(
        request,
        "backoffice/organisation_list.html",
        {
            "page": paginate(request, organisations),
            "query": query,
            "breadcrumbs": _crumbs(),
        },
    )


@require_perm("accounts.manage_organisations")
def organisation_create(request):
    form = OrganisationForm(request.POST or None, actor=request.user)
    if save_form(request, form, lambda data: users.create_organisation(actor=request.user, **data)):
        messages.success(request, _("Organisation created."))
        return redirect("backoffice:organisation_list")
    return form_page(request, form, title=_("New organisation"), breadcrumbs=_crumbs((_("New organisation"), None)))


@require_perm("accounts.manage_organisations", load_object=_load_organisation)
def organisation_edit(request, pk, obj):
    fields = ("name", "short_name", "kind", "unit", "parent", "symbol", "valid_from", "valid_until", "successor")
    initial = {field: getattr(obj, field) for field in fields}
    form = OrganisationForm(request.POST or None, actor=request.user, initial=initial)
    if save_form(request, form, lambda data: users.update_organisation(actor=request.user, organisation=obj, **data)):
        messages.success(request, _("Changes saved."))
        return redirect("backoffice:organisation_list")
    title = _("Edit %(name)s") % {"name": obj}
    return form_page(request, form, title=title, breadcrumbs=_crumbs((title, None)))
