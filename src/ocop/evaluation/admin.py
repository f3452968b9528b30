from django.contrib import admin

from ocop.common.admin import ReadOnlyAdmin
from ocop.evaluation.models import CriteriaSheet, RuleSet


@admin.register(RuleSet)
class RuleSetAdmin(ReadOnlyAdmin):
    list_display = ["identifier", "title", "valid_from", "valid_to", "loaded_at", "loaded_by"]
    search_fields = ["identifier", "title"]


@admin.register(CriteriaSheet)
class CriteriaSheetAdmin(ReadOnlyAdmin):
    list_display = ["rule_set", "no", "title"]
    list_filter = ["rule_set"]
