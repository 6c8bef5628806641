import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar

from events.models import Event, Registration, Session, Speaker
from tests import factories
from tests.factories import make_open_event, make_registration
from tests.helpers import assert_constant_queries

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


def in_days(days):
    return timezone.now() + dt.timedelta(days=days)


def test_list_shows_upcoming_events_by_date_and_not_past_ones(client):
    factories.make_event(title="Später", start=in_days(20))
    factories.make_event(title="Bald", start=in_days(5))
    factories.make_event(title="Vorbei", start=in_days(-20))
    page = client.get("/veranstaltungen/").text
    assert page.index("Bald") < page.index("Später")
    assert "Vorbei" not in page
    english = client.get("/en/events/")
    assert english.status_code == 200
    assert "Upcoming" in english.text or "Past events (archive)" in english.text


def test_archive_lists_past_events_newest_first(client):
    factories.make_event(title="Symposium 2015", start=dt.datetime(2015, 9, 23, 10, tzinfo=BERLIN))
    factories.make_event(title="Konferenz 2016", start=dt.datetime(2016, 12, 7, 10, tzinfo=BERLIN))
    factories.make_event(title="Demnächst", start=in_days(3))
    response = client.get("/veranstaltungen/archiv/")
    assert response.status_code == 200
    assert response.text.index("Konferenz 2016") < response.text.index("Symposium 2015")
    assert "Demnächst" not in response.text
    assert client.get("/en/events/archive/").status_code == 200


def test_filter_by_kind_region_field_and_month(client, region, innovation_field):
    wanted = factories.make_event(
        title="Gesucht",
        kind=Event.Kind.SYMPOSIUM,
        region=region,
        start=in_days(40).replace(day=15),
    )
    wanted.innovation_fields.add(innovation_field)
    factories.make_event(title="Andere Art", kind=Event.Kind.WORKSHOP, region=region)
    factories.make_event(title="Andere Region", kind=Event.Kind.SYMPOSIUM)
    month = timezone.localtime(wanted.start).strftime("%Y-%m")
    query = f"?kind=symposium&region={region.slug}&field={innovation_field.slug}&month={month}"
    page = client.get("/veranstaltungen/" + query).text
    assert "Gesucht" in page
    assert "Andere Art" not in page and "Andere Region" not in page
    other_month = (timezone.localtime(wanted.start) + dt.timedelta(days=40)).strftime("%Y-%m")
    assert "Gesucht" not in client.get(f"/veranstaltungen/?month={other_month}").text


@pytest.mark.parametrize(
    "query", ["?month=2026-13", "?month=banana", "?region=nirgendwo", "?kind=party", "?page=x"]
)
def test_invalid_filter_values_get_a_message_not_an_error(client, query):
    factories.make_event(title="Sichtbar")
    response = client.get("/veranstaltungen/" + query)
    assert response.status_code == 200
    assert "Sichtbar" in response.text
    if "page" not in query:
        assert "nicht verstanden" in response.text


def test_list_paginates_and_keeps_filters(client):
    for day in range(25):
        factories.make_event(kind=Event.Kind.WORKSHOP, start=in_days(day + 1))
    page = client.get("/veranstaltungen/?kind=workshop").text
    assert "kind=workshop&amp;page=2" in page
    assert client.get("/veranstaltungen/?kind=workshop&page=2").status_code == 200


def test_event_page_in_german_and_english(client, organisation):
    event = make_open_event(
        title="Transatlantischer Workshop",
        venue_name="Telemedizinzentrum",
        venue_address="Pauwelsstraße 30",
        city="Aachen",
        price_cents=12000,
        capacity=30,
        organiser=organisation,
        languages=["de", "en"],
    )
    speaker = Speaker.objects.create(name="Dr. Beispiel", organisation=organisation)
    session = Session.objects.create(event=event, start=event.start, title="Telemedizin heute")
    session.speakers.add(speaker)
    german = client.get(event.get_absolute_url())
    assert german.status_code == 200
    for text in [
        "Telemedizinzentrum",
        "Pauwelsstraße 30",
        "120,00\xa0€",
        "Noch 30 Plätze frei",
        "Telemedizin heute",
        "Dr. Beispiel (Beispiel Medizintechnik GmbH)",
        "Deutsch, Englisch",
        "Anmelden",
        "Programm",
        ">Anmeldung</h2>",
    ]:
        assert text in german.text, text
    english = client.get(f"/en/events/{event.slug}/")
    assert english.status_code == 200
    for text in ["30 places left", "Agenda", "Register", "German, English"]:
        assert text in english.text, text


def test_unknown_events_answer_404(client):
    assert client.get("/veranstaltungen/gibt-es-nicht/").status_code == 404
    assert client.get("/veranstaltungen/gibt-es-nicht.ics").status_code == 404


def test_unpublished_events_are_hidden(client):
    event = factories.make_event(is_published=False)
    assert client.get(event.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(
    ("changes", "text"),
    [
        ({"registration_enabled": False}, "keine Anmeldung über das Portal vorgesehen"),
        ({"registration_opens": in_days(5)}, "Die Anmeldung öffnet am"),
        (
            {"registration_opens": in_days(-5), "registration_closes": in_days(-1)},
            "Die Anmeldung wurde am",
        ),
    ],
)
def test_without_an_open_window_the_form_is_gone_and_the_page_says_why(client, changes, text):
    event = make_open_event(**changes)
    response = client.get(event.get_absolute_url())
    assert text in response.text
    assert 'name="email"' not in response.text
    posted = client.post(
        event.get_absolute_url(),
        {"name": "X", "email": "x@example.org", "privacy_consent": "on"},
        follow=True,
    )
    assert not Registration.objects.exists()
    assert "nicht geöffnet" in posted.text


def test_past_event_page_says_registration_is_over(client):
    event = make_open_event(start=in_days(-3))
    assert "bereits stattgefunden" in client.get(event.get_absolute_url()).text


def test_ics_download_parses_back_with_the_event(client):
    event = make_open_event(title="Netzwerktreffen", venue_name="Gesundheitscampus", city="Bochum")
    response = client.get(f"/veranstaltungen/{event.slug}.ics")
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    (item,) = calendar.walk("VEVENT")
    assert str(item["summary"]) == "Netzwerktreffen"
    assert item.decoded("dtstart") == event.start.replace(microsecond=0)
    assert item.decoded("dtend") == event.end.replace(microsecond=0)
    assert "Gesundheitscampus, Bochum" in str(item["location"])
    assert str(item["url"]).endswith(event.get_absolute_url())


def test_feed_holds_all_upcoming_events_and_no_past_ones(client):
    factories.make_event(title="Eins", start=in_days(2))
    factories.make_event(title="Zwei", start=in_days(4))
    factories.make_event(title="Alt", start=in_days(-4))
    response = client.get("/veranstaltungen/feed.ics")
    calendar = Calendar.from_ical(response.content)
    titles = sorted(str(item["summary"]) for item in calendar.walk("VEVENT"))
    assert titles == ["Eins", "Zwei"]
    assert calendar.walk("VTIMEZONE")
    assert len({str(item["uid"]) for item in calendar.walk("VEVENT")}) == 2


def feed_titles(client) -> list[str]:
    calendar = Calendar.from_ical(client.get("/veranstaltungen/feed.ics").content)
    return sorted(str(item["summary"]) for item in calendar.walk("VEVENT"))


def test_feed_is_written_once_for_every_calendar_that_polls_it(client):
    factories.make_event(title="Eins", start=in_days(2))
    feed_titles(client)

    with CaptureQueriesContext(connection) as queries:
        assert feed_titles(client) == ["Eins"]

    assert not [q for q in queries.captured_queries if "events_event" in q["sql"]]


def test_feed_shows_a_changed_event_at_once(client):
    event = factories.make_event(title="Eins", start=in_days(2))
    feed_titles(client)

    event.title = "Eins (verschoben)"
    event.save()
    factories.make_event(title="Zwei", start=in_days(3))

    assert feed_titles(client) == ["Eins (verschoben)", "Zwei"]


def test_list_page_runs_a_constant_number_of_queries(client, region, innovation_field):
    def add(n):
        for _ in range(n):
            event = make_open_event(region=region, capacity=5)
            event.innovation_fields.add(innovation_field)
            make_registration(event, status=Registration.Status.CONFIRMED)

    assert_constant_queries(client, "/veranstaltungen/", add)


def test_event_page_runs_a_constant_number_of_queries(client, organisation, innovation_field):
    event = make_open_event(capacity=1000, organiser=organisation)
    event.innovation_fields.add(innovation_field)

    def add(n):
        for i in range(n):
            registration = make_registration(
                event,
                status=Registration.Status.CONFIRMED,
                organisation_name=f"Org {i}",
                show_organisation_publicly=True,
            )
            speaker = Speaker.objects.create(name=registration.name, organisation=organisation)
            session = Session.objects.create(event=event, start=event.start, title=f"S {i}")
            session.speakers.add(speaker)
            event.co_organisers.add(factories.make_organisation())

    assert_constant_queries(client, event.get_absolute_url(), add)


@pytest.mark.parametrize(
    ("url", "any_month"), [("/veranstaltungen/", "Alle Monate"), ("/en/events/", "Any month")]
)
def test_month_filter_offers_the_months_with_events_and_a_named_empty_choice(
    client, url, any_month
):
    event = factories.make_event(title="Im Monat", start=in_days(40))
    month = timezone.localtime(event.start)
    html = client.get(url).text
    select = re.search(r'<select name="month"[^>]*>(.*?)</select>', html, re.S).group(1)
    assert f'<option value="" selected>{any_month}</option>' in select
    assert f'value="{month:%Y-%m}"' in select
    assert 'type="month"' not in html


def test_english_event_dates_use_day_month_year_and_the_24_hour_clock(client):
    start = dt.datetime(2036, 12, 27, 10, tzinfo=ZoneInfo("Europe/Berlin"))
    factories.make_event(slug="abend", start=start, end=start + dt.timedelta(hours=2))
    page = client.get("/en/events/abend/").text
    assert "27 December 2036, 10:00" in page
    assert "a.m." not in page and "Dec." not in page
