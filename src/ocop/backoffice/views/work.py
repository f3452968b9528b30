"""The user's own work: tasks waiting for them, notifications, evaluation rounds, a product's OCOP cycle."""

from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ocop.backoffice.access import paginate, require_perm
from ocop.backoffice.forms import act_and_return
from ocop.common.domain.notifications import mark_read
from ocop.dossiers.domain.drafting import record_milestone
from ocop.dossiers.domain.queries import tasks_for, visible_dossiers
from ocop.dossiers.interfaces.forms import MilestoneForm
from ocop.dossiers.models import Round
from ocop.producers.domain.queries import visible_products


@require_perm("backoffice.access")
def my_tasks(request):
    return render(
        request,
        "backoffice/my_tasks.html",
        {
            "tasks": tasks_for(request.user),
            "breadcrumbs": [(_("My tasks"), None)],
        },
    )


@require_perm("backoffice.access")
def notification_list(request):
    notifications = request.user.notifications.all()
    return render(
        request,
        "backoffice/notification_list.html",
        {
            "page": paginate(request, notifications),
            "breadcrumbs": [(_("Notifications"), None)],
        },
    )


@require_POST
@require_perm("backoffice.access")
def notifications_read(request):
    mark_read(user=request.user)
    return redirect("backoffice:notification_list")


def _visible_rounds(request):
    dossiers = visible_dossiers(request.user).filter(round__isnull=False)
    return Round.objects.filter(pk__in=dossiers.values("round_id"))


@require_perm("dossiers.view_rounds")
def round_list(request):
    rounds = _visible_rounds(request).select_related("unit").annotate(dossier_count=Count("dossiers"))
    return render(
        request,
        "backoffice/round_list.html",
        {
            "page": paginate(request, rounds.order_by("-cutoff", "pk")),
            "breadcrumbs": [(_("Evaluation rounds"), None)],
        },
    )


def _load_round(request, pk):
    return get_object_or_404(_visible_rounds(request).select_related("unit"), pk=pk)


@require_perm("dossiers.view_rounds", load_object=_load_round)
def round_detail(request, pk, obj):
    dossiers = visible_dossiers(request.user).filter(round=obj).select_related("product", "producer", "commune")
    return render(
        request,
        "backoffice/round_detail.html",
        {
            "round": obj,
            "dossiers": dossiers.order_by("receipt_number"),
            "breadcrumbs": [(_("Evaluation rounds"), reverse("backoffice:round_list")), (str(obj), None)],
        },
    )


def _load_product(request, pk):
    return get_object_or_404(visible_products(request.user), pk=pk)


@require_POST
@require_perm("dossiers.record_milestone", load_object=_load_product)
def product_milestone(request, pk, obj):
    return act_and_return(
        request,
        MilestoneForm(request.POST, request.FILES),
        lambda data: record_milestone(actor=request.user, product=obj, **data),
        _("Cycle step recorded."),
        reverse("backoffice:product_detail", args=[obj.pk]),
    )
