from django.contrib import admin

from backoffice.mixins import BackOfficeAdminMixin

from .models import Event


@admin.register(Event)
class EventAdmin(BackOfficeAdminMixin, admin.ModelAdmin):
    list_display = ["title", "kind", "start", "city", "region"]
    list_filter = ["kind", "region"]
    list_select_related = ["region"]
    search_fields = ["title", "city"]
    date_hierarchy = "start"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["region", "innovation_fields"]
