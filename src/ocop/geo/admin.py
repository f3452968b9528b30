from django.contrib import admin

from ocop.common.admin import ReadOnlyAdmin
from ocop.geo.models import AdministrativeUnit, UnitSuccession


@admin.register(AdministrativeUnit)
class AdministrativeUnitAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "level", "era", "parent", "valid_from", "valid_to"]
    list_filter = ["era", "level"]
    search_fields = ["code", "name", "search_name"]


@admin.register(UnitSuccession)
class UnitSuccessionAdmin(ReadOnlyAdmin):
    list_display = ["predecessor", "successor", "partial", "effective_on"]
    search_fields = ["predecessor__name", "successor__name"]
