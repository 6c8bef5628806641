"""Substring search on a trigram index: what the back office's searches of names use.

Django's `icontains` compares `UPPER(column) LIKE UPPER(...)`, which no index serves, and
splits nothing it could look up at once in several columns. Here the searched columns are
joined into one text (`SearchText`), which a GIN trigram index holds
(`GinIndex(OpClass(SearchText(...), name="gin_trgm_ops"))`), and every word of the query is
an `ILIKE '%word%'` on that same expression, which the index serves. Punctuation and
abbreviations ("saar.is", "LZG.NRW", "IBMT") are found as they are typed.
"""

from django.db.models import F, Func, Lookup, Q, TextField, Value
from django.db.models.functions import Coalesce


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
