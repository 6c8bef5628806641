import datetime as dt
import json
import re
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone, translation

from members.models import Organisation
from tests import factories
from tests.news.conftest import make_news, xml_root

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


def render_tag(tag: str, **context) -> str:
    request = RequestFactory().get("/")
    return Template("{% load seo %}" + tag).render(Context({"request": request, **context}))


def sitemap_entries(client) -> dict[str, dict[str, str]]:
    """{location: {hreflang: href}} of every URL in sitemap.xml."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    entries = {}
    for url in xml_root(response.content).findall(f"{SITEMAP}url"):
        links = {link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")}
        entries[url.findtext(f"{SITEMAP}loc")] = links
    return entries


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
    response = client.get("/sitemap.xml")
    for url in xml_root(response.content).findall(f"{SITEMAP}url"):
        if url.findtext(f"{SITEMAP}loc").endswith("/aktuelles/mit-datum/"):
            assert url.findtext(f"{SITEMAP}lastmod")
            break
    else:
        pytest.fail("news item missing from the sitemap")


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


# JSON-LD


def test_news_page_carries_a_news_article(client, innovation_field):
    item = make_news(
        title="Workshop in Aachen",
        teaser="Fachleute trafen sich.",
        slug="workshop-in-aachen",
        innovation_fields=[innovation_field],
    )
    [data] = jsonld(client.get(item.get_absolute_url()).content.decode())
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


def test_news_article_headline_is_shortened_to_110_characters():
    item = make_news(title="Sehr lang " * 19)
    [data] = jsonld(render_tag("{% news_jsonld item %}", item=item))
    assert len(data["headline"]) <= 110


def test_json_ld_cannot_be_broken_out_of(client):
    hostile = '</script><script>alert("x")</script><!--'
    item = make_news(title=hostile, teaser="a & b")
    html = client.get(item.get_absolute_url()).content.decode()
    assert '</script><script>alert("x")' not in html
    [data] = jsonld(html)
    assert data["headline"] == hostile
    assert data["description"] == "a & b"


def test_event_json_ld_with_todays_minimal_event(region):
    start = timezone.make_aware(dt.datetime(2030, 5, 4, 9, 30))
    event = factories.make_event(
        title="Netzwerktreffen Telemedizin",
        slug="netzwerktreffen",
        start=start,
        end=start + dt.timedelta(hours=6),
        venue_name="Gesundheitscampus NRW",
        city="Bochum",
        region=region,
        summary="Mitglieder stellen Projekte vor.",
    )
    [data] = jsonld(render_tag("{% event_jsonld event %}", event=event))
    assert data["@type"] == "Event"
    assert data["name"] == "Netzwerktreffen Telemedizin"
    assert dt.datetime.fromisoformat(data["startDate"]) == start
    assert dt.datetime.fromisoformat(data["endDate"]) == start + dt.timedelta(hours=6)
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"]["@type"] == "Place"
    assert data["location"]["name"] == "Gesundheitscampus NRW"
    assert data["location"]["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "Bochum",
        "addressCountry": "DE",
    }
    assert data["organizer"]["@type"] == "Organization"
    assert "Münsterland" in data["organizer"]["name"]
    assert data["offers"]["@type"] == "Offer"
    assert data["offers"]["url"] == "http://testserver/veranstaltungen/netzwerktreffen/"
    assert "price" not in data["offers"]
    assert data["description"] == "Mitglieder stellen Projekte vor."


def test_event_json_ld_shows_fee_and_status_once_the_event_has_them():
    event = factories.make_event()
    # Fields the events app is adding: the tag reads them when they exist.
    event.fee = Decimal("49")
    event.status = "cancelled"
    event.street = "Gesundheitscampus 10"
    event.postal_code = "44801"
    [data] = jsonld(render_tag("{% event_jsonld event %}", event=event))
    assert data["offers"]["price"] == "49.00"
    assert data["offers"]["priceCurrency"] == "EUR"
    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    assert data["location"]["address"]["streetAddress"] == "Gesundheitscampus 10"
    assert data["location"]["address"]["postalCode"] == "44801"


def test_online_event_gets_a_virtual_location_without_its_private_link():
    event = factories.make_event(
        title="Webinar",
        slug="webinar",
        city="",
        is_online=True,
        online_link="https://example.org/webinar-secret",
    )
    html = render_tag("{% event_jsonld event %}", event=event)
    [data] = jsonld(html)
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"]["@type"] == "VirtualLocation"
    assert data["location"]["url"].endswith("/veranstaltungen/webinar/")
    assert "webinar-secret" not in html


def test_hybrid_event_has_place_and_virtual_location():
    event = factories.make_event(
        city="Aachen", is_online=True, online_link="https://example.org/stream"
    )
    [data] = jsonld(render_tag("{% event_jsonld event %}", event=event))
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert [place["@type"] for place in data["location"]] == ["Place", "VirtualLocation"]


def test_organisation_json_ld(region):
    organisation = factories.make_organisation(
        name="Uniklinik RWTH Aachen",
        slug="uniklinik-rwth-aachen",
        city="Aachen",
        website="https://www.ukaachen.de",
        description="Universitätsklinikum mit Telemedizinzentrum.",
    )
    [data] = jsonld(render_tag("{% organisation_jsonld organisation %}", organisation=organisation))
    assert data["@type"] == "Organization"
    assert data["name"] == "Uniklinik RWTH Aachen"
    assert data["url"] == "http://testserver/mitglieder/uniklinik-rwth-aachen/"
    assert data["sameAs"] == ["https://www.ukaachen.de"]
    assert data["address"]["addressLocality"] == "Aachen"
    assert data["description"] == "Universitätsklinikum mit Telemedizinzentrum."
    assert "logo" not in data


def test_canonical_link_names_the_portal_even_for_a_forbidden_host_header(settings):
    settings.PORTAL_BASE_URL = "https://portal.example.org"
    request = RequestFactory().get("/aktuelles/", HTTP_HOST="evil.example")
    html = Template("{% load seo %}{% canonical_url %}").render(Context({"request": request}))
    assert html == "https://portal.example.org/aktuelles/"
