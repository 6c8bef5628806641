"""Pages of long lists read by keyset ("seek") instead of OFFSET.

`OFFSET 72000` reads and throws away 72,000 rows: the directory's last pages took up to 175 ms
at 100,000 organisations. A keyset page starts right after the last row of the page before:
its links carry that row's sort key as a *cursor* (`?page=3&after=…`, `?page=2&before=…`), and
the query is an index range scan that stops after one page, whatever the page's number.

    page = keyset_page(queryset, order=("name", "pk"), per_page=24, params=request.GET,
                       count=lambda: queryset.count())

The page number stays in the address for the visitor ("Page 3 of 40") and for addresses
without a cursor (bookmarks, the first page). A deep page by its number alone first reads the
sort key of the row before it (from an index that holds the order's columns, without visiting
the table) and then seeks after it; the first pages are read by OFFSET. The order must end
with a unique field (the primary key), so that every row has exactly one place; its fields
must not be NULL. The count is only read when shown (`page.paginator.count`).
"""

import base64
import binascii
import json
import math
from collections.abc import Callable, Mapping, Sequence
from functools import cached_property

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet


class _Counter:
    """What templates ask a Django paginator for: `count` and `num_pages`, read lazily."""

    def __init__(self, count: Callable[[], int], per_page: int):
        self._count = count
        self.per_page = per_page

    @cached_property
    def count(self) -> int:
        return self._count()

    @property
    def num_pages(self) -> int:
        return max(1, math.ceil(self.count / self.per_page))


def _direction(field: str) -> tuple[str, bool]:
    return (field[1:], True) if field.startswith("-") else (field, False)


def _model_field(queryset: QuerySet, name: str):
    model = queryset.model
    return model._meta.pk if name == "pk" else model._meta.get_field(name)


def encode_cursor(values: list) -> str:
    text = json.dumps([str(value) if not isinstance(value, int) else value for value in values])
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode_cursor(queryset: QuerySet, order: Sequence[str], cursor: str) -> list | None:
    """The sort key a cursor names, converted to the fields' types; None when it is broken."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = json.loads(raw)
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return None
    if not isinstance(values, list) or len(values) != len(order):
        return None
    converted = []
    for field, value in zip(order, values, strict=True):
        if value is None or isinstance(value, dict | list):
            return None
        try:
            converted.append(_model_field(queryset, _direction(field)[0]).to_python(value))
        except (ValidationError, TypeError, ValueError):
            return None
    return converted


def seek(queryset: QuerySet, order: Sequence[str], values: list, *, forward: bool) -> QuerySet:
    """The rows after (forward) or before the row with these sort values, in `order`.

    (a, b, pk) > (x, y, z) is written as `a >= x AND (a > x OR a = x AND b > y OR …)`: the first
    condition is the index's range, the rest a filter on the rows it reads.
    """
    conditions = Q()
    equal = {}
    for (field, descending), value in zip(map(_direction, order), values, strict=True):
        later = descending != forward  # ascending and forward: greater
        conditions |= Q(**equal, **{f"{field}__{'gt' if later else 'lt'}": value})
        equal[field] = value
    first, descending = _direction(order[0])
    bound = "gte" if descending != forward else "lte"
    return queryset.filter(Q(**{f"{first}__{bound}": values[0]}), conditions)


def _reverse(order: Sequence[str]) -> list[str]:
    return [field[1:] if field.startswith("-") else f"-{field}" for field in order]


class KeysetPage(Sequence):
    """One page, answering what the pagination template asks of a Django `Page`."""

    def __init__(self, rows, *, number, order, per_page, counter, has_next, has_previous):
        self.object_list = list(rows)
        self.number = number
        self.order = order
        self.paginator = counter
        self._has_next = has_next
        self._has_previous = has_previous

    def __len__(self):
        return len(self.object_list)

    def __getitem__(self, index):
        return self.object_list[index]

    def has_next(self) -> bool:
        return self._has_next

    def has_previous(self) -> bool:
        return self._has_previous

    def has_other_pages(self) -> bool:
        return self._has_next or self._has_previous

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1

    def _key(self, row) -> list:
        return [getattr(row, _direction(field)[0]) for field in self.order]

    @property
    def next_cursor(self) -> str:
        return encode_cursor(self._key(self.object_list[-1])) if self.object_list else ""

    @property
    def previous_cursor(self) -> str:
        return encode_cursor(self._key(self.object_list[0])) if self.object_list else ""


# From this many rows on, a page by its number alone is read in two steps (_deep_rows).
DEEP_OFFSET = 240


def _deep_rows(ordered: QuerySet, order: Sequence[str], start: int, limit: int) -> list:
    """`limit` rows from position `start`: the sort key of the row before is read alone,
    which an index holding the order's columns answers without visiting the table (the
    skipped rows are index entries, not rows), and the page is then sought after it."""
    fields = [_direction(field)[0] for field in order]
    before = list(ordered.values_list(*fields)[start - 1 : start])
    if not before:
        return []
    return list(seek(ordered, order, list(before[0]), forward=True)[:limit])


def _number(params: Mapping) -> int:
    try:
        return max(1, int(params.get("page") or 1))
    except (TypeError, ValueError):
        return 1


def keyset_page(
    queryset: QuerySet,
    *,
    order: Sequence[str],
    per_page: int,
    params: Mapping,
    count: Callable[[], int],
) -> KeysetPage:
    """The page `params` ask for (`page`, and `after` or `before`, a cursor of this order)."""
    order = list(order)
    counter = _Counter(count, per_page)
    number = _number(params)
    ordered = queryset.order_by(*order)
    for name, forward in (("after", True), ("before", False)):
        values = decode_cursor(queryset, order, params.get(name) or "")
        if values is None:
            continue
        if forward:
            rows = list(seek(ordered, order, values, forward=True)[: per_page + 1])
            return KeysetPage(
                rows[:per_page],
                number=number,
                order=order,
                per_page=per_page,
                counter=counter,
                has_next=len(rows) > per_page,
                has_previous=True,
            )
        backwards = seek(queryset.order_by(*_reverse(order)), order, values, forward=False)
        rows = list(backwards[: per_page + 1])
        return KeysetPage(
            reversed(rows[:per_page]),
            number=number,
            order=order,
            per_page=per_page,
            counter=counter,
            has_next=True,
            has_previous=len(rows) > per_page and number > 1,
        )
    # No cursor: the first page, or a page by its number alone (OFFSET, as Django's paginator).
    if number > 1:
        number = min(number, counter.num_pages)
    start = (number - 1) * per_page
    if start >= DEEP_OFFSET:
        rows = _deep_rows(ordered, order, start, per_page + 1)
    else:
        rows = list(ordered[start : start + per_page + 1])
    return KeysetPage(
        rows[:per_page],
        number=number,
        order=order,
        per_page=per_page,
        counter=counter,
        has_next=len(rows) > per_page,
        has_previous=number > 1,
    )
