"""The regions app's part of the sitemap (see `core.sitemaps`)."""

from core.sitemaps import BilingualSitemap, register_pages, register_section

from .models import Region


class RegionSitemap(BilingualSitemap):
    changefreq = "monthly"
    content_apps = ("regions",)

    def items(self):
        return Region.objects.order_by("pk")


register_section("regions", RegionSitemap, position=20)
register_pages("regions:list", position=30)
register_pages("about:page", position=75)
