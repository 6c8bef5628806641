from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import feeds, views

app_name = "press"

urlpatterns = [
    path("", views.press_index, name="index"),
    path(_("releases/feed/rss/"), feeds.PressRssFeed(), name="feed_rss"),
    path(_("releases/feed/atom/"), feeds.PressAtomFeed(), name="feed_atom"),
]
