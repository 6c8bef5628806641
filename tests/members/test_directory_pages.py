"""The directory's deep pages: read by keyset (a cursor of the page before), so that page 300
costs what page 1 costs; the count is kept per combination of filters, not per page."""

import datetime as dt
import re
from html import unescape

import pytest
from django.core.cache import caches

from core.pagination import encode_cursor
from members.models import Organisation
from tests import factories
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db

LIST = "/mitglieder/"
PAGE = 24
SORTS = {"name": ("name", "pk"), "newest": ("-joined_on", "name", "pk")}


@pytest.fixture
def members():
    Organisation.objects.bulk_create(
        Organisation(
            name=f"Mitglied {number:03d}",
            slug=f"mitglied-{number:03d}",
            kind=Organisation.Kind.CLINIC,
            status=Organisation.Status.MEMBER,
            joined_on=dt.date(2020, 1, 1) + dt.timedelta(days=number % 7),
        )
        for number in range(60)
    )
    return list(Organisation.objects.members().order_by("name", "pk"))


def names(response) -> list[str]:
    return [organisation.name for organisation in response.context["page_obj"]]


def link(response, rel: str) -> str | None:
    found = re.search(rf'href="([^"]+)" rel="{rel}"', response.content.decode())
    return unescape(found[1]) if found else None


def walk(client, url, rel):
    seen, pages = [], 0
    while url:
        response = client.get(LIST + url if url.startswith("?") else url)
        assert response.status_code == 200
        seen.append(names(response))
        pages += 1
        url = link(response, rel)
        assert pages < 10
    return seen


def test_next_links_walk_the_whole_directory_in_order_and_back(client, members):
    forward = walk(client, LIST, "next")
    assert [len(page) for page in forward] == [24, 24, 12]
    assert [name for page in forward for name in page] == [m.name for m in members]
    cursor = encode_cursor([members[47].name, members[47].pk])
    last = client.get(LIST, {"page": 3, "after": cursor})
    assert names(last) == [m.name for m in members[48:]]
    backward = walk(client, LIST + "?" + link(last, "prev").lstrip("?"), "prev")
    assert backward == [[m.name for m in members[24:48]], [m.name for m in members[:24]]]


def test_newest_first_is_walked_by_keyset_as_well(client, members):
    pages = walk(client, LIST + "?sort=newest", "next")
    expected = sorted(members, key=lambda m: (-m.joined_on.toordinal(), m.name, m.pk))
    assert [name for page in pages for name in page] == [m.name for m in expected]


def test_a_page_by_its_number_alone_shows_the_same_members(client, members):
    by_number = client.get(LIST, {"page": 2})
    by_cursor = client.get(LIST + "?" + link(client.get(LIST), "next").lstrip("?"))
    assert names(by_number) == names(by_cursor) == [m.name for m in members[24:48]]
    assert "Seite 2 von 3" in by_number.content.decode()


@pytest.mark.parametrize("sort", ["name", "newest"])
def test_a_deep_page_by_its_number_alone_starts_after_the_page_before(
    client, members, monkeypatch, sort
):
    # Deep pages by number are sought from the key of the row before (core.pagination); here
    # from the second page on, and with several members joined on the same day.
    monkeypatch.setattr("core.pagination.DEEP_OFFSET", PAGE)
    ordered = list(Organisation.objects.members().order_by(*SORTS[sort]))

    pages = [names(client.get(LIST, {"page": number, "sort": sort})) for number in (2, 3)]

    assert pages == [[m.name for m in ordered[24:48]], [m.name for m in ordered[48:]]]


def test_a_page_number_past_the_end_shows_the_last_page(client, members, monkeypatch):
    monkeypatch.setattr("core.pagination.DEEP_OFFSET", PAGE)
    response = client.get(LIST, {"page": 99})
    assert names(response) == [m.name for m in members[48:]]


def test_a_broken_cursor_is_read_as_the_page_number(client, members):
    response = client.get(LIST, {"page": 2, "after": "kaputt!!"})
    assert response.status_code == 200
    assert names(response) == [m.name for m in members[24:48]]


def test_a_deep_page_costs_the_queries_of_the_first(client, members):
    first, _ = count_queries(client, LIST)
    cursor = encode_cursor([members[47].name, members[47].pk])
    caches["fragments"].clear()
    deep, _ = count_queries(client, f"{LIST}?page=3&after={cursor}")
    assert deep <= first


def test_the_count_is_read_once_for_every_page_of_the_same_filters(client, members):
    first, response = count_queries(client, LIST)
    assert "60 Mitglieder gefunden" in response.content.decode()
    # Another page of the same list, rendered cold: its count comes from the first.
    second, response = count_queries(client, LIST + "?" + link(response, "next").lstrip("?"))
    assert "60 Mitglieder gefunden" in response.content.decode()
    assert second == first - 1


def test_a_new_member_is_counted_on_the_next_visit(client, members):
    assert "60 Mitglieder gefunden" in client.get(LIST).content.decode()
    factories.make_organisation(name="Neu GmbH")
    assert "61 Mitglieder gefunden" in client.get(LIST, {"page": 2}).content.decode()
