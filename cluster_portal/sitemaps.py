"""sitemap.xml: every public page in German and English with hreflang alternates."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from cluster_portal.site_urls import portal_host, portal_scheme
from cooperations.models import Cooperation
from events.models import Event
from members.models import Organisation
from news.models import NewsItem
from regions.models import Region


class BilingualSitemap(Sitemap):
    """Locations on the portal's configured address, not on the Host the crawler sent."""

    i18n = True
    alternates = True
    x_default = True

    def get_protocol(self, protocol=None):
        return portal_scheme()

    def get_domain(self, site=None):
        return portal_host()


class StaticPagesSitemap(BilingualSitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return [
            "home",
            "members:list",
            "regions:list",
            "events:list",
            "cooperations:list",
            "news:list",
            "imprint",
            "privacy",
        ]

    def location(self, item):
        return reverse(item)


class RegionSitemap(BilingualSitemap):
    changefreq = "monthly"

    def items(self):
        return Region.objects.order_by("pk")


class OrganisationSitemap(BilingualSitemap):
    changefreq = "monthly"

    def items(self):
        return Organisation.objects.members().order_by("pk")

    def lastmod(self, organisation):
        return organisation.updated_at


class EventSitemap(BilingualSitemap):
    changefreq = "weekly"

    def items(self):
        return Event.objects.published().order_by("pk")


class CooperationSitemap(BilingualSitemap):
    changefreq = "monthly"

    def items(self):
        return Cooperation.objects.order_by("pk")


class NewsSitemap(BilingualSitemap):
    changefreq = "weekly"

    def items(self):
        return NewsItem.objects.published().order_by("pk")

    def lastmod(self, item):
        return max(item.updated_at, item.published_at)


SITEMAPS = {
    "pages": StaticPagesSitemap,
    "regions": RegionSitemap,
    "organisations": OrganisationSitemap,
    "events": EventSitemap,
    "cooperations": CooperationSitemap,
    "news": NewsSitemap,
}
