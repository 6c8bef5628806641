"""A test-only admin site: the export mixin on events and on a model scoped through a path."""

from django.contrib import admin
from django.urls import path

from backoffice.mixins import ExportAdminMixin, RegionScopedAdminMixin
from cluster_portal import urls as portal_urls
from cooperations.models import CooperationPartner
from events.models import Event

site = admin.AdminSite(name="export_test")


@admin.register(Event, site=site)
class EventExportAdmin(ExportAdminMixin, RegionScopedAdminMixin, admin.ModelAdmin):
    list_filter = ["kind"]


@admin.register(CooperationPartner, site=site)
class PartnerExportAdmin(ExportAdminMixin, RegionScopedAdminMixin, admin.ModelAdmin):
    region_field = "organisation__region"
    autocomplete_fields = []


# The portal's own URLs too: its error pages link to the home page.
urlpatterns = [path("export-admin/", site.urls), *portal_urls.urlpatterns]
