from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from backoffice.mixins import AuditedAdminMixin

from .forms import CooperationAdminForm
from .models import Cooperation, CooperationPartner, Country, FundingProgramme


class CooperationPartnerInline(admin.TabularInline):
    model = CooperationPartner
    extra = 1
    autocomplete_fields = ["organisation"]
    fields = ["organisation", "role", "position"]


class CountryFilter(admin.SimpleListFilter):
    title = _("country")
    parameter_name = "country"

    def lookups(self, request, model_admin):
        return Country.choices

    def queryset(self, request, queryset):
        if self.value() in Country.values:
            return queryset.in_country(self.value())
        return queryset


class StatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [("ongoing", _("Ongoing")), ("finished", _("Finished"))]

    def queryset(self, request, queryset):
        if self.value() == "ongoing":
            return queryset.ongoing()
        if self.value() == "finished":
            return queryset.finished()
        return queryset


@admin.register(Cooperation)
class CooperationAdmin(AuditedAdminMixin, TranslationAdmin):
    form = CooperationAdminForm
    list_display = ["title", "kind", "started_on", "ended_on", "partner_names", "funding_programme"]
    list_filter = ["kind", CountryFilter, StatusFilter, "funding_programme"]
    list_select_related = ["funding_programme"]
    date_hierarchy = "started_on"
    search_fields = [
        "title_de",
        "title_en",
        "summary_de",
        "summary_en",
        "description_de",
        "description_en",
        "partners__name",
    ]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["events", "innovation_fields", "funding_programme"]
    inlines = [CooperationPartnerInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "summary"]}),
        (_("Period and reach"), {"fields": ["started_on", "ended_on", "countries"]}),
        (_("Content"), {"fields": ["goals", "description", "outcomes"]}),
        (_("Links"), {"fields": ["funding_programme", "innovation_fields", "events"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_partners()

    @admin.display(description=_("partners"))
    def partner_names(self, obj):
        return ", ".join(role.organisation.name for role in obj.partner_roles.all())


@admin.register(FundingProgramme)
class FundingProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "funder"]
    search_fields = ["name", "funder"]
