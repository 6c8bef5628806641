"""The events app's kind of the site search (see `core.search`)."""

from django.utils.translation import gettext_lazy as _

from core.search import SearchKind, both, register

from .models import Event

register(
    SearchKind(
        key="events",
        label=_("Events"),
        model=Event,
        queryset=lambda: Event.objects.published(),
        title_field="title",
        similarity_fields=both("title"),
        fields=[
            *both("title", "A"),
            *both("summary", "B"),
            ("city", "B"),
            *both("description", "C"),
        ],
        snippet_fields=["summary", "description", "venue_name", "city"],
    ),
    position=20,
)
