"""The working groups' kind of the site search (see `core.search`)."""

from django.utils.translation import gettext_lazy as _

from core.search import SearchKind, register
from core.textsearch import both

from .models import WorkingGroup

register(
    SearchKind(
        key="groups",
        label=_("Working groups"),
        model=WorkingGroup,
        queryset=lambda: WorkingGroup.objects.published(),
        title_field="name",
        similarity_fields=both("name"),
        fields=[*both("name", "A"), *both("topic", "B"), *both("description", "C")],
        snippet_fields=["topic", "description"],
    ),
    position=45,
)
