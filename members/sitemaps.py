"""The members app's part of the sitemap (see `core.sitemaps`): the member profiles."""

from core.sitemaps import BilingualSitemap, register_pages, register_section

from .models import Organisation


class OrganisationSitemap(BilingualSitemap):
    changefreq = "monthly"
    content_apps = ("members",)
    lastmod_expression = "updated_at"

    def items(self):
        return Organisation.objects.members().only("slug", "updated_at").order_by("pk")

    def lastmod(self, organisation):
        return organisation.updated_at


register_section("organisations", OrganisationSitemap, position=30)
register_pages("members:list", position=20)
