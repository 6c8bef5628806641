"""Dates, times, numbers and amounts follow the page's language."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from events.periods import event_period
from stands.models import JointStand
from tests import factories

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def event(db):
    return factories.make_event(
        slug="fachtag",
        price_cents=123450,  # thousands separated by the locale
        seller=factories.make_seller(),
        start=dt.datetime(2031, 3, 4, 14, 30, tzinfo=BERLIN),
        end=dt.datetime(2031, 3, 4, 18, 0, tzinfo=BERLIN),
    )


def test_german_event_page_shows_german_amount_and_24_hour_clock(client, event):
    page = client.get("/veranstaltungen/fachtag/").content.decode()
    assert "1.234,50\xa0€" in page
    assert "4. März 2031, 14:30–18:00 Uhr" in page


def test_english_event_page_shows_english_amount_and_date(client, event):
    page = client.get("/en/events/fachtag/").content.decode()
    assert "€1,234.50" in page
    assert "4 March 2031, 14:30–18:00" in page
    assert "1.234,50" not in page


def test_key_figures_use_the_languages_separators(client, db):
    region = factories.make_region(slug="ruhr")
    region.figures.create(
        label="Beschäftigte", value=Decimal("12345.5"), year=2020, source="IT.NRW"
    )
    assert "12.345,5" in client.get("/regionen/ruhr/").content.decode()
    assert "12,345.5" in client.get("/en/regions/ruhr/").content.decode()


@pytest.mark.parametrize(("language", "amount"), [("de", "2.450,00\xa0€"), ("en", "€2,450.00")])
def test_stand_place_price_has_thousands_separator_and_currency_sign(db, client, language, amount):
    # Babel puts a no-break space between number and sign in German, so "€" never wraps alone.
    fair = factories.make_event(
        slug="messe", start=dt.datetime(2031, 5, 6, 9, tzinfo=BERLIN), kind="trade_fair"
    )
    JointStand.objects.create(
        event=fair,
        title="Gemeinschaftsstand",
        places=6,
        price_cents=245000,
        seller=factories.make_seller(),
    )
    url = "/veranstaltungen/messe/" if language == "de" else "/en/events/messe/"
    page = client.get(url).content.decode()
    assert amount in page
    assert "2450,00" not in page and "EUR" not in page


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("de", "6. Mai 2031, 09:00 Uhr bis 8. Mai 2031, 18:00 Uhr"),
        ("en", "6 May 2031, 09:00 – 8 May 2031, 18:00"),
    ],
)
def test_event_over_several_days_names_both_days_with_their_times(db, language, expected):
    fair = factories.make_event(
        start=dt.datetime(2031, 5, 6, 9, tzinfo=BERLIN),
        end=dt.datetime(2031, 5, 8, 18, tzinfo=BERLIN),
    )
    with translation.override(language):
        assert event_period(fair) == expected


def test_event_mail_says_when_in_the_recipients_language(db):
    event = factories.make_event(
        title="Fachtag Pflege",
        start=dt.datetime(2031, 3, 4, 14, 30, tzinfo=BERLIN),
        end=dt.datetime(2031, 3, 4, 18, 0, tzinfo=BERLIN),
    )
    with translation.override("de"):
        german = render_to_string("events/emails/_event.txt", {"event": event})
    with translation.override("en"):
        english = render_to_string("events/emails/_event.txt", {"event": event})
    assert "Wann: 4. März 2031, 14:30–18:00 Uhr" in german
    assert "When: 4 March 2031, 14:30–18:00" in english
    assert "<time" not in german + english
