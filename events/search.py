"""The events app's kind of the site search (see `core.search`)."""

from django.utils.translation import gettext_lazy as _

from core.search import SearchKind, register
from core.textsearch import both

from .models import EVENT_SITE_SEARCH_FIELDS, Event

register(
    SearchKind(
        key="events",
        label=_("Events"),
        model=Event,
        queryset=lambda: Event.objects.published(),
        title_field="title",
        vector_field="site_search_vector",
        similarity_fields=both("title"),
        fields=EVENT_SITE_SEARCH_FIELDS,
        snippet_fields=["summary", "description", "venue_name", "city"],
    ),
    position=20,
)
