"""Assertions shared by the test modules."""

import xml.etree.ElementTree as ET  # noqa: S405 - parses the portal's own output
from collections.abc import Callable
from urllib.parse import urlsplit

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
    what a cached visit costs is asserted in tests/core/test_fragments.py.
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


SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"


def read_sitemap(client, **headers) -> tuple[list[str], list[ET.Element]]:
    """Read the sitemap as a crawler does: the index (/sitemap.xml), then every page it lists.

    Returns the index's locations and each page's <urlset>; asserts the documents' shape (a
    <sitemapindex> and <urlset>s in the sitemap namespace, served as XML)."""
    index = client.get("/sitemap.xml", **headers)
    assert index.status_code == 200
    assert index["Content-Type"] == "application/xml"
    root = ET.fromstring(index.content)  # noqa: S314 - our own output
    assert root.tag == f"{{{SITEMAP_NS}}}sitemapindex"
    locations = [entry.findtext(f"{{{SITEMAP_NS}}}loc") for entry in root]
    assert all(entry.tag == f"{{{SITEMAP_NS}}}sitemap" for entry in root)
    pages = []
    for location in locations:
        address = urlsplit(location)
        path = address.path + (f"?{address.query}" if address.query else "")
        response = client.get(path, **headers)
        assert response.status_code == 200, location
        assert response["Content-Type"] == "application/xml"
        page = ET.fromstring(response.content)  # noqa: S314 - our own output
        assert page.tag == f"{{{SITEMAP_NS}}}urlset"
        assert all(url.tag == f"{{{SITEMAP_NS}}}url" for url in page)
        pages.append(page)
    return locations, pages


def sitemap_urls(client, **headers) -> dict[str, ET.Element]:
    """{location: <url> element} of every address in every page of the sitemap."""
    _locations, pages = read_sitemap(client, **headers)
    urls = {}
    for page in pages:
        for url in page:
            location = url.findtext(f"{{{SITEMAP_NS}}}loc")
            assert location not in urls, f"{location} listed twice"
            urls[location] = url
    return urls


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


def admin_form_data(response) -> dict:
    """What a browser would post back from an admin change page as shown: the main form's and
    every inline form's current values, with the inlines' management forms."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
        forms += formset.forms
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False:
                continue
            data[form.add_prefix(name)] = "on" if value is True else value
    return data
