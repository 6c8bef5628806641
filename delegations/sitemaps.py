"""The delegations app's part of the sitemap (see `core.sitemaps`): the list and each public
delegation visit."""

from core.sitemaps import BilingualSitemap, register_pages, register_section

from .models import DelegationVisit


class DelegationVisitSitemap(BilingualSitemap):
    changefreq = "monthly"
    content_apps = ("delegations",)
    lastmod_expression = "updated_at"

    def items(self):
        return DelegationVisit.objects.public().only("slug", "updated_at").order_by("pk")

    def lastmod(self, visit):
        return visit.updated_at


register_section("delegations", DelegationVisitSitemap, position=65)
register_pages("delegations:list", position=55)
