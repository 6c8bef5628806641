"""Registering on an event page loads only what the registration needs (issue 11)."""

import pytest

from events.models import Registration, RegistrationQuestion, Session, Speaker
from tests import factories
from tests.factories import make_open_event, make_registration

from .conftest import form_data

pytestmark = pytest.mark.django_db

MAX_QUERIES = 12


@pytest.fixture
def busy_event(region):
    """An event page with everything it shows: organisers, fields, agenda, participants."""
    organiser = factories.make_organisation(name="Klinikum Veranstalter", region=region)
    event = make_open_event(region=region, capacity=50, organiser=organiser)
    for number in range(3):
        event.co_organisers.add(factories.make_organisation(name=f"Mitveranstalter {number}"))
        event.innovation_fields.add(factories.make_innovation_field(name=f"Feld {number}"))
        session = Session.objects.create(event=event, start=event.start, title=f"Vortrag {number}")
        speaker_organisation = factories.make_organisation(name=f"Referentenhaus {number}")
        session.speakers.add(
            Speaker.objects.create(name=f"Dr. Rednerin {number}", organisation=speaker_organisation)
        )
        make_registration(
            event,
            status=Registration.Status.CONFIRMED,
            organisation_name=f"Teilnehmerhaus {number}",
            show_organisation_publicly=True,
        )
    RegistrationQuestion.objects.create(event=event, text="Ernährung?")
    RegistrationQuestion.objects.create(
        event=event,
        text="Welcher Workshop?",
        kind=RegistrationQuestion.Kind.SINGLE_CHOICE,
        choices="Telemedizin\nPflege",
        required=True,
    )
    return event


def answers_for(event):
    diet, workshop = event.questions.order_by("position", "pk")
    return {f"question_{diet.pk}": "vegetarisch", f"question_{workshop.pk}": "Pflege"}


def test_a_successful_registration_stores_and_mails_within_the_query_budget(
    client, busy_event, mailoutbox, django_assert_max_num_queries
):
    data = form_data(email="neu@example.org", **answers_for(busy_event))

    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.post(busy_event.get_absolute_url(), data)

    assert response.status_code == 302
    assert response["Location"] == f"{busy_event.get_absolute_url()}angemeldet/"
    registration = Registration.objects.get(email="neu@example.org")
    assert registration.status == Registration.Status.PENDING
    assert registration.privacy_notice is not None
    assert sorted(registration.answers.values_list("value", flat=True)) == [
        "Pflege",
        "vegetarisch",
    ]
    (mail,) = mailoutbox
    assert mail.to == ["neu@example.org"]
    assert "/veranstaltungen/bestaetigen/" in mail.body


def test_registering_again_with_the_same_address_stays_within_the_query_budget(
    client, busy_event, mailoutbox, django_assert_max_num_queries
):
    data = form_data(email="zweimal@example.org", **answers_for(busy_event))
    client.post(busy_event.get_absolute_url(), data)

    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.post(busy_event.get_absolute_url(), data)

    assert response.status_code == 302
    assert Registration.objects.filter(email="zweimal@example.org").count() == 1
    assert len(mailoutbox) == 2  # the link is sent again


def test_a_registration_with_errors_shows_the_whole_page_again(client, busy_event):
    data = form_data(name="Erika Fehler", privacy_consent="", **answers_for(busy_event))

    response = client.post(busy_event.get_absolute_url(), data)

    assert response.status_code == 200
    assert "Bitte stimmen Sie der Datenschutzerklärung zu" in response.text
    assert 'value="Erika Fehler"' in response.text  # what was typed is kept
    for text in [
        "Mitveranstalter 2",
        "Feld 1",
        "Vortrag 0",
        "Dr. Rednerin 1 (Referentenhaus 1)",
        "Teilnehmerhaus 2",
        "Welcher Workshop?",
    ]:
        assert text in response.text, text
    assert not Registration.objects.filter(name="Erika Fehler").exists()


def test_a_refused_registration_shows_the_whole_page_with_429(client, busy_event, settings):
    settings.RATE_LIMITS = {
        **settings.RATE_LIMITS,
        "event-registration": {"per_email": 1, "per_address": 1, "window": 3600},
    }
    client.post(busy_event.get_absolute_url(), form_data(email="a@example.org"))

    response = client.post(
        busy_event.get_absolute_url(), form_data(email="b@example.org", **answers_for(busy_event))
    )

    assert response.status_code == 429
    assert 3590 < int(response["Retry-After"]) <= 3600
    assert "zu oft" in response.text
    assert "Vortrag 2" in response.text and "Mitveranstalter 0" in response.text
    assert not Registration.objects.filter(email="b@example.org").exists()
