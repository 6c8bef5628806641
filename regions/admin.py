from django.contrib import admin

from .models import KeyFigure, Region


class KeyFigureInline(admin.TabularInline):
    model = KeyFigure
    extra = 0


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["name", "managing_body"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    inlines = [KeyFigureInline]
