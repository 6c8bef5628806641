"""The working groups' part of the sitemap (see `core.sitemaps`): their list and a section of
the published groups' pages."""

from core.sitemaps import BilingualSitemap, register_pages, register_section

from .models import WorkingGroup


class WorkingGroupSitemap(BilingualSitemap):
    changefreq = "monthly"
    content_apps = ("groups",)
    lastmod_expression = "updated_at"

    def items(self):
        return WorkingGroup.objects.published().order_by("pk")

    def lastmod(self, group):
        return group.updated_at


register_section("groups", WorkingGroupSitemap, position=65)
register_pages("groups:list", position=55)
