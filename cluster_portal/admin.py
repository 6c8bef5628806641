from django.contrib import admin

from .models import LegalPage


@admin.register(LegalPage)
class LegalPageAdmin(admin.ModelAdmin):
    list_display = ["kind", "version", "title", "published_at", "updated_at"]
    list_filter = ["kind"]
    search_fields = ["title", "body"]
