import datetime as dt

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from news.models import NewsItem
from tests.factories import make_news

pytestmark = pytest.mark.django_db


def test_scheduled_item_stays_hidden_until_its_publication_time():
    scheduled = make_news(published_at=timezone.now() + dt.timedelta(hours=2))
    assert scheduled not in NewsItem.objects.published()


def test_scheduled_item_appears_once_its_publication_time_has_come():
    item = make_news(published_at=timezone.now() + dt.timedelta(hours=2))
    NewsItem.objects.filter(pk=item.pk).update(
        published_at=timezone.now() - dt.timedelta(seconds=1)
    )
    assert item in NewsItem.objects.published()


def test_draft_is_never_published_even_when_its_date_has_passed():
    draft = make_news(is_draft=True, published_at=timezone.now() - dt.timedelta(days=3))
    assert draft not in NewsItem.objects.published()


def test_scheduled_item_page_answers_404(client):
    item = make_news(published_at=timezone.now() + dt.timedelta(days=1))
    assert client.get(item.get_absolute_url()).status_code == 404


def test_draft_page_answers_404(client):
    item = make_news(is_draft=True)
    assert client.get(item.get_absolute_url()).status_code == 404


def test_news_list_shows_published_items_and_hides_scheduled_and_drafts(client):
    make_news(title="Veröffentlicht heute")
    make_news(title="Geplant morgen", published_at=timezone.now() + dt.timedelta(days=1))
    make_news(title="Noch ein Entwurf", is_draft=True)
    html = client.get("/aktuelles/").content.decode()
    assert "Veröffentlicht heute" in html
    assert "Geplant morgen" not in html
    assert "Noch ein Entwurf" not in html


def test_home_page_shows_latest_published_news_but_not_scheduled(client):
    make_news(title="Frische Meldung")
    make_news(title="Zukunftsmeldung", published_at=timezone.now() + dt.timedelta(days=1))
    html = client.get("/").content.decode()
    assert "Neueste Meldungen" in html
    assert "Frische Meldung" in html
    assert "Zukunftsmeldung" not in html


def test_home_page_news_section_costs_one_query(client):
    # Both visits render the page afresh, as the first visit after a change does.
    client.get("/")
    caches["fragments"].clear()
    with CaptureQueriesContext(connection) as before:
        client.get("/")
    for _ in range(5):
        make_news()
    caches["fragments"].clear()
    with CaptureQueriesContext(connection) as after:
        client.get("/")
    news_queries = [q for q in after.captured_queries if "news_newsitem" in q["sql"]]
    assert len(news_queries) == 1
    assert len(after.captured_queries) == len(before.captured_queries)


def test_item_published_in_the_past_keeps_its_date_order():
    older = make_news(published_at=timezone.now() - dt.timedelta(days=10))
    newer = make_news(published_at=timezone.now() - dt.timedelta(days=1))
    assert list(NewsItem.objects.published()) == [newer, older]
