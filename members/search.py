"""The directory's full-text search: a stored, weighted German search vector per organisation.

The vector combines the name (weight A), the innovation field names (B) and the description
(C). It cannot be a generated column because the innovation fields live in another table, so
`update_search_vectors` recomputes it in one UPDATE; signals call it whenever one of its
sources changes. It also adds the organisation's words to the spelling lexicon
(`core.lexicon`), from which `spelling()` corrects misspelt query words before the
full-text search runs.
"""

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramWordSimilarity,
)
from django.db.models import (
    F,
    FloatField,
    Func,
    OuterRef,
    Q,
    StringAgg,
    Subquery,
    TextField,
    Value,
)
from django.db.models.functions import Coalesce, Greatest
from django.utils.translation import gettext_lazy as _

from core import lexicon
from core import search as site_search
from core.textsearch import ILike, both
from core.textsearch import contains_pattern as _contains_pattern

from .models import Organisation

CONFIG = "german"
# The members' words in the spelling lexicon (the site-wide search's kind of the same name).
LEXICON_KIND = "organisations"
# Word similarity of a misspelt name ("Fraunhover") to the closest word of the real one: the
# portal's one threshold (settings.SEARCH_SIMILARITY_THRESHOLD, see core.search).
NAME_SIMILARITY_THRESHOLD = site_search.similarity_threshold()


def _innovation_field_names():
    """The names of an organisation's innovation fields, separated by spaces ('' for none)."""
    from .models import InnovationField

    field_names = (
        InnovationField.organisations.through.objects.filter(organisation_id=OuterRef("pk"))
        .values("organisation_id")
        .annotate(names=StringAgg("innovationfield__name", delimiter=Value(" ")))
        .values("names")
    )
    return Coalesce(Subquery(field_names), Value(""), output_field=TextField())


def organisation_search_text():
    """All the text the search vector is made of, as one text: the spelling lexicon's source
    (core.lexicon), kept here beside the vector so that the two stay in step."""
    return Func(
        Value(" "),
        F("name"),
        _innovation_field_names(),
        F("description_de"),
        F("description_en"),
        function="CONCAT_WS",
        output_field=TextField(),
    )


def update_search_vectors(organisation_ids) -> None:
    """Recompute the stored vectors of these organisations and add their words to the spelling
    lexicon (members only; see `core.lexicon`)."""
    from .models import Organisation

    organisation_ids = list(organisation_ids)
    Organisation.objects.filter(pk__in=organisation_ids).update(
        search_vector=SearchVector("name", weight="A", config=CONFIG)
        + SearchVector(_innovation_field_names(), weight="B", config=CONFIG)
        # Both language columns by name: modeltranslation would rewrite "description" to the
        # active language's column alone.
        + SearchVector("description_de", "description_en", weight="C", config=CONFIG)
    )
    lexicon.add_words(LEXICON_KIND, organisation_ids)


def normalise(text: str) -> str:
    return " ".join((text or "").split())[:200]


def spelling(text: str, using: str = "default") -> lexicon.Spelling:
    """`text` with its misspelt words corrected from the members' words, in one query that, in
    a `core.search.similarity_scope()`, also sets the similarity threshold for the search."""
    return lexicon.correct(
        normalise(text),
        [LEXICON_KIND],
        using=using,
        local_settings=site_search.threshold_setting(using),
    )


def search(queryset, text: str, corrected: lexicon.Spelling | None = None):
    """Organisations matching `text` by full text or by a similar name, with a `relevance`.

    The full text is searched for the words as typed or as corrected (`spelling()`; pass its
    result as `corrected` when the caller shows it, so that it is looked up once), the names
    for the corrected words: a misspelt word of a name, a description or an innovation field
    finds what the right word finds. Both
    halves of the condition are index conditions: the stored vector's GIN index and the
    name's trigram GIN index (`name %> text`, i.e. word_similarity(text, name) at least the
    threshold), so PostgreSQL can combine two bitmap index scans instead of computing the
    similarity for every organisation. The queryset sets the threshold for the transaction it
    is evaluated in (core.search.with_similarity_threshold).
    """
    text = normalise(text)
    if not text:
        return queryset
    if corrected is None or corrected.text != text:
        corrected = spelling(text, using=queryset.db)
    query = SearchQuery(text, config=CONFIG, search_type="websearch")
    if corrected.changed:
        # Or'ed, not instead: a word the lexicon has not seen yet still finds itself.
        query = query | SearchQuery(corrected.corrected, config=CONFIG, search_type="websearch")
    # Names by the corrected text alone: every word of a member's name is in the lexicon, so a
    # corrected word was not one, and a second similarity condition would double the cost.
    name_text = corrected.corrected
    return (
        site_search.with_similarity_threshold(queryset)
        .filter(Q(search_vector=query) | Q(name__trigram_word_similar=name_text))
        .annotate(
            relevance=Greatest(
                Coalesce(
                    SearchRank(F("search_vector"), query), Value(0.0), output_field=FloatField()
                ),
                TrigramWordSimilarity(Value(name_text), "name"),
                output_field=FloatField(),
            )
        )
    )


def search_all(queryset, text: str):
    """The back office's search of every organisation, whatever its status.

    The directory's search plus a substring of the name: the German full-text parser reads
    "saar.is" or "LZG.NRW" as host names, so neither their parts nor the whole find the
    organisation by its vector, and their words are too short for a word similarity. Every
    condition is served by an index of all organisations (`organisation_search`,
    `organisation_name_trgm`): the members-only indexes of the directory cannot serve a list
    that also shows applicants and former members.
    """
    text = " ".join(text.split())[:200]
    if not text:
        return queryset
    query = SearchQuery(text, config=CONFIG, search_type="websearch")
    return site_search.with_similarity_threshold(queryset).filter(
        Q(search_vector=query)
        | Q(name__trigram_word_similar=text)
        | ILike(F("name"), Value(_contains_pattern(text)))
    )


# The members' kind of the site search (see `core.search`): the directory's stored vector.
site_search.register(
    site_search.SearchKind(
        key="organisations",
        label=_("Members"),
        model=Organisation,
        queryset=lambda: Organisation.objects.members(),
        title_field="name",
        vector_field="search_vector",
        fields=[("name", "A"), ("city", "B"), *both("description", "C")],
        lexicon_text=organisation_search_text,
        lexicon_on_save=False,
        snippet_fields=["description", "city"],
    ),
    position=10,
)
