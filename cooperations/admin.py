from django.contrib import admin

from .models import Cooperation


@admin.register(Cooperation)
class CooperationAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "started_on", "ended_on"]
    list_filter = ["kind"]
    search_fields = ["title"]
    prepopulated_fields = {"slug": ["title"]}
