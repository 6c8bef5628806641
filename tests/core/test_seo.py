import datetime as dt
import json
import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone, translation

from cooperations.models import CooperationPartner
from events.models import Registration
from members.models import EMPLOYEE_RANGES, ContactPerson, Organisation
from regions.models import FederalState, Region
from tests import factories
from tests.factories import (
    image_bytes,
    make_news,
    make_picture,
    make_registration,
    make_stand,
    make_trade_fair,
)
from tests.helpers import sitemap_urls

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture(autouse=True)
def _german_by_default():
    with translation.override("de"):
        yield


def jsonld(html: str) -> list[dict]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    return [json.loads(block) for block in blocks]


def sitemap_entries(client) -> dict[str, dict[str, str]]:
    """{location: {hreflang: href}} of every URL in the sitemap (the index and its pages)."""
    return {
        location: {link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")}
        for location, url in sitemap_urls(client).items()
    }


# sitemap.xml


def test_sitemap_lists_static_pages_in_both_languages(client):
    entries = sitemap_entries(client)
    for path in [
        "/",
        "/mitglieder/",
        "/regionen/",
        "/veranstaltungen/",
        "/aktuelles/",
        "/en/",
        "/en/news/",
        "/impressum/",
        "/en/members/",
        "/en/imprint/",
    ]:
        assert f"http://testserver{path}" in entries, path


def test_sitemap_lists_every_public_kind_and_nothing_hidden(client, region):
    member = factories.make_organisation(slug="mitglied")
    factories.make_organisation(slug="bewerber", status=Organisation.Status.APPLICANT)
    factories.make_event(slug="offen")
    factories.make_event(slug="intern", is_published=False)
    factories.make_cooperation(slug="partnerschaft")
    make_news(slug="erschienen")
    make_news(slug="geplant", published_at=timezone.now() + dt.timedelta(days=1))
    make_news(slug="entwurf", is_draft=True)
    entries = sitemap_entries(client)
    expected = [
        "/regionen/muensterland/",
        f"/mitglieder/{member.slug}/",
        "/veranstaltungen/offen/",
        "/kooperationen/partnerschaft/",
        "/aktuelles/erschienen/",
        "/en/news/erschienen/",
    ]
    for path in expected:
        assert f"http://testserver{path}" in entries, path
    locations = " ".join(entries)
    for hidden in ["bewerber", "intern", "geplant", "entwurf"]:
        assert hidden not in locations


def test_sitemap_entries_carry_hreflang_alternates_with_x_default(client):
    make_news(slug="mit-alternativen")
    links = sitemap_entries(client)["http://testserver/aktuelles/mit-alternativen/"]
    assert links == {
        "de": "http://testserver/aktuelles/mit-alternativen/",
        "en": "http://testserver/en/news/mit-alternativen/",
        "x-default": "http://testserver/aktuelles/mit-alternativen/",
    }


def test_news_item_in_sitemap_has_its_last_change(client):
    make_news(slug="mit-datum")
    url = sitemap_urls(client).get("http://testserver/aktuelles/mit-datum/")
    assert url is not None, "news item missing from the sitemap"
    assert url.findtext(f"{SITEMAP}lastmod")


# robots.txt


def test_robots_txt_allows_all_but_admin_and_points_at_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Allow: /" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


# canonical, title, description, Open Graph


def meta(html: str, prop: str) -> str | None:
    match = re.search(rf'<meta property="{re.escape(prop)}" content="([^"]*)">', html)
    return match.group(1) if match else None


def test_news_page_has_canonical_title_description_and_open_graph(client):
    item = make_news(
        title="Neues & Bewährtes", teaser="Was sich im Netzwerk tut.", slug="neues-und-bewaehrtes"
    )
    html = client.get(item.get_absolute_url() + "?utm_source=mail").content.decode()
    url = "http://testserver/aktuelles/neues-und-bewaehrtes/"
    assert f'<link rel="canonical" href="{url}">' in html
    assert "<title>Neues &amp; Bewährtes · Gesundheitswirtschaft im Netzwerk</title>" in html
    assert '<meta name="description" content="Was sich im Netzwerk tut.">' in html
    assert meta(html, "og:title") == "Neues &amp; Bewährtes"
    assert meta(html, "og:description") == "Was sich im Netzwerk tut."
    assert meta(html, "og:url") == url
    assert meta(html, "og:type") == "article"
    assert meta(html, "og:locale") == "de_DE"
    assert meta(html, "og:locale:alternate") == "en_GB"
    assert meta(html, "og:image") is None


def test_english_page_has_english_open_graph_locale(client):
    html = client.get("/en/news/").content.decode()
    assert meta(html, "og:locale") == "en_GB"
    assert '<link rel="canonical" href="http://testserver/en/news/">' in html


def test_canonical_drops_filters_but_keeps_the_page_number(client):
    html = client.get("/aktuelles/?kind=article&page=2").content.decode()
    assert '<link rel="canonical" href="http://testserver/aktuelles/?page=2">' in html


def head_alternates(html: str) -> dict[str, str]:
    """{hreflang: href} of the page's own <link rel="alternate" hreflang=…> in the head."""
    head = html.split("</head>", 1)[0]
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', head))


@pytest.mark.parametrize("path", ["/aktuelles/mit-alternativen/", "/en/news/mit-alternativen/"])
def test_page_head_names_both_languages_and_the_german_page_as_x_default(client, path):
    make_news(slug="mit-alternativen")

    links = head_alternates(client.get(path).content.decode())

    assert links == {
        "de": "http://testserver/aktuelles/mit-alternativen/",
        "en": "http://testserver/en/news/mit-alternativen/",
        "x-default": "http://testserver/aktuelles/mit-alternativen/",
    }


def test_page_head_x_default_keeps_the_query_and_the_portal_address(client, settings):
    settings.PORTAL_BASE_URL = "https://portal.example.org"

    html = client.get("/en/events/?page=2", HTTP_HOST="localhost").content.decode()

    assert (
        head_alternates(html)["x-default"] == "https://portal.example.org/veranstaltungen/?page=2"
    )


def test_every_section_page_has_its_own_title_and_open_graph_tags(client):
    titles = set()
    for url in ["/", "/mitglieder/", "/regionen/", "/veranstaltungen/", "/aktuelles/"]:
        html = client.get(url).content.decode()
        title = re.search(r"<title>(.*?)</title>", html).group(1)
        titles.add(title)
        assert meta(html, "og:title")
        assert meta(html, "og:type") == "website"
        assert re.search(r'<meta name="description" content="[^"]+">', html)
    assert len(titles) == 5


def test_canonical_link_names_the_portal_even_for_a_forbidden_host_header(settings):
    settings.PORTAL_BASE_URL = "https://portal.example.org"
    request = RequestFactory().get("/aktuelles/", HTTP_HOST="evil.example")
    html = Template("{% load seo %}{% canonical_url %}").render(Context({"request": request}))
    assert html == "https://portal.example.org/aktuelles/"


# JSON-LD: each page's structured data, parsed out of the page as a search engine reads it


def page_jsonld(client, url: str) -> list[dict]:
    response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return jsonld(response.content.decode())


def of_type(blocks: list[dict], schema_type: str) -> list[dict]:
    return [block for block in blocks if block["@type"] == schema_type]


def test_news_page_carries_a_news_article(client, innovation_field):
    item = make_news(
        title="Workshop in Aachen",
        teaser="Fachleute trafen sich.",
        slug="workshop-in-aachen",
        innovation_fields=[innovation_field],
    )
    [data] = page_jsonld(client, item.get_absolute_url())
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Workshop in Aachen"
    assert data["description"] == "Fachleute trafen sich."
    assert data["url"] == "http://testserver/aktuelles/workshop-in-aachen/"
    assert dt.datetime.fromisoformat(data["datePublished"]) == item.published_at
    assert dt.datetime.fromisoformat(data["dateModified"]) >= item.published_at
    assert data["publisher"]["@type"] == "Organization"
    assert data["publisher"]["name"] == "Gesundheitswirtschaft im Netzwerk"
    assert data["author"]["name"]
    assert data["inLanguage"] == "de"
    assert data["about"] == ["Telemedizin"]
    assert "image" not in data


def test_news_article_headline_is_shortened_to_110_characters(client):
    item = make_news(title="Sehr lang " * 19)
    [data] = page_jsonld(client, item.get_absolute_url())
    assert len(data["headline"]) <= 110
    assert data["headline"].startswith("Sehr lang Sehr lang")


def test_news_image_is_named_with_its_absolute_address(client):
    item = make_news(picture=make_picture())
    original = item.picture.original
    [data] = page_jsonld(client, item.get_absolute_url())
    # Uploads are served by the proxy (or object storage), not by the app: the file is there.
    assert data["image"] == [f"http://testserver{original.url}"]
    assert original.url.startswith("/media/pictures/")
    assert original.storage.exists(original.name)


def test_json_ld_cannot_be_broken_out_of(client):
    hostile = '</script><script>alert("x")</script><!--'
    item = make_news(title=hostile, teaser="a & b")
    html = client.get(item.get_absolute_url()).content.decode()
    assert '</script><script>alert("x")' not in html
    [data] = jsonld(html)
    assert data["headline"] == hostile
    assert data["description"] == "a & b"


# Events


def test_search_engines_find_an_events_venue_as_a_postal_address(client, region):
    start = timezone.make_aware(dt.datetime(2030, 5, 4, 9, 30))
    event = factories.make_event(
        title="Netzwerktreffen Telemedizin",
        slug="netzwerktreffen",
        start=start,
        end=start + dt.timedelta(hours=6),
        venue_name="Gesundheitscampus NRW",
        venue_address="Gesundheitscampus 10",
        city="Bochum",
        region=region,
        summary="Mitglieder stellen Projekte vor.",
        languages=["de", "en"],
    )
    [data] = page_jsonld(client, event.get_absolute_url())
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Event"
    assert data["name"] == "Netzwerktreffen Telemedizin"
    assert data["url"] == "http://testserver/veranstaltungen/netzwerktreffen/"
    assert data["description"] == "Mitglieder stellen Projekte vor."
    assert dt.datetime.fromisoformat(data["startDate"]) == start
    assert dt.datetime.fromisoformat(data["endDate"]) == start + dt.timedelta(hours=6)
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"] == {
        "@type": "Place",
        "name": "Gesundheitscampus NRW",
        "address": {
            "@type": "PostalAddress",
            "streetAddress": "Gesundheitscampus 10",
            "addressLocality": "Bochum",
            "addressCountry": "DE",
        },
    }
    assert data["inLanguage"] == ["de", "en"]
    # Nothing the event does not record: no status, organiser, offer or image.
    for absent in ["eventStatus", "organizer", "offers", "image"]:
        assert absent not in data


def test_event_description_falls_back_to_the_text_without_markup(client):
    event = factories.make_event(summary="", description="<p>Ein <b>langer</b> Text.</p>")
    [data] = page_jsonld(client, event.get_absolute_url())
    assert data["description"] == "Ein langer Text."


def test_an_event_with_registration_and_a_fee_offers_its_places(client):
    opens = timezone.now() - dt.timedelta(days=2)
    closes = timezone.now() + dt.timedelta(days=10)
    event = factories.make_event(
        slug="mit-gebuehr",
        registration_enabled=True,
        price_cents=4900,
        capacity=10,
        registration_opens=opens,
        registration_closes=closes,
    )
    make_registration(event, status=Registration.Status.CONFIRMED)
    [data] = page_jsonld(client, event.get_absolute_url())
    assert data["offers"] == {
        "@type": "Offer",
        "url": "http://testserver/veranstaltungen/mit-gebuehr/",
        "price": "49.00",
        "priceCurrency": "EUR",
        "availability": "https://schema.org/InStock",
        "validFrom": data["offers"]["validFrom"],
        "validThrough": data["offers"]["validThrough"],
    }
    assert dt.datetime.fromisoformat(data["offers"]["validFrom"]) == opens
    assert dt.datetime.fromisoformat(data["offers"]["validThrough"]) == closes


def test_a_free_event_with_registration_offers_its_places_at_price_zero(client):
    event = factories.make_event(registration_enabled=True)
    [data] = page_jsonld(client, event.get_absolute_url())
    assert data["offers"]["price"] == "0.00"
    assert data["offers"]["priceCurrency"] == "EUR"
    assert data["offers"]["availability"] == "https://schema.org/InStock"
    assert "validFrom" not in data["offers"]


def test_a_fully_booked_event_is_sold_out(client):
    event = factories.make_event(registration_enabled=True, capacity=1, price_cents=2000)
    make_registration(event, status=Registration.Status.CONFIRMED)
    [data] = page_jsonld(client, event.get_absolute_url())
    assert data["offers"]["availability"] == "https://schema.org/SoldOut"
    assert data["offers"]["price"] == "20.00"


def test_the_offer_sells_out_on_the_next_visit_after_the_last_place_is_taken(client):
    event = factories.make_event(registration_enabled=True, capacity=1)
    [before] = page_jsonld(client, event.get_absolute_url())
    make_registration(event, status=Registration.Status.CONFIRMED)
    [after] = page_jsonld(client, event.get_absolute_url())
    assert before["offers"]["availability"] == "https://schema.org/InStock"
    assert after["offers"]["availability"] == "https://schema.org/SoldOut"


def test_an_event_without_registration_through_the_portal_offers_nothing(client):
    event = factories.make_event(price_cents=12000)
    [data] = page_jsonld(client, event.get_absolute_url())
    assert "offers" not in data


def test_online_event_gets_a_virtual_location_without_its_private_link(client):
    event = factories.make_event(
        title="Webinar",
        slug="webinar",
        city="",
        is_online=True,
        online_link="https://example.org/webinar-secret",
    )
    html = client.get(event.get_absolute_url()).content.decode()
    [data] = jsonld(html)
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"] == {
        "@type": "VirtualLocation",
        "url": "http://testserver/veranstaltungen/webinar/",
    }
    assert "webinar-secret" not in html


def test_hybrid_event_has_place_and_virtual_location(client):
    event = factories.make_event(
        city="Aachen", is_online=True, online_link="https://example.org/stream"
    )
    [data] = page_jsonld(client, event.get_absolute_url())
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert [place["@type"] for place in data["location"]] == ["Place", "VirtualLocation"]
    assert data["location"][0]["address"]["addressLocality"] == "Aachen"


def test_event_organizer_is_its_organiser_and_co_organisers(client):
    organiser = factories.make_organisation(
        name="ZTG GmbH", slug="ztg", website="https://www.ztg-nrw.de"
    )
    partner = factories.make_organisation(
        name="CREATIVE.NRW",
        slug="creative-nrw",
        status=Organisation.Status.NON_MEMBER,
        joined_on=None,
        is_partner=True,
    )
    event = factories.make_event(organiser=organiser)
    event.co_organisers.add(partner)
    [data] = page_jsonld(client, event.get_absolute_url())
    assert data["organizer"] == [
        {
            "@type": "Organization",
            "name": "ZTG GmbH",
            "url": "http://testserver/mitglieder/ztg/",
            "sameAs": ["https://www.ztg-nrw.de"],
        },
        {
            "@type": "Organization",
            "name": "CREATIVE.NRW",
            "url": "http://testserver/kooperationen/partner/creative-nrw/",
        },
    ]


def test_a_stand_at_a_fair_whose_date_is_unknown_has_no_event_markup(client):
    fair = make_trade_fair(start=timezone.make_aware(dt.datetime(2014, 1, 1)), date_unknown=True)
    make_stand(fair, title="Gemeinschaftsstand Indien", application_deadline=None)
    html = client.get(fair.get_absolute_url()).content.decode()
    assert "Das genaue Datum ist nicht verzeichnet." in html
    assert jsonld(html) == []
    assert "2014-01-01" not in html


def test_an_unpublished_stand_with_an_unknown_date_still_withholds_the_placeholder(client):
    fair = make_trade_fair(start=timezone.make_aware(dt.datetime(2014, 1, 1)), date_unknown=True)
    make_stand(fair, application_deadline=None, is_published=False)
    assert page_jsonld(client, fair.get_absolute_url()) == []


def test_a_trade_fair_with_a_known_date_is_an_event(client):
    fair = make_trade_fair()
    make_stand(fair)
    [data] = page_jsonld(client, fair.get_absolute_url())
    assert data["@type"] == "Event"
    assert dt.datetime.fromisoformat(data["startDate"]) == fair.start


# Organisations


def test_an_organisations_profile_gives_its_postal_address_and_public_contact(client, region):
    organisation = factories.make_organisation(
        name="Uniklinik RWTH Aachen",
        slug="uniklinik-rwth-aachen",
        street="Pauwelsstraße 30",
        postcode="52074",
        city="Aachen",
        website="https://www.ukaachen.de",
        email="info@ukaachen.de",
        phone="+49 241 800",
        description="Universitätsklinikum mit Telemedizinzentrum.",
        employee_band=Organisation.EmployeeBand.VERY_LARGE,
        founded_year=1966,
        region=region,
    )
    [data] = page_jsonld(client, organisation.get_absolute_url())
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Organization"
    assert data["name"] == "Uniklinik RWTH Aachen"
    assert data["url"] == "http://testserver/mitglieder/uniklinik-rwth-aachen/"
    assert data["sameAs"] == ["https://www.ukaachen.de"]
    assert data["description"] == "Universitätsklinikum mit Telemedizinzentrum."
    assert data["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "Pauwelsstraße 30",
        "postalCode": "52074",
        "addressLocality": "Aachen",
        "addressCountry": "DE",
    }
    assert data["email"] == "info@ukaachen.de"
    assert data["telephone"] == "+49 241 800"
    assert data["foundingDate"] == "1966"
    assert data["numberOfEmployees"] == {"@type": "QuantitativeValue", "minValue": 1000}
    assert data["memberOf"]["name"] == "Gesundheitswirtschaft im Netzwerk"
    assert "logo" not in data


def test_an_organisations_logo_is_its_uploaded_logo(client):
    organisation = factories.make_organisation(slug="mit-logo")
    organisation.logo = SimpleUploadedFile("logo.png", image_bytes(), content_type="image/png")
    organisation.save()
    [data] = page_jsonld(client, organisation.get_absolute_url())
    assert data["logo"] == f"http://testserver{organisation.logo.url}"
    assert organisation.logo.url.startswith("/media/logos/")
    assert organisation.logo.storage.exists(organisation.logo.name)


def test_contact_persons_never_reach_the_structured_data(client):
    organisation = factories.make_organisation(slug="mit-kontakten", email="info@example.org")
    ContactPerson.objects.create(
        organisation=organisation, name="Petra Privat", email="petra@example.org", phone="0201 1"
    )
    ContactPerson.objects.create(
        organisation=organisation,
        name="Otto Offen",
        email="otto@example.org",
        phone="0201 2",
        is_public=True,
    )
    html = client.get(organisation.get_absolute_url()).content.decode()
    assert "Otto Offen" in html  # shown on the page with his agreement …
    [data] = jsonld(html)
    text = json.dumps(data)
    for detail in ["Petra", "petra@", "0201 1", "Otto", "otto@", "0201 2"]:
        assert detail not in text  # … but the markup names only the organisation's own
    assert data["email"] == "info@example.org"


def test_partner_page_describes_the_partner_as_an_organization(client):
    partner = factories.make_organisation(
        name="Health Valley",
        slug="health-valley",
        status=Organisation.Status.NON_MEMBER,
        joined_on=None,
        is_partner=True,
        city="Nijmegen",
        country="NL",
        street="Toernooiveld 1",
        email="info@healthvalley.nl",
        website="https://www.healthvalley.nl",
        description="Netzwerk in den Niederlanden.",
    )
    [data] = page_jsonld(client, "/kooperationen/partner/health-valley/")
    assert data == {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": "Health Valley",
        "url": "http://testserver/kooperationen/partner/health-valley/",
        "sameAs": ["https://www.healthvalley.nl"],
        "description": "Netzwerk in den Niederlanden.",
        "address": {
            "@type": "PostalAddress",
            "addressLocality": "Nijmegen",
            "addressCountry": "NL",
        },
    }
    assert partner.email not in json.dumps(data)  # the partner page does not show it


def test_a_member_partners_page_points_at_its_profile(client):
    factories.make_organisation(name="ZTG GmbH", slug="ztg", is_partner=True)
    [data] = page_jsonld(client, "/kooperationen/partner/ztg/")
    assert data["url"] == "http://testserver/mitglieder/ztg/"
    assert data["memberOf"]["@type"] == "Organization"


def test_cooperation_page_names_its_partners_as_organizations(client):
    cooperation = factories.make_cooperation(
        title="Transatlantische Partnerschaft",
        slug="transatlantisch",
        summary="Austausch mit Partnern in den USA.",
    )
    member = factories.make_organisation(name="ZTG GmbH", slug="ztg")
    partner = factories.make_organisation(
        name="Medical Alley",
        slug="medical-alley",
        status=Organisation.Status.NON_MEMBER,
        joined_on=None,
        is_partner=True,
        website="https://medicalalley.org",
    )
    unlisted = factories.make_organisation(
        name="Stiftung ohne Seite", status=Organisation.Status.NON_MEMBER, joined_on=None
    )
    for organisation, role in [
        (member, CooperationPartner.Role.CO_ORGANISER),
        (member, CooperationPartner.Role.HOST),
        (partner, CooperationPartner.Role.MEMBER),
        (unlisted, CooperationPartner.Role.FUNDER),
    ]:
        CooperationPartner.objects.create(
            cooperation=cooperation, organisation=organisation, role=role
        )
    [data] = page_jsonld(client, cooperation.get_absolute_url())
    assert data["@type"] == "WebPage"
    assert data["name"] == "Transatlantische Partnerschaft"
    assert data["url"] == "http://testserver/kooperationen/transatlantisch/"
    assert data["description"] == "Austausch mit Partnern in den USA."
    assert data["mentions"] == [
        {"@type": "Organization", "name": "ZTG GmbH", "url": "http://testserver/mitglieder/ztg/"},
        {
            "@type": "Organization",
            "name": "Medical Alley",
            "url": "http://testserver/kooperationen/partner/medical-alley/",
            "sameAs": ["https://medicalalley.org"],
        },
        {"@type": "Organization", "name": "Stiftung ohne Seite"},
    ]


# Regions


def test_region_page_describes_the_region_as_a_place_within_its_state(client):
    nrw = factories.make_region(
        name="Nordrhein-Westfalen",
        slug="nordrhein-westfalen",
        kind=Region.Kind.STATE,
        latitude=Decimal("51.478"),
        longitude=Decimal("7.555"),
    )
    muensterland = factories.make_region(
        name="Münsterland",
        slug="muensterland",
        parent=nrw,
        states=[FederalState.NORDRHEIN_WESTFALEN],
        summary="Gesundheitswirtschaft zwischen Ems und Lippe.",
        latitude=Decimal("51.96"),
        longitude=Decimal("7.626"),
    )
    [data] = page_jsonld(client, muensterland.get_absolute_url())
    assert data == {
        "@context": "https://schema.org",
        "@type": "Place",
        "name": "Münsterland",
        "url": "http://testserver/regionen/muensterland/",
        "description": "Gesundheitswirtschaft zwischen Ems und Lippe.",
        "geo": {"@type": "GeoCoordinates", "latitude": 51.96, "longitude": 7.626},
        "address": {
            "@type": "PostalAddress",
            "addressRegion": "Nordrhein-Westfalen",
            "addressCountry": "DE",
        },
        "containedInPlace": {
            "@type": "Place",
            "name": "Nordrhein-Westfalen",
            "url": "http://testserver/regionen/nordrhein-westfalen/",
        },
    }
    [state] = page_jsonld(client, nrw.get_absolute_url())
    assert state["containsPlace"] == [{"@type": "Place", "name": "Münsterland", "url": data["url"]}]
    assert "containedInPlace" not in state


def test_a_region_across_states_names_no_single_state(client):
    region = factories.make_region(slug="mitteldeutschland", kind=Region.Kind.CROSS_STATE)
    [data] = page_jsonld(client, region.get_absolute_url())
    assert data["address"] == {"@type": "PostalAddress", "addressCountry": "DE"}
    assert "geo" not in data


# The home page


def test_home_page_describes_the_site_with_a_search_that_works(client):
    organisation = factories.make_organisation(name="Telemedizin Zentrum", slug="tmz")
    blocks = page_jsonld(client, "/")
    [site] = of_type(blocks, "WebSite")
    assert site["url"] == "http://testserver/"
    assert site["name"] == "Gesundheitswirtschaft im Netzwerk"
    action = site["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["query-input"] == "required name=search_term_string"
    template = action["target"]["urlTemplate"]
    assert template == "http://testserver/suche/?q={search_term_string}"
    response = client.get(
        template.replace("{search_term_string}", "Telemedizin").removeprefix("http://testserver")
    )
    assert response.status_code == 200
    assert organisation.get_absolute_url() in response.content.decode()
    [network] = of_type(blocks, "Organization")
    assert network == {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": "Gesundheitswirtschaft im Netzwerk",
        "url": "http://testserver/",
    }


def test_english_home_page_searches_the_english_site(client):
    [site] = of_type(page_jsonld(client, "/en/"), "WebSite")
    assert site["url"] == "http://testserver/en/"
    assert site["inLanguage"] == "en"
    template = site["potentialAction"]["target"]["urlTemplate"]
    assert template == "http://testserver/en/search/?q={search_term_string}"
    path = template.replace("{search_term_string}", "care").removeprefix("http://testserver")
    assert client.get(path).status_code == 200


def test_structured_data_links_start_with_the_portal_address(client, settings):
    settings.PORTAL_BASE_URL = "https://portal.example.org"  # the request comes to testserver
    event = factories.make_event(slug="adresse", registration_enabled=True)
    html = client.get(event.get_absolute_url()).content.decode()
    [data] = jsonld(html)
    assert data["url"] == "https://portal.example.org/veranstaltungen/adresse/"
    assert data["offers"]["url"] == data["url"]


# Every model: nothing but real values


def leaves(data, path="$"):
    """(path, value) of every scalar in `data`; fails on an empty object, list or value."""
    if isinstance(data, dict):
        assert data, f"{path} is an empty object"
        for key, value in data.items():
            yield from leaves(value, f"{path}.{key}")
    elif isinstance(data, list):
        assert data, f"{path} is an empty list"
        for index, value in enumerate(data):
            yield from leaves(value, f"{path}[{index}]")
    else:
        assert data is not None and data != "", f"{path} is empty"
        yield path, data


def recorded_values(*objects) -> set:
    """Every value the objects hold in their fields, as the markup may write it."""
    values = set()
    for obj in objects:
        for model_field in obj._meta.concrete_fields:
            value = getattr(obj, model_field.attname)
            items = value if isinstance(value, list) else [value]
            for item in items:
                if item is None or item == "":
                    continue
                values.add(str(item))
                if isinstance(item, int | float):
                    values.add(item)
                if isinstance(item, dt.datetime):
                    values.add(timezone.localtime(item).isoformat())
                elif model_field.name.endswith("_cents") and isinstance(item, int):
                    values.add(f"{item // 100}.{item % 100:02d}")
                elif isinstance(item, Decimal):
                    values.update({f"{item:.2f}", float(item)})
                elif hasattr(item, "url") and item:
                    values.add(f"http://testserver{item.url}")
            if model_field.choices and value:
                values.add(str(getattr(obj, f"get_{model_field.name}_display")()))
        if isinstance(obj, Region) and obj.states:
            values.update(obj.state_names)
            values.add("DE")  # the federal states are Germany's
    return values


# Values the portal itself stands for, whatever the object: the vocabulary, the network that
# publishes, the currency of every fee, the price of a free event, the page language.
PORTAL_VALUES = {"https://schema.org", "Gesundheitswirtschaft im Netzwerk", "EUR", "0.00", "de"}
SCHEMA_TYPES = {
    "Event",
    "Place",
    "VirtualLocation",
    "PostalAddress",
    "Offer",
    "Organization",
    "QuantitativeValue",
    "NewsArticle",
    "WebPage",
    "GeoCoordinates",
}


def assert_only_real_values(data: dict, *objects):
    recorded = recorded_values(*objects) | PORTAL_VALUES
    for path, value in leaves(data):
        if path.endswith("@type"):
            assert value in SCHEMA_TYPES, f"{path}: {value}"
        elif value in recorded:
            continue
        elif isinstance(value, str) and value.startswith("https://schema.org/"):
            continue  # an enumeration member (availability, attendance mode)
        elif isinstance(value, str) and value.startswith("http://testserver/"):
            assert client_get_ok(value), f"{path}: {value} does not answer"
        elif path.endswith(("minValue", "maxValue")):
            band = next(obj for obj in objects if isinstance(obj, Organisation)).employee_band
            assert value in EMPLOYEE_RANGES[band], f"{path}: {value}"
        else:
            pytest.fail(f"{path}: {value!r} is not recorded")


def client_get_ok(url: str) -> bool:
    from django.test import Client

    return Client().get(url.removeprefix("http://testserver")).status_code == 200


def test_every_models_structured_data_holds_only_recorded_values(innovation_field):
    nrw = factories.make_region(
        name="NRW", slug="nrw", kind=Region.Kind.STATE, latitude=51, longitude=Decimal("7.5")
    )
    region = factories.make_region(
        name="Münsterland",
        slug="muensterland",
        parent=nrw,
        states=[FederalState.NORDRHEIN_WESTFALEN],
        summary="Region im Norden.",
    )
    child = factories.make_region(name="Münster", slug="muenster", parent=region)
    organisation = factories.make_organisation(
        name="Beispiel GmbH",
        slug="beispiel",
        street="Weg 1",
        postcode="48143",
        city="Münster",
        email="info@beispiel.example",
        phone="0251 1",
        website="https://beispiel.example",
        description="Medizintechnik.",
        employee_band=Organisation.EmployeeBand.SMALL,
        founded_year=1999,
        is_partner=True,
    )
    organisation.innovation_fields.add(innovation_field)
    organisation.logo = SimpleUploadedFile("logo.png", image_bytes(), content_type="image/png")
    organisation.save()
    event = factories.make_event(
        title="Fachtag",
        slug="fachtag",
        summary="Ein Tag für Fachleute.",
        venue_name="Halle",
        venue_address="Platz 2",
        city="Münster",
        is_online=True,
        organiser=organisation,
        region=region,
        registration_enabled=True,
        price_cents=1500,
        capacity=30,
        registration_opens=timezone.now() - dt.timedelta(days=1),
        registration_closes=timezone.now() + dt.timedelta(days=5),
    )
    cooperation = factories.make_cooperation(slug="kooperation", summary="Gemeinsam.")
    CooperationPartner.objects.create(
        cooperation=cooperation, organisation=organisation, role=CooperationPartner.Role.HOST
    )
    item = make_news(
        slug="meldung",
        title="Meldung",
        teaser="Kurz.",
        innovation_fields=[innovation_field],
        picture=make_picture(),
    )
    site = [organisation, innovation_field, region, nrw, child]
    cases = [
        (event.structured_data(), [event, *site]),
        (organisation.structured_data(), site),
        (organisation.partner_structured_data(), site),
        (item.structured_data(), [item, innovation_field, item.picture]),
        (region.structured_data(), [region, nrw, child]),
        (nrw.structured_data(), [nrw, region]),
        (cooperation.structured_data(), [cooperation, organisation]),
    ]
    # And the sparsest of each: what is not recorded is not claimed.
    bare_event = factories.make_event(city="")
    bare_organisation = factories.make_organisation()
    bare_region = factories.make_region()
    bare_cooperation = factories.make_cooperation()
    cases += [
        (bare_event.structured_data(), [bare_event]),
        (bare_organisation.structured_data(), [bare_organisation]),
        (bare_region.structured_data(), [bare_region]),
        (bare_cooperation.structured_data(), [bare_cooperation]),
    ]
    for data, objects in cases:
        assert_only_real_values(data, *objects)
    assert set(bare_event.structured_data()) == {
        "@context",
        "@type",
        "name",
        "url",
        "startDate",
        "endDate",
        "inLanguage",
    }
    assert set(bare_organisation.structured_data()) == {
        "@context",
        "@type",
        "name",
        "url",
        "memberOf",
    }
