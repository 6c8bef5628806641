"""The news app's kind of the site search (see `core.search`)."""

from django.utils.translation import gettext_lazy as _

from core.search import SearchKind, register
from core.textsearch import both

from .models import NEWS_SITE_SEARCH_FIELDS, NewsItem

register(
    SearchKind(
        key="news",
        label=_("News"),
        model=NewsItem,
        queryset=lambda: NewsItem.objects.published(),
        title_field="title",
        vector_field="site_search_vector",
        similarity_fields=both("title"),
        fields=NEWS_SITE_SEARCH_FIELDS,
        snippet_fields=["teaser", "body"],
    ),
    position=50,
)
