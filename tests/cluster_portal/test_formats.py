"""Dates, times, numbers and amounts follow the page's language."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from tests import factories

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def event(db):
    return factories.make_event(
        slug="fachtag",
        fee=Decimal("1234.50"),
        start=dt.datetime(2031, 3, 4, 14, 30, tzinfo=BERLIN),
        end=dt.datetime(2031, 3, 4, 18, 0, tzinfo=BERLIN),
    )


def test_german_event_page_shows_german_amount_and_24_hour_clock(client, event):
    page = client.get("/veranstaltungen/fachtag/").content.decode()
    assert "1.234,50 EUR" in page
    assert "4. März 2031 14:30" in page


def test_english_event_page_shows_english_amount_and_date(client, event):
    page = client.get("/en/events/fachtag/").content.decode()
    assert "1,234.50 EUR" in page
    assert "March 4, 2031" in page
    assert "1.234,50" not in page


def test_key_figures_use_the_languages_separators(client, db):
    region = factories.make_region(slug="ruhr")
    region.figures.create(
        label="Beschäftigte", value=Decimal("12345.5"), year=2020, source="IT.NRW"
    )
    assert "12.345,5" in client.get("/regionen/ruhr/").content.decode()
    assert "12,345.5" in client.get("/en/regions/ruhr/").content.decode()
