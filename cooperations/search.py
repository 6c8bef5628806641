"""The cooperations app's kind of the site search (see `core.search`)."""

from django.utils.translation import gettext_lazy as _

from core.search import SearchKind, register
from core.textsearch import both

from .models import COOPERATION_SITE_SEARCH_FIELDS, Cooperation

register(
    SearchKind(
        key="cooperations",
        label=_("Cooperations"),
        model=Cooperation,
        queryset=lambda: Cooperation.objects.all(),
        title_field="title",
        vector_field="site_search_vector",
        similarity_fields=both("title"),
        fields=COOPERATION_SITE_SEARCH_FIELDS,
        snippet_fields=["summary", "description"],
    ),
    position=30,
)
