"""The press releases as a feed of their own (RSS and Atom), like the news feed."""

from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from core.site_urls import absolute_url
from news.feeds import FEED_LENGTH, NewsRssFeed
from news.models import NewsItem


class PressRssFeed(NewsRssFeed):
    url_name = "press:feed_rss"
    title = _("Health economy network: press releases")
    description = _("Press releases of the health-economy clusters, newest first.")

    def link(self):
        return absolute_url(reverse("press:index"))

    def items(self):
        return NewsItem.objects.published().filter(kind=NewsItem.Kind.PRESS_RELEASE)[:FEED_LENGTH]


class PressAtomFeed(PressRssFeed):
    url_name = "press:feed_atom"
    feed_type = Atom1Feed
    subtitle = PressRssFeed.description
