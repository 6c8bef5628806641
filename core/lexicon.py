"""The search lexicon: every word of the published searchable texts, for spelling correction.

The full-text search finds words by their German stem, so a misspelt word ("Medizintechnick",
"Telemedizn") finds nothing; trigram similarity on the name alone covered only names. This is
PostgreSQL's own recipe for the rest (pg_trgm, "Text Search Integration"): a table of the words
that actually occur, with a trigram index, and each query word that is not among them replaced
by its closest word before the full-text search runs.

- **Words**: one row per kind of content (`organisations`, `events`, ...) and word, taken from
  the same texts as that kind's search vector (`SearchKind.lexicon_texts()`), published
  objects only, so that a correction never reveals a word of an applicant or a draft. Words
  are lowercased by `to_tsvector('simple', ...)` (no stemming: a correction is shown to the
  visitor), letters only, 3 to 40 characters. `stem` is the German stem the search matches on.
- **Current**: `add_words()` upserts the words of objects that were just saved (the members
  app calls it where it refreshes the stored vector; the other kinds from a `post_save`
  receiver), `refresh()` rebuilds a kind in one statement, removing words that no longer
  occur (`manage.py refresh_search_lexicon`, hourly on the schedule).
- **Correction** (`correct()`): one query for all words of a search. A query word is left
  alone when the lexicon holds a word of the same stem ("Kliniken" when only "Klinik" occurs),
  when it is a stop word, or shorter than `MIN_WORD_LENGTH`. Otherwise the words that share
  enough trigrams with it (`word % query`, a bitmap scan of the GIN trigram index) are
  candidates if at most `max_edits()` letters apart (levenshtein, from fuzzystrmatch), and
  the one with the fewest edits wins, then the more similar, then the more frequent; none
  when no word is close enough, so nonsense stays uncorrected. In a lexicon of 300,000
  words the GIN lookup took 25-66 ms a word, a GiST nearest-neighbour scan (`ORDER BY word
  <-> query LIMIT n`) 75-175 ms whatever its signature length, so GIN it is.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connections
from django.db.models.signals import post_save

from .models import SearchWord

MIN_WORD_LENGTH = 4
MAX_WORD_LENGTH = 40
MAX_QUERY_WORDS = 10
STEMMER = "german_stem"
# Letters only: no digits, no underscore (a query is split into words by the same rule).
_WORD = re.compile(r"[^\W\d_]+")


def max_edits(word: str) -> int:
    """How many letters a word of this length may have wrong and still be corrected."""
    if len(word) <= 5:
        return 1
    if len(word) <= 9:
        return 2
    return 3


@dataclass(frozen=True)
class Spelling:
    """A search text and the same text with its misspelt words corrected."""

    text: str
    corrected: str

    @property
    def changed(self) -> bool:
        return self.corrected != self.text


def _table() -> str:
    return SearchWord._meta.db_table


# The words of a set of texts, one row per word: the kind, the word, its stem ('' for a stop
# word) and the number of texts it occurs in (tsvector_to_array lists each word once a text).
_WORDS_SQL = """
    SELECT %s::varchar AS kind, words.word::varchar,
           coalesce((ts_lexize('{stemmer}', words.word))[1], '')::varchar AS stem,
           count(*) AS documents
    FROM ({texts}) AS texts (text),
         LATERAL unnest(tsvector_to_array(to_tsvector('simple', texts.text))) AS words (word)
    WHERE char_length(words.word) BETWEEN 3 AND {max_length}
      AND words.word !~ '[[:digit:][:punct:][:space:]]'
    GROUP BY words.word
"""


def _kinds():
    from .search import kinds

    return kinds


def _kind_sql(kind: str, using: str, pks: Iterable | None = None) -> tuple[str, list]:
    """`_WORDS_SQL` over the kind's published texts (of these objects only), with parameters."""
    texts = _kinds()[kind].lexicon_texts()
    if pks is not None:
        texts = texts.filter(pk__in=list(pks))
    texts_sql, texts_params = texts.query.get_compiler(using=using).as_sql()
    sql = _WORDS_SQL.format(stemmer=STEMMER, texts=texts_sql, max_length=MAX_WORD_LENGTH)
    return sql, [kind, *texts_params]


def add_words(kind: str, pks: Iterable, using: str = "default") -> None:
    """Add the words of these objects (published ones only) to the lexicon, in one statement.

    Cheap enough for every save: it reads the given rows only. Words that no longer occur stay
    until the next `refresh()`; a word already known keeps its document count until then.
    """
    pks = list(pks)
    if not pks:
        return
    sql, params = _kind_sql(kind, using, pks)
    with connections[using].cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {_table()} (kind, word, stem, documents) {sql} "  # noqa: S608
            "ON CONFLICT (kind, word) DO NOTHING",
            params,
        )


def refresh(kind: str, using: str = "default") -> dict[str, int]:
    """Rebuild one kind's words from all its published texts, in one statement.

    Removes words that no longer occur, adds missing ones and corrects document counts; rows
    that stay the same are not written. Returns how many words were added, removed and
    recounted.
    """
    sql, params = _kind_sql(kind, using)
    table = _table()
    with connections[using].cursor() as cursor:
        cursor.execute(
            f"""
            WITH fresh AS MATERIALIZED ({sql}),
            removed AS (
                DELETE FROM {table} AS old
                WHERE old.kind = %s
                  AND NOT EXISTS (SELECT 1 FROM fresh WHERE fresh.word = old.word)
                RETURNING 1
            ),
            written AS (
                INSERT INTO {table} AS old (kind, word, stem, documents)
                SELECT kind, word, stem, documents FROM fresh
                ON CONFLICT (kind, word) DO UPDATE
                    SET stem = EXCLUDED.stem, documents = EXCLUDED.documents
                    WHERE (old.stem, old.documents) IS DISTINCT FROM
                          (EXCLUDED.stem, EXCLUDED.documents)
                RETURNING (xmax = 0) AS inserted
            )
            SELECT (SELECT count(*) FROM written WHERE inserted),
                   (SELECT count(*) FROM removed),
                   (SELECT count(*) FROM written WHERE NOT inserted)
            """,  # noqa: S608 - the table name is ours, every value a parameter
            [*params, kind],
        )
        added, removed, recounted = cursor.fetchone()
    return {"added": added, "removed": removed, "recounted": recounted}


def refresh_all(using: str = "default") -> dict[str, dict[str, int]]:
    """Rebuild every kind's words; the apps whose words changed get a new content version, so
    that cached pages showing a correction render afresh."""
    from .fragments import content_changed

    results = {}
    # One statement a kind, each its own transaction: new words are locked (against a save
    # adding the same word) only while their kind is rebuilt.
    for kind, search_kind in _kinds().items():
        results[kind] = refresh(kind, using=using)
        if results[kind]["added"] or results[kind]["removed"]:
            content_changed(search_kind.app_label, using=using)
    with connections[using].cursor() as cursor:
        # Words of kinds that are no longer searched.
        cursor.execute(
            f"DELETE FROM {_table()} WHERE NOT kind = ANY(%s)",  # noqa: S608
            [list(_kinds())],
        )
    return results


def query_words(text: str) -> list[str]:
    """The words of a search text that may be corrected: lowercased, each once, in order."""
    words = dict.fromkeys(word.lower() for word in _WORD.findall(text))
    return [w for w in words if MIN_WORD_LENGTH <= len(w) <= MAX_WORD_LENGTH][:MAX_QUERY_WORDS]


# Known words and stop words are sorted out first (MATERIALIZED), so that only the unknown
# ones look for candidates: the words that share enough trigrams (`%`, pg_trgm's
# similarity_threshold, 0.3 by default; a bitmap scan of the GIN index) within the allowed
# edits; the fewest edits win, then the more similar, then the more frequent. (`%%` is the
# `%` operator written for a query with parameters.)
_CORRECTION_SQL = """
    WITH unknown AS MATERIALIZED (
        SELECT query.word, query.edits
        FROM unnest(%(words)s::text[], %(edits)s::int[]) AS query (word, edits)
        WHERE cardinality(ts_lexize('{stemmer}', query.word)) > 0
          AND NOT EXISTS (
              SELECT 1 FROM {table} AS known
              WHERE known.stem = (ts_lexize('{stemmer}', query.word))[1]
                AND known.kind = ANY(%(kinds)s)
          )
    )
    SELECT json_object_agg(unknown.word, correction.word)
    FROM unknown CROSS JOIN LATERAL (
        SELECT lexicon.word
        FROM {table} AS lexicon
        WHERE lexicon.word %% unknown.word
          AND lexicon.kind = ANY(%(kinds)s)
          AND levenshtein_less_equal(unknown.word, lexicon.word, unknown.edits) <= unknown.edits
        ORDER BY levenshtein_less_equal(unknown.word, lexicon.word, unknown.edits),
                 similarity(lexicon.word, unknown.word) DESC, lexicon.documents DESC, lexicon.word
        LIMIT 1
    ) AS correction
"""


def correct(
    text: str,
    kinds: Iterable[str],
    *,
    using: str = "default",
    local_settings: dict[str, str] | None = None,
) -> Spelling:
    """`text` with each misspelt word replaced by the closest word of these kinds' lexicon.

    One query, whatever the number of words. `local_settings` are set for the current
    transaction alone (`set_config(..., true)`, as SET LOCAL) in the same round trip, for the
    search queries that follow in it (see `core.search.similarity_scope`); outside a
    transaction they would end with the statement, so they are refused there.
    """
    if local_settings and not connections[using].in_atomic_block:
        raise RuntimeError("local settings need a transaction (core.search.similarity_scope)")
    words = query_words(text)
    settings_sql, params = [], {"kinds": list(kinds), "words": words}
    params["edits"] = [max_edits(word) for word in words]
    for number, (name, value) in enumerate((local_settings or {}).items()):
        settings_sql.append(f"set_config(%(setting{number})s, %(value{number})s, true)")
        params |= {f"setting{number}": name, f"value{number}": value}
    correction = "NULL::json"
    if words:
        correction = f"({_CORRECTION_SQL.format(table=_table(), stemmer=STEMMER)})"
    with connections[using].cursor() as cursor:
        cursor.execute(f"SELECT {', '.join([*settings_sql, correction])}", params)  # noqa: S608
        corrections = cursor.fetchone()[-1] or {}
    if not corrections:
        return Spelling(text, text)

    def replace(match: re.Match) -> str:
        word = match.group(0)
        better = corrections.get(word.lower())
        return _same_case(word, better) if better else word

    return Spelling(text, _WORD.sub(replace, text))


def _same_case(original: str, word: str) -> str:
    """The correction written as the visitor wrote the word: "TELEMEDIZN" → "TELEMEDIZIN"."""
    if original.isupper() and len(original) > 1:
        return word.upper()
    if original[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _object_saved(sender, instance, raw=False, using="default", **kwargs):
    if raw:
        return
    for kind in _kinds().values():
        if kind.lexicon_on_save and kind.model is sender:
            add_words(kind.key, [instance.pk], using=using)


def connect_signals() -> None:
    """Add the words of a saved event, news item, cooperation or region to the lexicon."""
    for kind in _kinds().values():
        if kind.lexicon_on_save:
            post_save.connect(_object_saved, sender=kind.model, dispatch_uid=f"lexicon-{kind.key}")
