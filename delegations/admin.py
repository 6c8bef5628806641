from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from backoffice.mixins import BackOfficeAdminMixin

from .models import DelegationVisit, ProgrammeItem


class ProgrammeItemInline(TranslationTabularInline):
    model = ProgrammeItem
    extra = 0
    autocomplete_fields = ["organisation"]
    fields = ["start", "end", "title", "place", "organisation"]


@admin.register(DelegationVisit)
class DelegationVisitAdmin(BackOfficeAdminMixin, TranslationAdmin):
    list_display = ["title", "country", "size", "start_date", "end_date", "region", "is_public"]
    list_filter = ["country", "region", "is_public"]
    list_select_related = ["region"]
    search_fields = ["title_de", "title_en", "topics_de", "topics_en", "hosts__name"]
    date_hierarchy = "start_date"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = [
        "region",
        "hosts",
        "visited_organisations",
        "cooperations",
        "innovation_fields",
    ]
    inlines = [ProgrammeItemInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "is_public", "summary"]}),
        (
            _("Delegation"),
            {"fields": ["country", "size", "topics", "start_date", "end_date", "description"]},
        ),
        (
            _("Hosts and links"),
            {
                "fields": [
                    "region",
                    "hosts",
                    "visited_organisations",
                    "cooperations",
                    "innovation_fields",
                ]
            },
        ),
    ]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        # Regional managers do not work on cooperations: they see the links, the network
        # management sets them.
        if not request.user.has_perm("cooperations.view_cooperation"):
            readonly.append("cooperations")
        return readonly
