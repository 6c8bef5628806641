"""The sitemap as a crawler reads it: an index of sections, each section in pages, every page
cached until the content it lists changes, every address on the portal's configured address."""

import datetime as dt

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cooperations.models import CooperationPartner
from members.models import Organisation
from members.sitemaps import OrganisationSitemap
from partnering.models import Post
from tests import factories
from tests.factories import make_post
from tests.helpers import (
    SITEMAP_NS,
    XHTML_NS,
    read_sitemap,
    sitemap_urls,
)

pytestmark = pytest.mark.django_db
SERVER = "http://testserver"
SECTIONS = [
    "pages",
    "regions",
    "organisations",
    "partners",
    "events",
    "cooperations",
    "delegations",
    "groups",
    "news",
    "partnering",
]


def alternates(url) -> dict[str, str]:
    return {link.get("hreflang"): link.get("href") for link in url.iter(f"{{{XHTML_NS}}}link")}


def test_sitemap_is_an_index_of_its_sections(client):
    response = client.get("/sitemap.xml")
    locations, pages = read_sitemap(client)

    assert locations == [f"{SERVER}/sitemap-{section}.xml" for section in SECTIONS]
    assert len(pages) == len(SECTIONS)
    assert response["X-Robots-Tag"] == "noindex, noodp, noarchive"
    assert client.get("/sitemap-gibt-es-nicht.xml").status_code == 404
    assert client.get("/sitemap-events.xml?p=zwei").status_code == 404
    assert client.get("/sitemap-events.xml?p=2").status_code == 404  # no second page


def test_sitemap_lists_the_pages_it_used_to_leave_out(client):
    partner = factories.make_organisation(
        slug="creative-nrw", status=Organisation.Status.NON_MEMBER, is_partner=True
    )
    CooperationPartner.objects.create(
        cooperation=factories.make_cooperation(),
        organisation=partner,
        role=CooperationPartner.Role.FUNDER,
    )
    poster = factories.make_organisation(slug="poster")
    public = make_post(poster)
    members_only = make_post(poster, visibility=Post.Visibility.MEMBERS)
    expired = make_post(poster, valid_until=timezone.localdate() - dt.timedelta(days=1))

    urls = sitemap_urls(client)

    expected = {
        "/kooperationen/partner/": "/en/cooperations/partners/",
        "/kooperationen/partner/creative-nrw/": "/en/cooperations/partners/creative-nrw/",
        "/kooperationsboerse/": "/en/partnering/",
        f"/kooperationsboerse/{public.pk}/": f"/en/partnering/{public.pk}/",
        "/barrierefreiheit/": "/en/accessibility/",
        "/leichte-sprache/": "/en/easy-language/",
        "/veranstaltungen/archiv/": "/en/events/archive/",
        "/veranstaltungen/gemeinschaftsstaende/": "/en/events/joint-stands/",
    }
    for german, english in expected.items():
        for path in (german, english):
            assert f"{SERVER}{path}" in urls, path
            assert alternates(urls[f"{SERVER}{path}"]) == {
                "de": f"{SERVER}{german}",
                "en": f"{SERVER}{english}",
                "x-default": f"{SERVER}{german}",
            }
        assert client.get(german).status_code == 200, german
    listed = " ".join(urls)
    assert f"/kooperationsboerse/{members_only.pk}/" not in listed
    assert f"/kooperationsboerse/{expired.pk}/" not in listed


def test_a_large_section_is_split_into_pages(client, monkeypatch):
    monkeypatch.setattr(OrganisationSitemap, "limit", 4)
    members = [factories.make_organisation(slug=f"mitglied-{n}") for n in range(5)]

    locations, pages = read_sitemap(client)

    section = f"{SERVER}/sitemap-organisations.xml"
    assert [loc for loc in locations if loc.startswith(section)] == [
        section,
        f"{section}?p=2",
        f"{section}?p=3",
    ]
    assert client.get("/sitemap-organisations.xml?p=4").status_code == 404
    by_page = [
        [loc.text for loc in page.iter(f"{{{SITEMAP_NS}}}loc")]
        for location, page in zip(locations, pages, strict=True)
        if location.startswith(section)
    ]
    assert [len(page) for page in by_page] == [4, 4, 2]
    for member in members:
        german = f"{SERVER}/mitglieder/{member.slug}/"
        english = f"{SERVER}/en/members/{member.slug}/"
        # Both languages of an organisation on the same page, each address once.
        assert [page.count(german) + page.count(english) for page in by_page].count(2) == 1


def test_a_section_page_reads_one_page_of_objects(client, monkeypatch):
    """As many queries with 10 as with 200 members, the organisations read with LIMIT."""
    monkeypatch.setattr(OrganisationSitemap, "limit", 10)

    def render_afresh(url):
        caches["default"].clear()  # where the sitemap's pages are kept
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return [query["sql"] for query in context.captured_queries]

    for _ in range(10):
        factories.make_organisation()
    few = {url: render_afresh(url) for url in ["/sitemap-organisations.xml?p=2", "/sitemap.xml"]}
    for _ in range(190):
        factories.make_organisation()
    many = {url: render_afresh(url) for url in few}

    assert {url: len(sql) for url, sql in few.items()} == {
        url: len(sql) for url, sql in many.items()
    }
    reads = [
        sql
        for sql in many["/sitemap-organisations.xml?p=2"]
        if 'FROM "members_organisation"' in sql and "COUNT(" not in sql
    ]
    assert reads and all("LIMIT 5 OFFSET 5" in sql for sql in reads), reads


def test_a_section_page_is_cached_and_a_change_shows_at_once(client):
    factories.make_organisation(slug="erstes-mitglied")
    first = client.get("/sitemap-organisations.xml")

    with CaptureQueriesContext(connection) as context:
        again = client.get("/sitemap-organisations.xml")

    assert again.content == first.content
    # The content versions and the cached page; nothing about the organisations.
    assert len(context.captured_queries) <= 2, [q["sql"] for q in context.captured_queries]
    assert not any("members_organisation" in q["sql"] for q in context.captured_queries)
    # Other parameters share the page rather than rendering (and storing) a copy.
    with CaptureQueriesContext(connection) as context:
        client.get("/sitemap-organisations.xml?p=1&utm_source=newsletter")
    assert not any("members_organisation" in q["sql"] for q in context.captured_queries)

    factories.make_organisation(slug="neues-mitglied")
    changed = client.get("/sitemap-organisations.xml").content.decode()
    assert f"{SERVER}/mitglieder/neues-mitglied/" in changed
    assert f"{SERVER}/mitglieder/erstes-mitglied/" in changed


def test_the_index_is_cached_and_follows_a_change(client, monkeypatch):
    monkeypatch.setattr(OrganisationSitemap, "limit", 2)
    factories.make_organisation()
    assert f"{SERVER}/sitemap-organisations.xml?p=2" not in client.get("/sitemap.xml").text

    with CaptureQueriesContext(connection) as context:
        client.get("/sitemap.xml")
    assert len(context.captured_queries) <= 2

    factories.make_organisation()
    assert f"{SERVER}/sitemap-organisations.xml?p=2" in client.get("/sitemap.xml").text


def test_a_new_partnering_post_shows_in_the_cached_section(client):
    poster = factories.make_organisation(slug="poster")
    make_post(poster)
    client.get("/sitemap-partnering.xml")

    post = make_post(poster)

    assert f"/kooperationsboerse/{post.pk}/" in client.get("/sitemap-partnering.xml").text


def test_every_address_starts_with_the_portal_address(client, settings):
    settings.PORTAL_BASE_URL = "https://portal.example.org"
    factories.make_organisation()
    make_post(factories.make_organisation())

    locations, pages = read_sitemap(client, HTTP_HOST="localhost")

    addresses = [*locations]
    for page in pages:
        addresses += [loc.text for loc in page.iter(f"{{{SITEMAP_NS}}}loc")]
        addresses += [link.get("href") for link in page.iter(f"{{{XHTML_NS}}}link")]
    assert len(addresses) > 50
    assert all(address.startswith("https://portal.example.org/") for address in addresses)
