"""Both languages are complete: every catalogue entry translated, no UI string left unmarked."""

import re
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest

from tests import factories
from tests.factories import make_news

ROOT = Path(__file__).resolve().parents[2]
GERMAN_CATALOGUES = sorted(
    path for path in ROOT.glob("**/locale/de/LC_MESSAGES/django.po") if ".venv" not in path.parts
)

# Words of the interface that betray a string shown untranslated or never marked for
# translation. Our source strings are English, so an unmarked one shows up in English on a
# German page; a German word on an English page means a German string was hard-coded.
ENGLISH_UI_WORDS = [
    "Members",
    "Events",
    "Regions",
    "Cooperations",
    "Home",
    "Search",
    "Next",
    "Previous",
    "Page",
    "Register",
    "Submit",
    "Send",
    "Back",
    "Contact",
    "Reset",
    "Apply",
    "Upcoming",
    "places left",
    "Read more",
    "Show",
    "All",
    "Imprint",
    "Privacy",
    "Language",
    "Skip",
    "No ",
    "Please",
    "Sort",
    "Results",
    "found",
]
GERMAN_UI_WORDS = [
    "Mitglieder",
    "Veranstaltungen",
    "Regionen",
    "Kooperationen",
    "Startseite",
    "Suche",
    "Weiter",
    "Zurück",
    "Seite",
    "Anmelden",
    "Absenden",
    "Kontakt",
    "Filtern",
    "Zurücksetzen",
    "Kommende",
    "Plätze",
    "Mehr",
    "Alle",
    "Impressum",
    "Datenschutz",
    "Sprache",
    "Bitte",
    "Keine",
    "Ergebnisse",
    "gefunden",
    "Sortierung",
]


class VisibleText(HTMLParser):
    """The text a visitor reads, leaving out what is marked as another language on purpose."""

    def __init__(self, language):
        super().__init__()
        self.language = language
        self.skip_depth = 0
        self.stack = []
        self.parts = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        foreign = attrs.get("lang") not in (None, self.language)
        invisible = tag in {"script", "style", "title"}
        if tag in {"br", "img", "input", "meta", "link", "hr", "source"}:
            return
        self.stack.append(foreign or invisible)
        if foreign or invisible:
            self.skip_depth += 1

    def handle_endtag(self, tag):
        if tag in {"br", "img", "input", "meta", "link", "hr", "source"} or not self.stack:
            return
        if self.stack.pop():
            self.skip_depth -= 1

    def handle_data(self, data):
        if not self.skip_depth:
            self.parts.append(data)

    @classmethod
    def of(cls, html, language):
        parser = cls(language)
        parser.feed(html)
        return " ".join(" ".join(parser.parts).split())


@pytest.mark.parametrize("catalogue", GERMAN_CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_german_catalogue_entry_is_translated(catalogue):
    po = polib.pofile(str(catalogue))
    missing = [entry.msgid for entry in po if not entry.translated() and not entry.obsolete]
    assert not missing, f"untranslated in {catalogue.relative_to(ROOT)}: {missing}"


@pytest.fixture
def english_named_data(db):
    """Content with neutral names, so that only the interface can speak a language."""
    region = factories.make_region(name="Ruhr Valley", slug="ruhr-valley")
    factories.make_organisation(name="Acme Devices", slug="acme-devices", region=region)
    factories.make_event(title="Data Day", slug="data-day", region=region)
    factories.make_cooperation(title="Bridge Project", slug="bridge-project")
    factories.make_organisation(
        name="Partner Corp", slug="partner-corp", is_partner=True, status="none"
    )
    make_news(title="Data Day Recap", slug="data-day-recap", teaser="Recap.", is_draft=False)
    visit = factories.make_delegation_visit(title="Tokyo Group", slug="tokyo-group", region=region)
    factories.make_programme_item(visit, title="Lab Tour", place="Essen")
    factories.make_event(title="Nordic Tour", slug="nordic-tour", kind="trip", region=region)
    return region


def pages_for(region):
    return {
        "de": [
            "/",
            "/mitglieder/",
            "/regionen/",
            f"/regionen/{region.slug}/",
            "/veranstaltungen/",
            "/kooperationen/",
            "/impressum/",
            "/datenschutz/",
            "/mitglieder/acme-devices/",
            "/mitglieder/mitglied-werden/",
            "/mitglieder/acme-devices/aktualisieren/",
            "/veranstaltungen/archiv/",
            "/veranstaltungen/data-day/",
            "/kooperationen/bridge-project/",
            "/kooperationen/partner/",
            "/kooperationen/partner/partner-corp/",
            "/aktuelles/",
            "/aktuelles/data-day-recap/",
            "/suche/?q=Data",
            "/barrierefreiheit/",
            "/delegationen/",
            "/delegationen/tokyo-group/",
            "/gibt-es-nicht/",
        ],
        "en": [
            "/en/",
            "/en/members/",
            "/en/regions/",
            f"/en/regions/{region.slug}/",
            "/en/events/",
            "/en/cooperations/",
            "/en/imprint/",
            "/en/privacy/",
            "/en/members/acme-devices/",
            "/en/members/apply/",
            "/en/members/acme-devices/update/",
            "/en/events/archive/",
            "/en/events/data-day/",
            "/en/cooperations/bridge-project/",
            "/en/cooperations/partners/",
            "/en/cooperations/partners/partner-corp/",
            "/en/news/",
            "/en/news/data-day-recap/",
            "/en/search/?q=Data",
            "/en/accessibility/",
            "/en/delegations/",
            "/en/delegations/tokyo-group/",
            "/en/does-not-exist/",
        ],
    }


def words_found(text, words):
    return [word for word in words if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text)]


def test_german_pages_show_no_english_interface_words(client, english_named_data):
    for url in pages_for(english_named_data)["de"]:
        text = VisibleText.of(client.get(url).content.decode(), "de")
        assert not words_found(text, ENGLISH_UI_WORDS), (url, words_found(text, ENGLISH_UI_WORDS))


def test_english_pages_show_no_german_interface_words(client, english_named_data):
    for url in pages_for(english_named_data)["en"]:
        text = VisibleText.of(client.get(url).content.decode(), "en")
        assert not words_found(text, GERMAN_UI_WORDS), (url, words_found(text, GERMAN_UI_WORDS))
