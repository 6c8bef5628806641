"""Assertions shared by the test modules."""

from collections.abc import Callable

from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(client, url: str) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return len(context.captured_queries), response


def assert_constant_queries(
    client, url: str, add_rows: Callable[[int], object], *, small: int = 10, large: int = 200
) -> int:
    """Assert that `url` runs as many queries with `small` rows as with `large` rows.

    `add_rows(n)` adds n more rows of whatever the page lists. Returns the count.
    """
    add_rows(small)
    client.get(url)  # warm caches that are filled once per process (content types, ...)
    with_few, _ = count_queries(client, url)
    add_rows(large - small)
    with_many, _ = count_queries(client, url)
    assert with_few == with_many, (
        f"{url}: {with_few} queries with {small} rows but {with_many} with {large}"
    )
    return with_many
