import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import translation
from PIL import Image

pytestmark = pytest.mark.django_db

SECTION_PAGES = {
    "de": ["/", "/mitglieder/", "/regionen/", "/veranstaltungen/", "/kooperationen/"],
    "en": ["/en/", "/en/members/", "/en/regions/", "/en/events/", "/en/cooperations/"],
}


@pytest.mark.parametrize("language", ["de", "en"])
def test_every_section_page_answers_in_its_language(client, language):
    for url in SECTION_PAGES[language]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert f'<html lang="{language}">' in response.content.decode()


def test_header_links_to_the_four_sections_in_german(client):
    html = client.get("/").content.decode()
    for href, label in [
        ("/mitglieder/", "Mitglieder"),
        ("/regionen/", "Regionen"),
        ("/veranstaltungen/", "Veranstaltungen"),
        ("/kooperationen/", "Kooperationen"),
    ]:
        assert f'href="{href}">{label}</a>' in html


def test_header_links_to_the_four_sections_in_english(client):
    html = client.get("/en/").content.decode()
    for href, label in [
        ("/en/members/", "Members"),
        ("/en/regions/", "Regions"),
        ("/en/events/", "Events"),
        ("/en/cooperations/", "Cooperations"),
    ]:
        assert f'href="{href}">{label}</a>' in html


def test_language_switcher_links_to_the_same_page_in_the_other_language(client):
    german = client.get("/veranstaltungen/?page=2").content.decode()
    assert 'href="/en/events/?page=2" hreflang="en"' in german
    english = client.get("/en/events/").content.decode()
    assert 'href="/veranstaltungen/" hreflang="de"' in english


def test_current_section_is_marked_for_screen_readers(client):
    html = client.get("/regionen/").content.decode()
    assert 'aria-current="page" href="/regionen/">Regionen</a>' in html


def test_skip_link_leads_to_the_main_content(client):
    html = client.get("/").content.decode()
    assert 'href="#main"' in html
    assert '<main id="main"' in html


@pytest.mark.parametrize("language", ["de", "en"])
def test_footer_links_the_legal_pages_which_exist(client, language):
    with translation.override(language):
        imprint, privacy = reverse("legal:imprint"), reverse("legal:privacy")
        home = reverse("home")
    html = client.get(home).content.decode()
    assert f'href="{imprint}"' in html
    assert f'href="{privacy}"' in html
    assert client.get(imprint).status_code == 200
    assert client.get(privacy).status_code == 200


def test_legal_pages_have_german_paths_and_english_paths():
    with translation.override("de"):
        assert reverse("legal:imprint") == "/impressum/"
        assert reverse("legal:privacy") == "/datenschutz/"
    with translation.override("en"):
        assert reverse("legal:imprint") == "/en/imprint/"
        assert reverse("legal:privacy") == "/en/privacy/"


def test_styles_and_scripts_are_served_by_the_portal_itself(client):
    html = client.get("/").content.decode()
    assert "/static/vendor/bootstrap-5.3.9/bootstrap.min.css" in html
    for external in ("https://", "http://", "//cdn", "fonts.googleapis"):
        for tag in ('<link rel="stylesheet" href="' + external, '<script src="' + external):
            assert tag not in html


def test_unknown_page_answers_a_branded_404(client):
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.content.decode()


def test_home_page_shows_key_figures_next_events_and_newest_members(client, event, organisation):
    html = client.get("/").content.decode()
    assert event.title in html
    assert organisation.name in html
    assert "Kommende Veranstaltungen" in html


def test_favicon_ico_answers_with_an_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    icon = Image.open(io.BytesIO(response.content))
    assert icon.format == "ICO"
    assert (32, 32) in icon.info["sizes"]


@pytest.mark.parametrize("url", ["/", "/en/events/", "/gibt-es-nicht/"])
def test_every_page_links_an_svg_icon_and_the_ico_fallback(client, url):
    html = client.get(url).content.decode()
    icons = dict(
        (kind, href)
        for href, kind in re.findall(r'<link rel="icon" href="([^"]+)"(?: type="([^"]+)")?', html)
    )
    svg = icons["image/svg+xml"]
    static_prefix = "/" + settings.STATIC_URL.lstrip("/")
    assert svg.startswith(static_prefix)
    found = finders.find(svg.removeprefix(static_prefix))
    assert found and Path(found).read_text().startswith("<svg")
    assert client.get(icons[""]).status_code == 200
