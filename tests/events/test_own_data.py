"""A participant sees and deletes their own data through the personal link in their e-mail."""

import pytest
from django.urls import reverse
from django.utils import translation

from events.models import Registration, RegistrationQuestion
from tests.factories import make_open_event, make_registration

from .conftest import personal_path, personal_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def registration(region):
    event = make_open_event(region=region, capacity=1)
    question = RegistrationQuestion.objects.create(event=event, text="Ernährungswünsche?")
    registration = make_registration(
        event,
        name="Eva Eigen",
        email="eva@example.org",
        organisation_name="Eigen GmbH",
        role="Einkauf",
        status=Registration.Status.CONFIRMED,
    )
    registration.answers.create(question=question, value="vegan")
    return registration


def test_participant_sees_the_data_stored_about_them(client, registration):
    response = client.get(personal_path(registration))

    assert response.status_code == 200
    for value in ["Eva Eigen", "eva@example.org", "Eigen GmbH", "Einkauf", "vegan"]:
        assert value in response.text
    assert "Meine Daten löschen" in response.text


def test_delete_asks_for_confirmation_and_changes_nothing_yet(client, registration):
    response = client.post(personal_path(registration), {"action": "delete_data"})

    assert response.status_code == 200
    assert "Ja, meine Daten löschen" in response.text
    registration.refresh_from_db()
    assert registration.name == "Eva Eigen" and registration.anonymised_at is None


def test_a_get_request_never_deletes(client, registration):
    client.get(personal_path(registration) + "?action=delete_data_confirmed")

    registration.refresh_from_db()
    assert registration.anonymised_at is None


def test_confirmed_delete_cancels_and_anonymises_and_the_waiting_list_moves_up(
    client, registration, mailoutbox
):
    waiting = make_registration(registration.event, status=Registration.Status.WAITING_LIST)
    path = personal_path(registration)

    response = client.post(path, {"action": "delete_data_confirmed"}, follow=True)

    registration.refresh_from_db()
    waiting.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED
    assert registration.anonymised_at is not None
    assert "Eva" not in registration.name and "eva@" not in registration.email
    assert registration.organisation_name == "" and registration.answers.get().value == ""
    assert waiting.status == Registration.Status.OFFERED
    assert "gelöscht" in response.text
    assert "eva@example.org" not in response.text


def test_deleting_twice_is_harmless(client, registration):
    path = personal_path(registration)
    client.post(path, {"action": "delete_data_confirmed"})

    response = client.post(path, {"action": "delete_data_confirmed"})

    assert response.status_code == 302
    assert Registration.objects.filter(pk=registration.pk, anonymised_at__isnull=False).exists()


def test_an_anonymised_registration_cannot_be_cancelled_or_accepted_again(client, registration):
    path = personal_path(registration)
    client.post(path, {"action": "delete_data_confirmed"})

    client.post(path, {"action": "accept"})

    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED


@pytest.mark.parametrize(("language", "expected"), [("de", "Ja"), ("en", "Yes")])
def test_yes_no_answer_reads_in_the_page_language(client, registration, language, expected):
    question = RegistrationQuestion.objects.create(
        event=registration.event, text="Mittagessen?", kind=RegistrationQuestion.Kind.YES_NO
    )
    registration.answers.create(question=question, value="yes")

    with translation.override(language):
        path = reverse("events:registration", args=[personal_token(registration)])

    response = client.get(path)

    assert f'<dd class="col-sm-8">{expected}</dd>' in response.text
    assert '<dd class="col-sm-8">yes</dd>' not in response.text
