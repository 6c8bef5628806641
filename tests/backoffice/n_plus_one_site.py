"""A test-only admin with a deliberate N+1, to show the changelist check catches it."""

from django.contrib import admin
from django.urls import path

from cluster_portal import urls as portal_urls
from events.models import Event

site = admin.AdminSite(name="n_plus_one")


@admin.register(Event, site=site)
class CarelessEventAdmin(admin.ModelAdmin):
    list_display = ["title", "region_name"]

    @admin.display(description="region")
    def region_name(self, event):
        return event.region.name if event.region_id else ""


urlpatterns = [path("careless-admin/", site.urls), *portal_urls.urlpatterns]
