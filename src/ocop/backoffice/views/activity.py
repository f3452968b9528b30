from django.shortcuts import render
from django.utils.translation import gettext as _

from ocop.backoffice.access import paginate, require_perm
from ocop.common.models import ActivityLog


@require_perm("common.view_activity")
def activity_list(request):
    verb = request.GET.get("verb", "").strip()
    entries = ActivityLog.objects.select_related("target_type").order_by("-created_at", "-id")
    if verb:
        entries = entries.filter(verb__startswith=verb)
    return render(
        request,
        "backoffice/activity_list.html",
        {
            "page": paginate(request, entries, per_page=50),
            "verb": verb,
            "breadcrumbs": [(_("Activity log"), None)],
        },
    )
