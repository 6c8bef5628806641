import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from legal.models import LegalPage
from tests.factories import make_all_legal_pages, make_legal_page

pytestmark = pytest.mark.django_db

LEGAL_PATHS = {
    "de": {
        "imprint": "/impressum/",
        "privacy": "/datenschutz/",
        "accessibility": "/barrierefreiheit/",
        "easy_language": "/leichte-sprache/",
    },
    "en": {
        "imprint": "/en/imprint/",
        "privacy": "/en/privacy/",
        "accessibility": "/en/accessibility/",
        "easy_language": "/en/easy-language/",
    },
}


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_four_pages_have_translated_paths(language):
    with translation.override(language):
        for name, path in LEGAL_PATHS[language].items():
            assert reverse(f"legal:{name}") == path


@pytest.mark.parametrize("language", ["de", "en"])
def test_every_kind_of_page_links_imprint_privacy_and_accessibility_statement(
    client, language, event, organisation, region
):
    make_all_legal_pages()
    with translation.override(language):
        pages = [
            reverse("home"),
            reverse("members:list"),
            organisation.get_absolute_url(),
            reverse("regions:list"),
            region.get_absolute_url(),
            reverse("events:list"),
            event.get_absolute_url(),
            reverse("cooperations:list"),
            *LEGAL_PATHS[language].values(),
            reverse("legal:privacy_version", kwargs={"version": 1}),
        ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        for name in ("imprint", "privacy", "accessibility", "easy_language"):
            assert f'href="{LEGAL_PATHS[language][name]}"' in html, (url, name)


def test_the_not_found_page_links_the_legal_pages_too(client):
    html = client.get("/gibt-es-nicht/").content.decode()
    for path in LEGAL_PATHS["de"].values():
        assert f'href="{path}"' in html


def test_home_page_links_the_easy_language_page(client):
    html = client.get("/").content.decode()
    assert '<a href="/leichte-sprache/">Informationen in Leichter Sprache</a>' in html
    english = client.get("/en/").content.decode()
    assert '<a href="/en/easy-language/">Information in easy language</a>' in english


def test_legal_page_shows_the_current_text_and_the_date_of_the_last_change(client):
    make_legal_page(LegalPage.Kind.IMPRINT, version=1, body_de="Alte Anschrift")
    current = make_legal_page(
        LegalPage.Kind.IMPRINT, version=2, title_de="Impressum", body_de="## Anbieter\nLZG.NRW"
    )
    html = client.get("/impressum/").content.decode()
    assert '<h1 id="page-title">Impressum</h1>' in html
    assert "<h2>Anbieter</h2>" in html
    assert "Alte Anschrift" not in html
    with translation.override("de"):
        date = f"{timezone.localtime(current.published_at):%d}".lstrip("0")
    assert "Zuletzt geändert am <time" in html
    assert f">{date}. " in html


def test_a_draft_is_not_shown_before_it_is_published(client):
    make_legal_page(LegalPage.Kind.IMPRINT, version=1, body_de="Gültiger Text")
    make_legal_page(LegalPage.Kind.IMPRINT, version=2, published=False, body_de="Entwurfstext")
    html = client.get("/impressum/").content.decode()
    assert "Gültiger Text" in html
    assert "Entwurfstext" not in html


def test_a_page_without_any_published_version_says_so_instead_of_failing(client):
    response = client.get("/leichte-sprache/")
    assert response.status_code == 200
    assert "noch nicht veröffentlicht" in response.content.decode()


def test_english_page_without_english_text_shows_german_and_says_so(client):
    make_legal_page(
        LegalPage.Kind.IMPRINT, title_de="Impressum", body_de="Nur deutsch", title_en="", body_en=""
    )
    html = client.get("/en/imprint/").content.decode()
    assert "This text is available in German only." in html
    assert '<div class="legal-text" lang="de">' in html
    assert "Nur deutsch" in html
    assert '<h1 id="page-title" lang="de">Impressum</h1>' in html


def test_english_page_with_english_text_shows_it_without_a_note(client):
    make_legal_page(LegalPage.Kind.IMPRINT, body_de="Deutsch", body_en="Provider details")
    html = client.get("/en/imprint/").content.decode()
    assert "Provider details" in html
    assert "available in German only" not in html
    german = client.get("/impressum/").content.decode()
    assert "Deutsch" in german and "Provider details" not in german


def test_text_written_by_managers_is_escaped_and_addresses_become_links(client):
    make_legal_page(
        LegalPage.Kind.IMPRINT,
        body_de="<script>alert(1)</script>\nE-Mail: info@example.org\n\n- eins\n- zwei",
    )
    html = client.get("/impressum/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
    assert '<a href="mailto:info@example.org">info@example.org</a>' in html
    assert "<ul><li>eins</li><li>zwei</li></ul>" in html


def test_demo_data_has_all_four_pages_in_both_languages_marked_as_examples(client, settings):
    settings.DEBUG = True
    call_command("load_demo", "--no-admin")
    for kind in LegalPage.Kind.values:
        page = LegalPage.objects.current(kind)
        assert page is not None, kind
        assert page.title_en and page.body_en
    assert "Beispiel" in client.get("/impressum/").content.decode()
    assert "Example text" in client.get("/en/imprint/").content.decode()
    assert "Beispiel" in client.get("/leichte-sprache/").content.decode()


def test_demo_impressum_and_statements_contain_what_the_law_asks_for(client, settings):
    settings.DEBUG = True
    call_command("load_demo", "--no-admin")
    imprint = client.get("/impressum/").content.decode()
    for section in ("Anbieter", "Vertreten durch", "Kontakt", "Registereintrag"):
        assert f"<h2>{section}</h2>" in imprint
    assert "Gesundheitscampus 10" in imprint and "Umsatzsteuer-Identifikationsnummer" in imprint
    privacy = client.get("/datenschutz/").content.decode()
    for words in ("Verantwortlicher", "Datenschutzbeauftragte", "Empfänger", "Ihre Rechte"):
        assert words in privacy
    for purpose in ("Server-Protokolle", "Anmeldungen", "Anträge", "Profilen", "Partnering"):
        assert purpose in privacy
    assert privacy.count("Rechtsgrundlage") >= 5 and privacy.count("Speicherdauer") >= 5
    statement = client.get("/barrierefreiheit/").content.decode()
    assert 'href="https://www.schlichtungsstelle-bgg.de"' in statement
    assert "Stand der Vereinbarkeit" in statement and "zuletzt am" in statement


def test_loading_the_demo_legal_pages_twice_changes_nothing(settings):
    settings.DEBUG = True
    call_command("load_demo", "--no-admin")
    first = list(LegalPage.objects.order_by("pk").values())
    call_command("load_demo", "--no-admin")
    assert list(LegalPage.objects.order_by("pk").values()) == first
