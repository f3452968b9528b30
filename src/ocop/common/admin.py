from django.contrib import admin

from ocop.common.models import ActivityLog


class ReadOnlyAdmin(admin.ModelAdmin):
    """Admin pages that show records but never write them: writes go through the domain functions."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ActivityLog)
class ActivityLogAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "actor_name", "verb", "target_repr"]
    list_filter = ["verb"]
    search_fields = ["actor_name", "verb", "target_repr"]
