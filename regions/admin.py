from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from backoffice.mixins import BackOfficeAdminMixin

from .models import FederalState, KeyFigure, Region, RegionBody, RegionContact


class StateListFilter(admin.SimpleListFilter):
    """Regions lying (wholly or partly) in a federal state; `states` is an array column."""

    title = _("federal state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        used = set()
        for states in model_admin.get_queryset(request).values_list("states", flat=True):
            used.update(states)
        return [(code, label) for code, label in FederalState.choices if code in used]

    def queryset(self, request, queryset):
        if self.value() in FederalState.values:
            return queryset.filter(states__contains=[self.value()])
        return queryset


class KeyFigureInline(TranslationTabularInline):
    model = KeyFigure
    extra = 0
    fields = ["position", "label", "qualifier", "value", "unit", "year", "source"]


class RegionContactInline(TranslationTabularInline):
    model = RegionContact
    extra = 0
    fields = ["position", "name", "role", "organisation", "phone", "fax", "email", "is_public"]


class RegionBodyInline(TranslationTabularInline):
    model = RegionBody
    extra = 0
    fields = ["position", "name", "role", "organisation", "website"]
    autocomplete_fields = ["organisation"]


@admin.register(Region)
class RegionAdmin(BackOfficeAdminMixin, TranslationAdmin):
    # A regional manager sees (and picks in autocompletes) only their regions.
    region_field = "id"
    list_display = ["name", "kind", "parent", "state_list", "managing_body"]
    list_filter = ["kind", StateListFilter]
    list_select_related = ["parent"]
    search_fields = ["name", "slug", "summary_de", "summary_en", "managing_body", "contacts__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent", "picture"]
    inlines = [RegionBodyInline, RegionContactInline, KeyFigureInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "parent", "states"]}),
        (
            _("Texts"),
            {
                "fields": [
                    "summary",
                    "description",
                    "managing_body",
                    "website",
                    "picture",
                ]
            },
        ),
        (
            _("Map"),
            {
                "fields": ["latitude", "longitude"],
                "description": _("Where the region's marker sits on the map, in degrees (WGS 84)."),
            },
        ),
    ]

    @admin.display(description=_("federal states"))
    def state_list(self, region):
        return ", ".join(region.state_names)
