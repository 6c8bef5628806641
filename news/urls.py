from django.urls import path

from . import feeds, views

app_name = "news"

urlpatterns = [
    path("", views.news_list, name="list"),
    path("feed/rss/", feeds.NewsRssFeed(), name="feed_rss"),
    path("feed/atom/", feeds.NewsAtomFeed(), name="feed_atom"),
    path("<slug:slug>/", views.news_detail, name="detail"),
]
