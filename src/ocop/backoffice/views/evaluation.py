"""Rule sets: the list of loaded sets (the provincial office and the administrator) and loading a new or corrected
set from its files (the administrator), through the same loader as ``ocop load_ruleset``."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.backoffice.access import paginate, require_perm
from ocop.evaluation.domain.misprints import suspected_misprints
from ocop.evaluation.domain.rule_sets import rule_set_in_force
from ocop.evaluation.interfaces.rule_set_upload import RuleSetUploadForm
from ocop.evaluation.models import RuleSet


def _crumbs(*extra):
    return [(_("Rule sets"), reverse("backoffice:rule_set_list")), *extra]


@require_perm("evaluation.view_rule_sets")
def rule_set_list(request):
    rule_sets = RuleSet.objects.select_related("loaded_by").annotate(sheet_count=Count("sheets"))
    try:
        in_force = rule_set_in_force(timezone.localdate()).pk
    except RuleSet.DoesNotExist:
        in_force = None
    return render(
        request,
        "evaluation/rule_set_list.html",
        {
            "page": paginate(request, rule_sets.order_by("-valid_from", "-loaded_at", "-pk")),
            "in_force": in_force,
            "can_load": request.user.has_perm("evaluation.load_rule_sets"),
            "breadcrumbs": _crumbs(),
        },
    )


@require_perm("evaluation.view_rule_sets")
def rule_set_detail(request, pk: int):
    rule_set = get_object_or_404(RuleSet.objects.select_related("loaded_by"), pk=pk)
    return render(
        request,
        "evaluation/rule_set_detail.html",
        {
            "rule_set": rule_set,
            "bands": rule_set.bands.bands,
            "sheets": rule_set.sheets.order_by("no").only("no", "title"),
            "misprints": suspected_misprints(rule_set.all_sheets()),
            "breadcrumbs": _crumbs((rule_set.identifier, None)),
        },
    )


@require_perm("evaluation.load_rule_sets")
def rule_set_load(request):
    form = RuleSetUploadForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            result = form.load(actor=request.user)
        except ValidationError as error:
            problems = error.messages
        else:
            rule_set = result.rule_set
            values = {"identifier": rule_set.identifier, "valid_from": rule_set.valid_from.strftime("%d/%m/%Y")}
            if result.created:
                values["sheets"] = rule_set.sheets.count()
                messages.success(
                    request,
                    _("Loaded %(identifier)s (valid from %(valid_from)s) with %(sheets)s scoring sheets.") % values,
                )
                return redirect("backoffice:rule_set_list")
            problems = [_("%(identifier)s is already loaded with the same content; nothing changed.") % values]
    return render(
        request,
        "evaluation/rule_set_load.html",
        {"form": form, "problems": problems, "breadcrumbs": _crumbs((_("Load a rule set"), None))},
    )
