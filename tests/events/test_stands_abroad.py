"""Joint stands abroad: the country by its name in the reader's language."""

import datetime as dt

import pytest
from django.utils import timezone, translation

from cooperations.models import CooperationPartner
from events.models import CoExhibitorApplication
from tests import factories

from .stands import make_application, make_stand, make_trade_fair

db = pytest.mark.django_db
PLACEHOLDER = timezone.make_aware(dt.datetime(2014, 1, 1, 9))


def make_stand_abroad(**fair):
    """An archive entry as the demo has them: country only, the date a placeholder."""
    values = {
        "title": "Gemeinschaftsstand Saarland – Fachmesse Indien",
        "slug": "fachmesse-indien",
        "start": PLACEHOLDER,
        "end": PLACEHOLDER + dt.timedelta(hours=8),
        "city": "",
        "venue_name": "",
        "country": "IN",
    }
    values.update(fair)
    event = make_trade_fair(**values)
    stand = make_stand(event, title=values["title"], application_deadline=None)
    return event, stand


# Country names -----------------------------------------------------------------------------


@db
def test_visitor_sees_the_country_of_a_stand_abroad_by_its_name(client):
    event, stand = make_stand_abroad()
    exhibitor = factories.make_organisation(name="Saar Medtech GmbH", slug="saar-medtech")
    make_application(stand, exhibitor, status=CoExhibitorApplication.Status.ACCEPTED)

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

    assert "<br>Niederlande</dd>" in german
    assert "<br>Netherlands</dd>" in english


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
    from tests.partnering.conftest import make_post

    post = make_post(factories.make_organisation(), target_countries=["NL", "FR", "IN"])

    assert "Niederlande, Frankreich, Indien" in client.get(post.get_absolute_url()).text
    english = client.get(f"/en/partnering/{post.pk}/").text
    assert "Netherlands, France, India" in english


def test_country_name_filter_in_both_languages_and_for_odd_codes():
    from cluster_portal.templatetags.portal import country_name

    with translation.override("de"):
        assert country_name("AE") == "Vereinigte Arabische Emirate"
        assert country_name("sg") == "Singapur"
    with translation.override("en"):
        assert country_name("BR") == "Brazil"
        assert country_name("XY") == "XY"  # unknown: shown as it is, never an error
        assert country_name("") == ""
        assert country_name(None) == ""
