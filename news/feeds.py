from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from core.site_urls import absolute_url
from core.structured_data import site_name

from .models import NewsItem

FEED_LENGTH = 20


class NewsRssFeed(Feed):
    """Every link in the feed is on the portal's address, whichever host the reader asked."""

    url_name = "news:feed_rss"
    title = _("Health economy network: news")
    description = _("News, press releases and technical articles from the health-economy clusters.")

    def link(self):
        return absolute_url(reverse("news:list"))

    def feed_url(self):
        return absolute_url(reverse(self.url_name))

    def item_link(self, item):
        return absolute_url(item.get_absolute_url())

    def items(self):
        return NewsItem.objects.published()[:FEED_LENGTH]

    # Atom requires an author for the feed and each entry (RFC 4287, 4.1.1 and 4.1.2): the
    # network publishes every item.
    def author_name(self):
        return site_name()

    def item_author_name(self, item):
        return site_name()

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.teaser

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.get_kind_display()]


class NewsAtomFeed(NewsRssFeed):
    url_name = "news:feed_atom"
    feed_type = Atom1Feed
    subtitle = NewsRssFeed.description
