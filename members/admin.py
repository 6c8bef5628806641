from django.contrib import admin

from backoffice.mixins import BackOfficeAdminMixin, OrganisationImportExportMixin

from .models import InnovationField, Organisation, Sector


@admin.register(InnovationField)
class InnovationFieldAdmin(admin.ModelAdmin):
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ["name", "position"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Organisation)
class OrganisationAdmin(OrganisationImportExportMixin, BackOfficeAdminMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "status", "region", "city"]
    list_filter = ["status", "kind", "is_partner", "region"]
    list_select_related = ["region"]
    search_fields = ["name", "city"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["region", "innovation_fields"]
    filter_horizontal = ["sectors"]
