"""The news app's part of the sitemap (see `core.sitemaps`)."""

from django.db.models.functions import Greatest

from core.sitemaps import BilingualSitemap, register_pages, register_section

from .models import NewsItem


class NewsSitemap(BilingualSitemap):
    changefreq = "weekly"
    content_apps = ("news",)
    per = "minute"  # scheduled items appear at their time
    lastmod_expression = Greatest("updated_at", "published_at")

    def items(self):
        return NewsItem.objects.published().order_by("pk")

    def lastmod(self, item):
        return max(item.updated_at, item.published_at)


register_section("news", NewsSitemap, position=70)
register_pages("news:list", position=60)
