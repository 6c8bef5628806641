"""Site-wide search: one registry of searchable kinds, each a queryset, fields and a URL.

Each app declares its kinds in its `search.py` (`register(SearchKind(...), position=…)`, see
`core.portal`); the search page lists the groups in that order. A kind names its `model`, and
its `queryset` is a callable: no queryset may be built while the apps load.

Every kind is searched by PostgreSQL full-text search with the German configuration (so
"Kongresse" finds "Kongress") and, for typos, by trigram word similarity on its title
("Fraunhover" finds "Fraunhofer"). Misspelt words anywhere in the texts are corrected first,
once for all kinds, from the words that occur in them (`correct_spelling()`, see
`core.lexicon`): "Exoskelete" searches for "Exoskelette" as well. A kind with many rows
keeps its vector stored and indexed (`vector_field`: the members' maintained column, or a
column PostgreSQL generates from `weighted_vector(fields)` for events, news and
cooperations), so that matching and ranking read it instead of computing every row's vector;
the small kinds compute theirs on the fly.

**Similarity on the indexes.** Both conditions of a search are index conditions where the
kind has the indexes (the members: the stored vector's GIN index and the name's trigram GIN
index, combined as a bitmap OR): the title is compared with `title %> text`, which the trigram
index serves, rather than by computing the similarity of every row. That operator compares
with PostgreSQL's setting `pg_trgm.word_similarity_threshold`, so the portal's one threshold
(`settings.SEARCH_SIMILARITY_THRESHOLD`) is set for the transaction the search runs in alone
(`set_config(..., true)`, i.e. SET LOCAL), never for the session: behind a connection pooler a
session setting could end up on another client's connection or be lost. A queryset that uses
the operator comes from `with_similarity_threshold()` and sets it whenever it is evaluated;
a view that evaluates several of them opens one `similarity_scope()` so that it is set once.
"""

import re
import unicodedata
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    TrigramWordSimilarity,
)
from django.db import connection, connections, transaction
from django.db.models import (
    Case,
    CharField,
    Count,
    Expression,
    F,
    Func,
    Model,
    Q,
    QuerySet,
    TextField,
    Value,
    When,
    Window,
)
from django.db.models.functions import Greatest, NullIf
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname, resolution_order

from core import lexicon
from core.portal import Registry
from core.templatetags.content import shown_language
from core.textsearch import SEARCH_CONFIG, weighted_vector

CONFIG = SEARCH_CONFIG
MAX_QUERY_LENGTH = 200
THRESHOLD_SETTING = "pg_trgm.word_similarity_threshold"
# Markers ts_headline puts around matches; control characters never survive clean_query()
# and are stripped from stored text before it reaches the headline.
_START, _STOP = "\x02", "\x03"
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class SearchKind:
    key: str
    label: str
    # Named apart from the queryset: building a filtered queryset while the apps load would
    # compile its columns before django-simple-history copies the model's fields.
    model: type[Model]
    queryset: Callable[[], QuerySet]
    title_field: str
    # (field, weight) pairs for the computed vector; ignored when vector_field is set.
    fields: list[tuple[str, str]]
    # Base names; a translated field is read in one language per hit (snippet_source()).
    snippet_fields: list[str]
    url: Callable[[object], str] = field(default=lambda obj: obj.get_absolute_url())
    vector_field: str | None = None
    # Columns compared by trigram similarity; the title field when not given.
    similarity_fields: list[str] | None = None
    # One object's searchable text for the spelling lexicon (core.lexicon): the
    # columns of `fields` when not given; a kind with a stored vector names that vector's text.
    lexicon_text: Callable[[], Expression] | None = None
    # Whether a post_save of the kind's model adds the object's words to the lexicon; False
    # where the app does it itself (members: with the stored vector, which also follows the
    # innovation fields).
    lexicon_on_save: bool = True

    @property
    def app_label(self) -> str:
        return self.model._meta.app_label

    def lexicon_texts(self) -> QuerySet:
        """The searchable text of each published object, one column."""
        if self.lexicon_text is not None:
            text = self.lexicon_text()
        else:
            columns = [F(name) for name, _weight in self.fields]
            text = Func(Value(" "), *columns, function="CONCAT_WS", output_field=TextField())
        return self.queryset().order_by().annotate(lexicon_text=text).values_list("lexicon_text")

    def similarity(self, text: str):
        names = self.similarity_fields or [self.title_field]
        scores = [TrigramWordSimilarity(text, name) for name in names]
        # GREATEST ignores the NULL of an untranslated column.
        return scores[0] if len(scores) == 1 else Greatest(*scores)

    def vector(self):
        if self.vector_field:
            return F(self.vector_field)
        # The expression a model's GIN index holds, where it has one (core.textsearch).
        return weighted_vector(self.fields)

    def _snippet_parts(self, language: str, translated: set[str]) -> list:
        names = [
            build_localized_fieldname(name, language) if name in translated else name
            for name in self.snippet_fields
        ]
        # NULLIF turns empty fields into NULL, which CONCAT_WS skips: no stray separators.
        return [NullIf(F(name), Value("")) for name in names]

    def snippet_source(self, languages: list[str]) -> tuple:
        """(text, language): the snippet from one language's columns, never two mixed.

        The page's language where any of its translated snippet columns holds text, else the
        first fallback language that does (modeltranslation's order), so that an English page
        shows a German-only text in German, marked as such.
        """
        model = self.model
        translated = {name for name in self.snippet_fields if name in translation_fields(model)}
        if not translated:
            text = Func(
                Value(" … "),
                *self._snippet_parts(languages[0], translated),
                function="CONCAT_WS",
                output_field=TextField(),
            )
            return text, Value(languages[0])
        whens_text, whens_lang = [], []
        for language in languages:
            written = Q()
            for name in translated:
                column = build_localized_fieldname(name, language)
                written |= Q(**{f"{column}__gt": ""})
            parts = self._snippet_parts(language, translated)
            text = Func(Value(" … "), *parts, function="CONCAT_WS", output_field=TextField())
            whens_text.append(When(written, then=text))
            whens_lang.append(When(written, then=Value(language)))
        default = Func(
            Value(" … "),
            *self._snippet_parts(languages[0], translated),
            function="CONCAT_WS",
            output_field=TextField(),
        )
        return (
            Case(*whens_text, default=default, output_field=TextField()),
            Case(*whens_lang, default=Value(languages[0]), output_field=CharField()),
        )

    def matches(self, query: SearchQuery, text: str) -> QuerySet:
        """Objects whose vector matches `query` or whose title is similar to `text` (the
        search text as corrected, see correct_spelling()): `title %> text`, on the trigram
        index where the kind has one, with the portal's threshold."""
        similar = Q()
        for name in self.similarity_fields or [self.title_field]:
            similar |= Q(**{f"{name}__trigram_word_similar": text})
        return with_similarity_threshold(
            self.queryset()
            # Aliases, not selected: a vector is the widest value of a row, and the ranking
            # carries every match through a sort.
            .alias(
                # Not "search_vector": a model may have a stored field of that name.
                site_vector=self.vector(),
                similarity=self.similarity(text),
            )
            .filter(Q(site_vector=query) | similar)
        )

    def ranked(self, query: SearchQuery, text: str) -> QuerySet:
        """The matches, best first, each annotated with a `headline` (use hit() to show it)."""
        snippet, snippet_language = self.snippet_source(page_languages())
        return (
            self.matches(query, text)
            .annotate(
                rank=SearchRank(F("site_vector"), query) + F("similarity"),
                snippet_language=snippet_language,
                headline=SearchHeadline(
                    snippet,
                    query,
                    config=CONFIG,
                    start_sel=_START,
                    stop_sel=_STOP,
                    max_words=30,
                    min_words=12,
                    max_fragments=2,
                    fragment_delimiter=" … ",
                ),
            )
            .order_by("-rank", "pk")
            .only(*self.shown_columns())
        )

    def shown_columns(self) -> list[str]:
        """The columns a hit shows: its title in every language and its slug, which every
        kind's URL is made of (an event row alone has fifty columns)."""
        title = self.title_field
        columns = ["pk", "slug", title]
        if title in translation_fields(self.model):
            columns += [build_localized_fieldname(title, code) for code, _ in settings.LANGUAGES]
        return columns

    def best(self, query: SearchQuery, text: str, limit: int) -> tuple[list, int]:
        """The `limit` best matches and how many there are, in one query: the ranking reads
        every match anyway, so counting them alongside (a window over the whole result)
        costs nothing, where a separate COUNT would search again."""
        found = list(self.ranked(query, text).annotate(match_count=Window(Count("*")))[:limit])
        return found, (found[0].match_count if found else 0)

    def hit(self, obj) -> dict:
        return {
            "title": getattr(obj, self.title_field),
            "url": self.url(obj),
            "title_lang": shown_language(obj, self.title_field),
            "snippet": safe_headline(obj.headline),
            # Set only when the snippet is not in the page's language: the template marks it.
            "snippet_lang": (
                getattr(obj, "snippet_language", None)
                if getattr(obj, "snippet_language", None) != page_languages()[0]
                else None
            ),
            "object": obj,
        }


# --- the similarity threshold, per transaction -------------------------------------------------


def similarity_threshold() -> float:
    """The portal's one word-similarity threshold (misspelt names and titles)."""
    return float(settings.SEARCH_SIMILARITY_THRESHOLD)


@contextmanager
def similarity_scope(using: str = "default"):
    """One transaction for a view's search queries, in which the threshold is set once: by the
    spelling correction that comes first (`threshold_setting()`), else by the first query
    that needs it."""
    conn = connections[using]
    if getattr(conn, "_similarity_scope", False):
        yield
        return
    with transaction.atomic(using=using):
        conn._similarity_scope, conn._similarity_threshold_set = True, False
        try:
            yield
        finally:
            conn._similarity_scope, conn._similarity_threshold_set = False, False


def threshold_setting(using: str = "default") -> dict[str, str]:
    """The threshold for a query that runs first in a `similarity_scope()` to set along
    (lexicon.correct's `local_settings`), or nothing outside one or once it is set."""
    conn = connections[using]
    if not getattr(conn, "_similarity_scope", False) or conn._similarity_threshold_set:
        return {}
    conn._similarity_threshold_set = True
    return {THRESHOLD_SETTING: str(similarity_threshold())}


def use_similarity_threshold(using: str = "default") -> None:
    """Set the threshold for the current transaction (SET LOCAL), once per scope."""
    conn = connections[using]
    if not conn.in_atomic_block:
        raise RuntimeError("The similarity threshold is set per transaction: open one first.")
    if getattr(conn, "_similarity_scope", False) and conn._similarity_threshold_set:
        return
    with conn.cursor() as cursor:
        cursor.execute(
            "SELECT set_config(%s, %s, true)", [THRESHOLD_SETTING, str(similarity_threshold())]
        )
    if getattr(conn, "_similarity_scope", False):
        conn._similarity_threshold_set = True


class _ThresholdQuerySet:
    """Mixed into a queryset that compares by `%>`: every evaluation runs in a
    `similarity_scope()` with the threshold set (no extra query inside a scope where it is)."""

    def _fetch_all(self):
        if self._result_cache is None:
            with similarity_scope(self.db):
                use_similarity_threshold(self.db)
                super()._fetch_all()
        else:
            super()._fetch_all()

    def count(self):
        if self._result_cache is not None:
            return len(self._result_cache)
        with similarity_scope(self.db):
            use_similarity_threshold(self.db)
            return super().count()

    def exists(self):
        with similarity_scope(self.db):
            use_similarity_threshold(self.db)
            return super().exists()

    def aggregate(self, *args, **kwargs):
        with similarity_scope(self.db):
            use_similarity_threshold(self.db)
            return super().aggregate(*args, **kwargs)

    def iterator(self, *args, **kwargs):
        with similarity_scope(self.db):
            use_similarity_threshold(self.db)
            yield from super().iterator(*args, **kwargs)


_threshold_classes: dict[type, type] = {}


def with_similarity_threshold(queryset: QuerySet) -> QuerySet:
    """`queryset` (which compares by `%>`) as one that sets the threshold when evaluated."""
    base = type(queryset)
    if issubclass(base, _ThresholdQuerySet):
        return queryset
    if base not in _threshold_classes:
        _threshold_classes[base] = type(f"Threshold{base.__name__}", (_ThresholdQuerySet, base), {})
    clone = queryset._chain()
    clone.__class__ = _threshold_classes[base]
    return clone


def page_languages() -> list[str]:
    """The page's language first, then modeltranslation's fallback languages."""
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    order = [language, *resolution_order(language)]
    return list(dict.fromkeys(code for code in order if code in dict(settings.LANGUAGES)))


def translation_fields(model) -> set[str]:
    try:
        return set(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return set()


def safe_headline(raw: str | None) -> SafeString:
    """Escape the stored text and turn only our own markers into balanced <mark> tags."""
    out, is_open = [], False
    for token in re.split(f"([{_START}{_STOP}])", raw or ""):
        if token == _START:
            if not is_open:
                out.append("<mark>")
                is_open = True
        elif token == _STOP:
            if is_open:
                out.append("</mark>")
                is_open = False
        else:
            out.append(escape(_CONTROL.sub(" ", token)))
    if is_open:
        out.append("</mark>")
    return mark_safe("".join(out))  # noqa: S308 - every piece of text is escaped above


def clean_query(raw: str) -> tuple[str, bool]:
    """The query without control characters and runs of space, and whether it was shortened."""
    text = unicodedata.normalize("NFC", raw or "")
    text = "".join(" " if unicodedata.category(char)[0] in "CZ" else char for char in text)
    text = " ".join(text.split())
    shortened = len(text) > MAX_QUERY_LENGTH
    if shortened:
        text = text[:MAX_QUERY_LENGTH].rsplit(" ", 1)[0] or text[:MAX_QUERY_LENGTH]
    return text, shortened


def has_search_terms(text: str) -> bool:
    """False when PostgreSQL's German dictionary drops every word (only stop words)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT numnode(websearch_to_tsquery(%s::regconfig, %s))", [CONFIG, text])
        return cursor.fetchone()[0] > 0


kinds = Registry("search kind")


def topics() -> list[str]:
    """The content topics a search's results show: the app label of every kind (see
    `core.fragments`), since a change of any searchable text can change any search."""
    return sorted({kind.app_label for kind in kinds.values()})


def register(kind: SearchKind, *, position: int) -> SearchKind:
    return kinds.register(kind.key, kind, position=position)


def make_query(text: str, corrected: str | None = None) -> SearchQuery:
    """The full-text query of `text`, or'ed with that of its `corrected` spelling, if any."""
    # websearch syntax never raises on odd input (quotes, "or", minus, brackets).
    query = SearchQuery(text, config=CONFIG, search_type="websearch")
    if corrected not in (None, text):
        query = query | SearchQuery(corrected, config=CONFIG, search_type="websearch")
    return query


def correct_spelling(text: str, using: str = "default") -> lexicon.Spelling:
    """`text` with misspelt words corrected from the words of every kind, in one query (which
    also sets the similarity threshold in a `similarity_scope()`)."""
    return lexicon.correct(text, kinds, using=using, local_settings=threshold_setting(using))
