"""The press area: contacts, releases with their own contacts, a feed, photos with credit and
licence at print and web size, the press kit and the specialist articles."""

import datetime as dt
import xml.etree.ElementTree as ET  # noqa: S405 - parses our own responses

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from news.models import NewsItem
from press.models import PressContact, PressKitFile, validate_kit_file
from tests import factories
from tests.factories import image_bytes
from tests.helpers import assert_constant_queries

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(autouse=True)
def _german_by_default():
    with translation.override("de"):
        yield


def release(title, days_ago, **overrides):
    values = {
        "kind": NewsItem.Kind.PRESS_RELEASE,
        "title": title,
        "published_at": timezone.now() - dt.timedelta(days=days_ago),
        "press_contact_name": "Dr. Mathias Brandstädter",
        "press_contact_organisation": "Uniklinik RWTH Aachen",
        "press_contact_phone": "0241 80-89893",
    }
    values.update(overrides)
    return factories.make_news(**values)


def test_press_is_in_the_main_navigation_in_both_languages(client):
    html = client.get("/").text
    assert '<a class="nav-link" href="/presse/">Presse</a>' in html
    english = client.get("/en/").text
    assert '<a class="nav-link" href="/en/press/">Press</a>' in english
    page = client.get("/presse/").text
    assert 'aria-current="page" href="/presse/">Presse</a>' in page


def test_press_page_names_the_networks_press_contacts(client):
    factories.make_press_contact(
        name="Dr. Thomas Siemer",
        role_de="Presse healthcare.saarland",
        phone="0681 9520-459",
        fax="0681 5846125",
        email="thomas.siemer@saar-is.de",
    )
    factories.make_press_contact(name="Nicht öffentlich", is_public=False)
    html = client.get("/presse/").text
    assert "Dr. Thomas Siemer" in html and "Presse healthcare.saarland" in html
    assert 'href="tel:06819520-459"' in html and "0681 5846125" in html
    assert 'href="mailto:thomas.siemer@saar-is.de"' in html
    assert "Nicht öffentlich" not in html


def test_a_press_contact_must_be_reachable():
    contact = PressContact(name="Niemand", phone="", email="")
    with pytest.raises(ValidationError):
        contact.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        PressContact.objects.create(name="Niemand")


def test_releases_come_newest_first_with_their_own_press_contacts(client):
    release("Ältere Mitteilung", 10)
    release("Neueste Mitteilung", 1, press_contact_name="Erika Sprecherin")
    release("Entwurf", 1, is_draft=True)
    factories.make_news(title="Keine Pressemitteilung")
    html = client.get("/presse/").text
    assert html.index("Neueste Mitteilung") < html.index("Ältere Mitteilung")
    assert "Erika Sprecherin" in html and "Dr. Mathias Brandstädter" in html
    assert "Entwurf" not in html and "Keine Pressemitteilung" not in html


def test_the_press_feed_lists_press_releases_only_newest_first(client):
    release("Ältere Mitteilung", 10)
    release("Neueste Mitteilung", 1)
    factories.make_news(title="Keine Pressemitteilung")
    rss = client.get("/presse/mitteilungen/feed/rss/")
    assert rss["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(rss.content).find("channel")  # noqa: S314 - our own output
    titles = [item.findtext("title") for item in channel.findall("item")]
    assert titles == ["Neueste Mitteilung", "Ältere Mitteilung"]
    assert channel.findtext("link") == "http://testserver/presse/"
    atom = ET.fromstring(client.get("/presse/mitteilungen/feed/atom/").content)  # noqa: S314
    assert [e.findtext(f"{ATOM}title") for e in atom.findall(f"{ATOM}entry")] == titles
    page = client.get("/presse/").text
    assert 'type="application/rss+xml"' in page and "/presse/mitteilungen/feed/atom/" in page
    english = client.get("/en/press/releases/feed/rss/")
    assert english.status_code == 200


def test_press_photos_show_caption_credit_licence_and_both_downloads(client):
    photo = factories.make_press_photo(
        picture=factories.make_picture(
            size=(2400, 1600), caption_de="Workshop in Aachen", credit="Foto: Uniklinik"
        )
    )
    picture = photo.picture
    html = client.get("/presse/").text
    assert "Workshop in Aachen" in html and "Foto: Uniklinik" in html
    assert picture.get_licence_display() in html
    assert f'href="{picture.original.url}" download' in html
    assert "2400 × 1600" in html
    assert f'href="{picture.web_size_url}" download' in html
    assert "1600 × 1067" in html
    assert client.get("/en/press/").text.count("Download for print") == 1


def test_unpublished_pictures_and_hidden_photos_stay_off_the_press_page(client):
    factories.make_press_photo(
        picture=factories.make_picture(is_published=False, caption_de="Unveröffentlicht")
    )
    factories.make_press_photo(
        picture=factories.make_picture(caption_de="Ausgeblendet"), is_public=False
    )
    html = client.get("/presse/").text
    assert "Unveröffentlicht" not in html and "Ausgeblendet" not in html


def test_specialist_articles_show_journal_issue_date_and_link(client):
    factories.make_article(
        title="Zellkulturen aus dem Saarland",
        journal="Medizintechnik heute",
        issue="3/2026",
        published_on=dt.date(2026, 3, 1),
        url="https://journal.example.org/zellkulturen",
    )
    factories.make_article(title="Ohne Link", url="", published_on=dt.date(2025, 1, 1))
    html = client.get("/presse/").text
    assert "Zellkulturen aus dem Saarland" in html
    assert "Medizintechnik heute, Ausgabe 3/2026" in html
    assert '<time datetime="2026-03-01">1. März 2026</time>' in html
    assert 'href="https://journal.example.org/zellkulturen"' in html
    assert html.index("Zellkulturen aus dem Saarland") < html.index("Ohne Link")


def kit_file(name, content):
    return SimpleUploadedFile(name, content)


def test_press_kit_files_are_listed_with_type_and_size(client):
    item = PressKitFile(title_de="Faktenblatt", title_en="Fact sheet")
    item.file = kit_file("faktenblatt.pdf", b"%PDF-1.4\n" + b"x" * 2000)
    item.full_clean()
    item.save()
    html = client.get("/presse/").text
    assert f'href="{item.file.url}" download' in html
    assert "PDF, 2,0" in html


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("faktenblatt.pdf", b"<html>not a pdf</html>", "invalid_pdf"),
        ("faktenblatt.svg", b"<svg/>", "invalid_extension"),
        ("logo.png", b"%PDF-1.4 disguised", "invalid_image"),
        ("faktenblatt.pdf", b"%PDF-" + b"0" * (4 * 1024 * 1024), "file_too_large"),
    ],
)
def test_hostile_press_kit_files_are_refused(name, content, code):
    with pytest.raises(ValidationError) as caught:
        validate_kit_file(kit_file(name, content))
    assert caught.value.code == code


def test_a_png_logo_is_a_valid_kit_file():
    validate_kit_file(kit_file("logo.png", image_bytes("PNG")))


def test_press_page_keeps_its_query_count(client):
    def add_rows(count):
        for number in range(count):
            release(f"Mitteilung {number}", number + 1)
            factories.make_press_contact(name=f"Kontakt {number}")
            factories.make_article(title=f"Beitrag {number}")
            if number < 5:  # pictures are slow to make; the query count does not need many
                factories.make_press_photo()

    assert_constant_queries(client, "/presse/", add_rows, small=10, large=40)


def test_the_cached_press_page_shows_a_new_release_at_once(
    client, django_capture_on_commit_callbacks
):
    client.get("/presse/")
    with django_capture_on_commit_callbacks(execute=True):
        release("Ganz neu", 0)
    assert "Ganz neu" in client.get("/presse/").text
