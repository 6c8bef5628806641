"""The cooperations app's kind of the site search (see `core.search`)."""

from django.utils.translation import gettext_lazy as _

from core.search import SearchKind, both, register

from .models import Cooperation

register(
    SearchKind(
        key="cooperations",
        label=_("Cooperations"),
        model=Cooperation,
        queryset=lambda: Cooperation.objects.all(),
        title_field="title",
        similarity_fields=both("title"),
        fields=[*both("title", "A"), *both("summary", "B"), *both("description", "C")],
        snippet_fields=["summary", "description"],
    ),
    position=30,
)
