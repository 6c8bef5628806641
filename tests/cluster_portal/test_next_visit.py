"""What a manager changes shows on the visitor's next visit, with the fragment cache on as in
production (the test settings keep it on; tests/conftest.py empties it before each test)."""

import pytest

from events.models import Registration
from tests import factories
from tests.events.conftest import form_data
from tests.factories import make_news, make_open_event

pytestmark = pytest.mark.django_db


def test_the_fragment_cache_is_on_in_the_tests(client):
    member = factories.make_organisation(name="Alt GmbH", slug="alt-gmbh")
    assert "Alt GmbH" in client.get("/mitglieder/").text
    # A writer that sends no signal and reports nothing: the cached directory does not know.
    type(member).objects.filter(pk=member.pk).update(name="Neu GmbH")

    assert "Alt GmbH" in client.get("/mitglieder/").text


def test_edited_description_shows_on_the_next_visit_to_the_profile(client):
    member = factories.make_organisation(slug="beispiel", description="Wir bauen Sensoren.")
    assert "Wir bauen Sensoren." in client.get(member.get_absolute_url()).text

    member.description = "Wir entwickeln Telemedizin."
    member.save()

    page = client.get(member.get_absolute_url()).text
    assert "Wir entwickeln Telemedizin." in page
    assert "Wir bauen Sensoren." not in page


def test_renamed_event_shows_on_the_next_visit_to_its_page_and_the_list(client):
    event = factories.make_event(title="Netzwerktreffen Pflege", slug="treffen")
    assert "Netzwerktreffen Pflege" in client.get(event.get_absolute_url()).text
    assert "Netzwerktreffen Pflege" in client.get("/veranstaltungen/").text

    event.title = "Netzwerktreffen Digitale Pflege"
    event.save()

    assert "Netzwerktreffen Digitale Pflege" in client.get(event.get_absolute_url()).text
    assert "Netzwerktreffen Digitale Pflege" in client.get("/veranstaltungen/").text


def test_published_news_item_shows_on_the_next_visit_to_the_home_page(client):
    client.get("/")

    make_news(title="Neue Förderrunde für Medizintechnik")

    assert "Neue Förderrunde für Medizintechnik" in client.get("/").text


def test_a_registration_shows_in_the_places_left_on_the_next_visit(client):
    from django.utils import timezone

    from legal.models import LegalPage

    LegalPage.objects.create(
        kind=LegalPage.Kind.PRIVACY, version=1, title="Datenschutz", body="…",
        published_at=timezone.now(),
    )  # fmt: skip
    event = make_open_event(capacity=10, slug="mit-plaetzen")
    assert "Noch 10 Plätze frei" in client.get(event.get_absolute_url()).text

    client.post(event.get_absolute_url(), form_data())
    Registration.objects.update(status=Registration.Status.CONFIRMED)

    assert "Noch 9 Plätze frei" in client.get(event.get_absolute_url()).text
