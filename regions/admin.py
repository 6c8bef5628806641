from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from backoffice.mixins import BackOfficeAdminMixin

from .models import FederalState, KeyFigure, Region


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


@admin.register(Region)
class RegionAdmin(BackOfficeAdminMixin, TranslationAdmin):
    # A regional manager sees (and picks in autocompletes) only their regions.
    region_field = "id"
    list_display = ["name", "kind", "parent", "state_list", "managing_body", "contact_public"]
    list_filter = ["kind", StateListFilter, "contact_public"]
    list_select_related = ["parent"]
    search_fields = ["name", "slug", "summary_de", "summary_en", "managing_body", "contact_name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent", "picture"]
    inlines = [KeyFigureInline]
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
            _("Regional contact"),
            {
                "fields": [
                    "contact_name",
                    "contact_role",
                    "contact_phone",
                    "contact_email",
                    "contact_public",
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
