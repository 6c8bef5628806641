"""Joint stands abroad: the country by its name in the reader's language, and an unknown date
shown as unknown everywhere (never the placeholder day, no calendar file, not in the feed)."""

import datetime as dt
import re

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format

from cooperations.models import CooperationPartner
from stands.models import CoExhibitorApplication
from tests import factories
from tests.factories import (
    PLACEHOLDER_START,
    make_stand,
    make_stand_abroad,
    make_stand_application,
    make_trade_fair,
)

db = pytest.mark.django_db


def placeholder_shown(html: str) -> bool:
    """Whether the page shows the placeholder day anywhere (text, <time>, structured data)."""
    with translation.override("de"):
        german = date_format(PLACEHOLDER_START, "DATE_FORMAT")
    with translation.override("en"):
        english = date_format(PLACEHOLDER_START, "DATE_FORMAT")
    return "2014-01-01" in html or german in html or english in html


# Country names -----------------------------------------------------------------------------


@db
def test_visitor_sees_the_country_of_a_stand_abroad_by_its_name(client):
    event, stand = make_stand_abroad()
    exhibitor = factories.make_organisation(name="Saar Medtech GmbH", slug="saar-medtech")
    make_stand_application(stand, exhibitor, status=CoExhibitorApplication.Status.ACCEPTED)

    pages = {
        "de": [
            "/veranstaltungen/gemeinschaftsstaende/",
            event.get_absolute_url(),
            exhibitor.get_absolute_url(),
        ],
        "en": [
            "/en/events/joint-stands/",
            "/en/events/fachmesse-indien/",
            "/en/members/saar-medtech/",
        ],
    }
    for url in pages["de"]:
        html = client.get(url).text
        assert "Indien" in html.replace(stand.title, ""), url
        assert "(IN)" not in html and "· IN" not in html, url
    for url in pages["en"]:
        html = client.get(url).text
        assert "India" in html, url
        assert "(IN)" not in html and "· IN" not in html, url


@db
def test_a_fair_abroad_with_a_city_shows_city_and_country(client):
    fair = make_trade_fair(slug="medica-amsterdam", city="Amsterdam", country="NL")
    make_stand(fair)

    assert "Amsterdam (Niederlande)" in client.get("/veranstaltungen/gemeinschaftsstaende/").text
    assert "Amsterdam (Niederlande)" in client.get(fair.get_absolute_url()).text
    assert "Amsterdam (Netherlands)" in client.get("/en/events/medica-amsterdam/").text


@db
def test_profile_of_an_organisation_abroad_shows_its_country_by_name(client):
    organisation = factories.make_organisation(
        slug="medtech-bv", street="Keizersgracht 1", postcode="1015", city="Amsterdam"
    )
    organisation.country = "NL"
    organisation.save()

    german = client.get(organisation.get_absolute_url()).text
    english = client.get("/en/members/medtech-bv/").text

    assert re.search(
        r"<address[^>]*>[^<]*<br>Keizersgracht 1<br>1015 Amsterdam<br>Niederlande", german
    )
    assert re.search(
        r"<address[^>]*>[^<]*<br>Keizersgracht 1<br>1015 Amsterdam<br>Netherlands", english
    )


@db
def test_partner_page_shows_the_partners_country_by_name(client):
    partner = factories.make_organisation(
        slug="indian-health-council",
        status="none",
        is_partner=True,
        city="Bengaluru",
        country="IN",
    )
    cooperation = factories.make_cooperation(slug="indien-kooperation")
    CooperationPartner.objects.create(
        cooperation=cooperation, organisation=partner, role=CooperationPartner.Role.HOST
    )

    assert "Bengaluru, Indien" in client.get("/kooperationen/partner/indian-health-council/").text
    english = client.get("/en/cooperations/partners/indian-health-council/").text
    assert "Bengaluru, India" in english


@db
def test_partnering_post_names_its_target_countries(client):
    from tests.factories import make_post

    post = make_post(factories.make_organisation(), target_countries=["NL", "FR", "IN"])

    assert "Niederlande, Frankreich, Indien" in client.get(post.get_absolute_url()).text
    english = client.get(f"/en/partnering/{post.pk}/").text
    assert "Netherlands, France, India" in english


def test_country_name_filter_in_both_languages_and_for_odd_codes():
    from core.templatetags.portal import country_name

    with translation.override("de"):
        assert country_name("AE") == "Vereinigte Arabische Emirate"
        assert country_name("sg") == "Singapur"
    with translation.override("en"):
        assert country_name("BR") == "Brazil"
        assert country_name("XY") == "XY"  # unknown: shown as it is, never an error
        assert country_name("") == ""
        assert country_name(None) == ""


# Unknown dates -----------------------------------------------------------------------------


@db
def test_an_unknown_date_is_shown_as_unknown_on_every_page(client):
    event, stand = make_stand_abroad()
    exhibitor = factories.make_organisation(slug="saar-medtech")
    make_stand_application(stand, exhibitor, status=CoExhibitorApplication.Status.ACCEPTED)
    cooperation = factories.make_cooperation(slug="saarland-international")
    cooperation.events.add(event)

    german = [
        "/veranstaltungen/archiv/",
        "/veranstaltungen/gemeinschaftsstaende/",
        exhibitor.get_absolute_url(),
        "/kooperationen/saarland-international/",
    ]
    for url in german:
        html = client.get(url).text
        assert event.title in html, url
        assert "Datum nicht verzeichnet" in html, url
        assert not placeholder_shown(html), url
    detail = client.get(event.get_absolute_url()).text
    assert "Das genaue Datum ist nicht verzeichnet." in detail
    assert not placeholder_shown(detail)

    english = client.get("/en/events/archive/").text
    assert "date not recorded" in english
    assert not placeholder_shown(english)
    assert "The exact date is not recorded." in client.get("/en/events/fachmesse-indien/").text


@db
def test_an_event_with_an_unknown_date_has_no_calendar_file(client):
    event, _stand = make_stand_abroad()

    page = client.get(event.get_absolute_url()).text

    assert ".ics" not in page
    assert "Zum Kalender hinzufügen" not in page
    assert client.get("/veranstaltungen/fachmesse-indien.ics").status_code == 404
    assert client.get("/en/events/fachmesse-indien.ics").status_code == 404


@db
def test_an_event_with_a_known_date_keeps_its_calendar_file(client):
    event = factories.make_event(slug="netzwerktreffen")

    assert "/veranstaltungen/netzwerktreffen.ics" in client.get(event.get_absolute_url()).text
    response = client.get("/veranstaltungen/netzwerktreffen.ics")
    assert response.status_code == 200
    assert b"BEGIN:VEVENT" in response.content


@db
def test_the_calendar_feed_leaves_out_events_without_a_known_date(client):
    soon = timezone.now() + dt.timedelta(days=60)
    factories.make_event(title="Messe mit Datum", slug="mit-datum", start=soon)
    # A planned fair whose date is not fixed yet: the placeholder lies in the future.
    factories.make_event(title="Messe ohne Datum", slug="ohne-datum", start=soon, date_unknown=True)

    feed = client.get("/veranstaltungen/feed.ics").content.decode()

    assert "Messe mit Datum" in feed
    assert "Messe ohne Datum" not in feed
    assert feed.count("BEGIN:VEVENT") == 1


@db
def test_the_month_filter_does_not_offer_the_placeholder_month(client):
    make_stand_abroad()
    factories.make_event(
        title="Workshop 2014", slug="workshop-2014", start=PLACEHOLDER_START + dt.timedelta(days=40)
    )

    archive = client.get("/veranstaltungen/archiv/").text
    january = client.get("/veranstaltungen/archiv/?month=2014-01").text

    assert 'value="2014-02"' in archive
    assert 'value="2014-01"' not in archive
    assert "Fachmesse Indien" not in january
