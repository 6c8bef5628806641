"""The news app's kind of the site search (see `core.search`)."""

from django.utils.translation import gettext_lazy as _

from core.search import SearchKind, both, register

from .models import NewsItem

register(
    SearchKind(
        key="news",
        label=_("News"),
        model=NewsItem,
        queryset=lambda: NewsItem.objects.published(),
        title_field="title",
        similarity_fields=both("title"),
        fields=[*both("title", "A"), *both("teaser", "B"), *both("body", "C")],
        snippet_fields=["teaser", "body"],
    ),
    position=50,
)
