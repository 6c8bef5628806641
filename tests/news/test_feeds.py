import datetime as dt

import pytest
from django.utils import timezone

from tests.factories import make_news

from .conftest import xml_root

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def test_rss_feed_lists_published_items_with_links_and_dates(client):
    make_news(
        title="Neu im Netzwerk",
        teaser="Ein neues Mitglied stellt sich vor.",
        slug="neu-im-netzwerk",
    )
    response = client.get("/aktuelles/feed/rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = xml_root(response.content).find("channel")
    assert channel.findtext("title") == "Gesundheitswirtschaft im Netzwerk: Aktuelles"
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["Neu im Netzwerk"]
    assert items[0].findtext("link") == "http://testserver/aktuelles/neu-im-netzwerk/"
    assert items[0].findtext("description") == "Ein neues Mitglied stellt sich vor."
    assert items[0].findtext("pubDate")
    assert items[0].findtext("category") == "Meldung"


def test_rss_feed_leaves_out_scheduled_items_and_drafts(client):
    make_news(title="Schon da")
    make_news(title="Erst morgen", published_at=timezone.now() + dt.timedelta(days=1))
    make_news(title="Entwurf", is_draft=True)
    channel = xml_root(client.get("/aktuelles/feed/rss/").content).find("channel")
    assert [item.findtext("title") for item in channel.findall("item")] == ["Schon da"]


def test_atom_feed_parses_and_leaves_out_scheduled_items(client):
    make_news(title="Atom-Meldung", slug="atom-meldung")
    make_news(title="Atom morgen", published_at=timezone.now() + dt.timedelta(days=1))
    response = client.get("/aktuelles/feed/atom/")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = xml_root(response.content)
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == ["Atom-Meldung"]
    link = entries[0].find(f"{ATOM}link").get("href")
    assert link == "http://testserver/aktuelles/atom-meldung/"
    assert entries[0].findtext(f"{ATOM}published")
    assert entries[0].findtext(f"{ATOM}updated")


def test_english_feed_links_to_english_pages(client):
    make_news(slug="english-link")
    channel = xml_root(client.get("/en/news/feed/rss/").content).find("channel")
    assert channel.findtext("title") == "Health economy network: news"
    assert channel.find("item").findtext("link") == "http://testserver/en/news/english-link/"


def test_news_list_announces_its_feeds(client):
    html = client.get("/aktuelles/").content.decode()
    assert 'type="application/rss+xml"' in html
    assert 'href="/aktuelles/feed/atom/"' in html


def test_atom_feed_names_the_network_as_author_of_the_feed_and_each_entry(client):
    make_news(slug="mit-autor")
    feed = xml_root(client.get("/aktuelles/feed/atom/").content)

    assert feed.find(f"{ATOM}author").findtext(f"{ATOM}name") == "Gesundheitswirtschaft im Netzwerk"
    entry = feed.find(f"{ATOM}entry")
    assert (
        entry.find(f"{ATOM}author").findtext(f"{ATOM}name") == "Gesundheitswirtschaft im Netzwerk"
    )
