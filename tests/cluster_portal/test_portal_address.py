"""Robots, sitemap and feeds name the portal's configured address, not the request's host."""

import re

import pytest

from tests import factories
from tests.factories import make_news
from tests.helpers import SITEMAP_NS, XHTML_NS, read_sitemap

pytestmark = pytest.mark.django_db
PORTAL = "https://portal.example.org"


@pytest.fixture(autouse=True)
def portal_address(settings):
    settings.PORTAL_BASE_URL = PORTAL


def test_robots_txt_points_crawlers_at_the_portals_sitemap(client):
    response = client.get("/robots.txt", HTTP_HOST="localhost")

    assert f"Sitemap: {PORTAL}/sitemap.xml" in response.content.decode()


def test_sitemap_lists_every_page_on_the_portals_address(client):
    factories.make_organisation(slug="beispiel-gmbh")

    sections, pages = read_sitemap(client, HTTP_HOST="localhost")

    locations = [*sections]
    for page in pages:
        locations += [loc.text for loc in page.iter(f"{{{SITEMAP_NS}}}loc")]
        locations += [link.get("href") for link in page.iter(f"{{{XHTML_NS}}}link")]
    assert f"{PORTAL}/mitglieder/beispiel-gmbh/" in locations
    assert f"{PORTAL}/sitemap-organisations.xml" in sections
    assert all(location.startswith(PORTAL + "/") for location in locations)


@pytest.mark.parametrize("feed", ["/aktuelles/feed/rss/", "/aktuelles/feed/atom/"])
def test_news_feeds_link_to_the_portal(client, feed):
    make_news(slug="meldung")

    xml = client.get(feed, HTTP_HOST="localhost").content.decode()

    links = re.findall(r"<link>([^<]+)</link>", xml) + re.findall(r'href="([^"]+)"', xml)
    assert f"{PORTAL}/aktuelles/meldung/" in links
    assert all(link.startswith(PORTAL + "/") for link in links)
    assert "localhost" not in xml
