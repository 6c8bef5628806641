"""The regions app's kind of the site search (see `core.search`)."""

from django.utils.translation import gettext_lazy as _

from core.search import SearchKind, register
from core.textsearch import both

from .models import Region

register(
    SearchKind(
        key="regions",
        label=_("Regions"),
        model=Region,
        queryset=lambda: Region.objects.all(),
        title_field="name",
        fields=[
            ("name", "A"),
            *both("summary", "B"),
            ("managing_body", "B"),
            *both("description", "C"),
        ],
        snippet_fields=["summary", "description"],
    ),
    position=40,
)
