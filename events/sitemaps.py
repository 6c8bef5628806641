"""The events app's part of the sitemap (see `core.sitemaps`)."""

from core.sitemaps import BilingualSitemap, register_pages, register_section

from .models import Event


class EventSitemap(BilingualSitemap):
    """Every published event, archive included; no <lastmod> (an event's date is not the date
    of its last change, and an unknown date is only a placeholder)."""

    changefreq = "weekly"
    content_apps = ("events",)

    def items(self):
        return Event.objects.published().only("slug").order_by("pk")


register_section("events", EventSitemap, position=50)
register_pages("events:list", "events:archive", position=40)
