from django.shortcuts import render
from django.utils.translation import gettext as _

from ocop.accounts.domain.queries import visible_activity
from ocop.backoffice.access import paginate, require_perm
from ocop.backoffice.activity import VERB_LABELS
from ocop.common.text import vi_sort_key


@require_perm("common.view_activity")
def activity_list(request):
    verb = request.GET.get("verb", "").strip()
    entries = visible_activity(request.user).select_related("target_type", "actor").order_by("-created_at", "-id")
    if verb:
        entries = entries.filter(verb__startswith=verb)
    return render(
        request,
        "backoffice/activity_list.html",
        {
            "page": paginate(request, entries, per_page=50),
            "verb": verb,
            "verbs": sorted(
                ((code, str(label)) for code, label in VERB_LABELS.items()), key=lambda v: vi_sort_key(v[1])
            ),
            "breadcrumbs": [(_("Activity log"), None)],
        },
    )
