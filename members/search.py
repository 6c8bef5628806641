"""The directory's full-text search: a stored, weighted German search vector per organisation.

The vector combines the name (weight A), the innovation field names (B) and the description
(C). It cannot be a generated column because the innovation fields live in another table, so
`update_search_vectors` recomputes it in one UPDATE; signals call it whenever one of its
sources changes.
"""

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramWordSimilarity,
)
from django.db.models import F, FloatField, OuterRef, Q, StringAgg, Subquery, TextField, Value
from django.db.models.functions import Coalesce, Greatest

CONFIG = "german"
# Word similarity of a misspelt name ("Fraunhover") to the closest word of the real one.
NAME_SIMILARITY_THRESHOLD = 0.45


def update_search_vectors(organisation_ids) -> None:
    from .models import InnovationField, Organisation

    field_names = (
        InnovationField.organisations.through.objects.filter(organisation_id=OuterRef("pk"))
        .values("organisation_id")
        .annotate(names=StringAgg("innovationfield__name", delimiter=Value(" ")))
        .values("names")
    )
    Organisation.objects.filter(pk__in=list(organisation_ids)).update(
        search_vector=SearchVector("name", weight="A", config=CONFIG)
        + SearchVector(
            Coalesce(Subquery(field_names), Value(""), output_field=TextField()),
            weight="B",
            config=CONFIG,
        )
        # Both language columns by name: modeltranslation would rewrite "description" to the
        # active language's column alone.
        + SearchVector("description_de", "description_en", weight="C", config=CONFIG)
    )


def search(queryset, text: str):
    """Organisations matching `text` by full text or by a similar name, with a `relevance`."""
    text = " ".join(text.split())[:200]
    if not text:
        return queryset
    query = SearchQuery(text, config=CONFIG, search_type="websearch")
    return (
        queryset.annotate(
            text_rank=SearchRank(F("search_vector"), query),
            name_similarity=TrigramWordSimilarity(Value(text), "name"),
        )
        .filter(Q(search_vector=query) | Q(name_similarity__gte=NAME_SIMILARITY_THRESHOLD))
        .annotate(
            relevance=Greatest(
                Coalesce("text_rank", Value(0.0), output_field=FloatField()),
                F("name_similarity"),
                output_field=FloatField(),
            )
        )
    )
