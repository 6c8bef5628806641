"""The delegations app's kind of the site search (see `core.search`): public delegation visits."""

from django.utils.translation import gettext_lazy as _

from core.search import SearchKind, register
from core.textsearch import both

from .models import DelegationVisit

register(
    SearchKind(
        key="delegations",
        label=_("Delegation visits"),
        model=DelegationVisit,
        queryset=lambda: DelegationVisit.objects.public(),
        title_field="title",
        similarity_fields=both("title"),
        fields=[*both("title", "A"), *both("topics", "B"), *both("summary", "B")],
        snippet_fields=["summary", "topics"],
    ),
    position=35,
)
