"""Substring search on a trigram index: what the back office's searches of names use.

Django's `icontains` compares `UPPER(column) LIKE UPPER(...)`, which no index serves, and
splits nothing it could look up at once in several columns. Here the searched columns are
joined into one text (`SearchText`), which a GIN trigram index holds
(`GinIndex(OpClass(SearchText(...), name="gin_trgm_ops"))`), and every word of the query is
an `ILIKE '%word%'` on that same expression, which the index serves. Punctuation and
abbreviations ("saar.is", "LZG.NRW", "IBMT") are found as they are typed.
"""

import logging

from django.conf import settings
from django.contrib.postgres.search import SearchVector
from django.db import ProgrammingError, connections, transaction
from django.db.models import F, Func, Lookup, Q, TextField, Value
from django.db.models.functions import Coalesce

logger = logging.getLogger(__name__)

# PostgreSQL's German configuration: "Kongresse" finds "Kongress".
SEARCH_CONFIG = "german"


class ILike(Lookup):
    """`ILIKE`, which a trigram index serves; Django's `icontains` compares `UPPER(name)`,
    which it does not."""

    lookup_name = "ilike"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} ILIKE {rhs}", (*lhs_params, *rhs_params)


def contains_pattern(text: str) -> str:
    """An ILIKE pattern that finds `text` anywhere, with `%`, `_` and `\\` taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class SearchText(Func):
    """The columns joined by spaces as one text, in a form PostgreSQL accepts in an index
    (COALESCE and `||` are immutable; CONCAT_WS is not). The index and the query must use the
    same columns in the same order."""

    arg_joiner = " || ' ' || "
    template = "(%(expressions)s)"
    output_field = TextField()

    def __init__(self, *columns):
        super().__init__(*(Coalesce(F(column), Value("")) for column in columns))


def words_in(text_expression, term: str, max_words: int = 8) -> Q | None:
    """Every word of `term` somewhere in `text_expression` (None for an empty term)."""
    words = term.split()[:max_words]
    if not words:
        return None
    condition = Q()
    for word in words:
        condition &= Q(ILike(text_expression, Value(contains_pattern(word))))
    return condition


def both(name: str, weight: str | None = None) -> list:
    """The German and English columns of a text kept in both languages (modeltranslation),
    with `weight` as (column, weight) pairs for `weighted_vector`.

    Named explicitly: modeltranslation would otherwise rewrite `name` to the active language's
    column only, and an English search would miss texts that exist in German alone.
    """
    from modeltranslation.utils import build_localized_fieldname

    names = [build_localized_fieldname(name, code) for code, _label in settings.LANGUAGES]
    return [(n, weight) for n in names] if weight else names


def weighted_vector(fields: list[tuple[str, str]]):
    """The full-text vector of (column, weight) pairs, computed from the columns.

    The site search compares with this expression, and a model indexes the very same one
    (`GinIndex(weighted_vector(FIELDS), name=...)`), so that PostgreSQL answers from the index
    instead of computing the vector of every row: both must be built from the same pairs.
    """
    vectors = [SearchVector(name, weight=weight, config=SEARCH_CONFIG) for name, weight in fields]
    combined = vectors[0]
    for vector in vectors[1:]:
        combined = combined + vector
    return combined


# --- what the planner is told a trigram comparison costs -------------------------------------

# pg_trgm declares its similarity functions at the default cost of 1, as cheap as comparing two
# integers; word_similarity really takes ~10 µs a row, like to_tsvector (declared at 100). At
# cost 1 PostgreSQL prefers to scan a table and compare every title (20 ms for 2,000 events) to
# the trigram index (2 ms), whenever the search also filters by an indexed column such as
# `is_published`. Declared at to_tsvector's cost, the planner takes the index.
TRIGRAM_FUNCTION_COST = 100
TRIGRAM_FUNCTIONS = (
    "similarity",
    "similarity_op",
    "word_similarity",
    "word_similarity_op",
    "word_similarity_commutator_op",
    "strict_word_similarity",
    "strict_word_similarity_op",
    "strict_word_similarity_commutator_op",
)


def declare_trigram_costs(using: str = "default") -> bool:
    """Declare pg_trgm's similarity functions at their real cost; False where the database
    role may not alter them (a managed database whose extension belongs to its administrator:
    the searches still work, on worse plans).

    Run after every `migrate` (post_migrate), because a dump restores an extension's functions
    as CREATE EXTENSION makes them, at cost 1.
    """
    connection = connections[using]
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT p.oid::regprocedure::text
            FROM pg_proc p
            JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid
            JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'pg_trgm'
            WHERE p.proname = ANY(%s) AND p.procost < %s
            """,
            [list(TRIGRAM_FUNCTIONS), TRIGRAM_FUNCTION_COST],
        )
        functions = [row[0] for row in cursor.fetchall()]
    try:
        with transaction.atomic(using=using), connection.cursor() as cursor:
            for function in functions:
                # The signature comes from regprocedure's own output: quoted as PostgreSQL
                # quotes it.
                cursor.execute(f"ALTER FUNCTION {function} COST {TRIGRAM_FUNCTION_COST:d}")
    except ProgrammingError as error:
        logger.warning(
            "Cannot declare the cost of pg_trgm's similarity functions (%s); site searches "
            "may scan tables instead of using their trigram indexes. A database administrator "
            "can run: ALTER FUNCTION word_similarity_commutator_op(text, text) COST %d; "
            "(and the same for the other similarity functions).",
            error,
            TRIGRAM_FUNCTION_COST,
        )
        return False
    return True
