"""The cooperations app's part of the sitemap (see `core.sitemaps`): the cooperations and the
partners' pages."""

from django.urls import reverse

from core.sitemaps import BilingualSitemap, register_pages, register_section
from members.models import Organisation

from .models import Cooperation


class PartnerSitemap(BilingualSitemap):
    """The partners' pages under the cooperations (members among them have both pages)."""

    changefreq = "monthly"
    content_apps = ("members",)
    lastmod_expression = "updated_at"

    def items(self):
        return Organisation.objects.partners().only("slug", "updated_at").order_by("pk")

    def location(self, partner):
        return reverse("cooperations:partner", kwargs={"slug": partner.slug})

    def lastmod(self, partner):
        return partner.updated_at


class CooperationSitemap(BilingualSitemap):
    changefreq = "monthly"
    content_apps = ("cooperations",)

    def items(self):
        return Cooperation.objects.only("slug").order_by("pk")


register_section("partners", PartnerSitemap, position=40)
register_section("cooperations", CooperationSitemap, position=60)
register_pages("cooperations:list", "cooperations:partners", position=50)
