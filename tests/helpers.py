"""Assertions shared by the test modules."""

from collections.abc import Callable

from django.core.cache import caches
from django.db import connection
from django.db.models.fields.files import FieldFile
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

    `add_rows(n)` adds n more rows of whatever the page lists. Returns the count. Both visits
    render the page afresh (the first visit after a change, which is what grows with the rows);
    what a cached visit costs is asserted in tests/cluster_portal/test_fragments.py.
    """
    add_rows(small)
    client.get(url)  # warm caches that are filled once per process (content types, ...)
    caches["fragments"].clear()
    with_few, _ = count_queries(client, url)
    add_rows(large - small)
    caches["fragments"].clear()
    with_many, _ = count_queries(client, url)
    assert with_few == with_many, (
        f"{url}: {with_few} queries with {small} rows but {with_many} with {large}"
    )
    return with_many


def _form_values(form) -> dict:
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or isinstance(value, FieldFile):
            continue  # an unchanged file input posts nothing
        if isinstance(value, list | tuple):
            data[form.add_prefix(name)] = [str(item) for item in value]
        elif isinstance(value, bool):
            if value:
                data[form.add_prefix(name)] = "on"
        else:
            data[form.add_prefix(name)] = value
    return data


def admin_change_data(client, url: str, **changes) -> dict:
    """The POST data of an admin change page as it stands (inlines included), with changes."""
    response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    data = _form_values(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for key, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{key}"] = value
        for form in formset.forms:
            data.update(_form_values(form))
    data.update(changes)
    return data
