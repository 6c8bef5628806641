import datetime as dt
import re

import pytest
from django.core import signing
from django.utils import formats, timezone, translation

from core import links
from events import services
from events.emails import CONFIRM_PURPOSE, PERSONAL_PURPOSE
from events.models import Registration, RegistrationQuestion
from tests.factories import make_open_event, make_registration

from .conftest import confirm_path, form_data, link_in, personal_path

pytestmark = pytest.mark.django_db
Status = Registration.Status


def register(client, event, **data):
    return client.post(event.get_absolute_url(), form_data(**data))


def test_registering_creates_a_pending_registration_and_mails_the_confirmation_link(
    client, open_event, mailoutbox, privacy_notice
):
    response = register(client, open_event)
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.status == Status.PENDING
    assert registration.privacy_notice == privacy_notice
    assert registration.consented_at is not None
    assert registration.language == "de"
    (mail,) = mailoutbox
    assert mail.to == ["erika@example.org"]
    assert "Bitte bestätigen Sie Ihre Anmeldung" in mail.subject
    assert "/veranstaltungen/bestaetigen/" in mail.body
    assert "Gesundheitscampus NRW" in mail.body  # the place
    assert mail.attachments[0][0] == f"{open_event.slug}.ics"
    assert mail.attachments[0][2] == "text/calendar"
    assert "bestätigen Sie Ihre Anmeldung mit dem Link" in client.get(response.url).text


def test_registration_in_english_mails_in_english(client, open_event, mailoutbox):
    client.post(
        "/en" + open_event.get_absolute_url().replace("/veranstaltungen/", "/events/"), form_data()
    )
    registration = Registration.objects.get()
    assert registration.language == "en"
    assert mailoutbox[0].subject.startswith("Please confirm your registration")
    assert "/en/events/confirm/" in mailoutbox[0].body


def test_confirming_through_the_link_gives_a_place_and_mails_the_ticket_link(
    client, open_event, mailoutbox
):
    register(client, open_event)
    path = link_in(mailoutbox[0], "bestaetigen")
    assert client.get(path).status_code == 200
    response = client.post(path)
    registration = Registration.objects.get()
    assert registration.status == Status.CONFIRMED
    assert registration.confirmed_at is not None
    assert "Ihre Anmeldung ist bestätigt" in mailoutbox[1].subject
    # The same personal page as the mail's link (each token carries the second it was made).
    mailed = link_in(mailoutbox[1], "anmeldung")
    assert [
        links.read_token(path.rstrip("/").rsplit("/", 1)[1], purpose=PERSONAL_PURPOSE).pk
        for path in (response.url, mailed)
    ] == [registration.pk] * 2
    assert response.url.rsplit("/", 2)[0] == mailed.rsplit("/", 2)[0]
    page = client.get(response.url).text
    assert "Ihr Ticket" in page and "<svg" in page
    assert registration.ticket_code in page


def test_a_used_confirmation_link_says_it_was_already_used(client, open_event, mailoutbox):
    register(client, open_event)
    path = link_in(mailoutbox[0], "bestaetigen")
    client.post(path)
    response = client.get(path)
    assert response.status_code == 410
    assert "bereits verwendet" in response.text or "already" in response.text.lower()
    assert len(mailoutbox) == 2  # nothing sent a second time


def test_a_tampered_confirmation_link_is_refused(client, open_event, mailoutbox):
    register(client, open_event)
    path = link_in(mailoutbox[0], "bestaetigen")
    response = client.post(path[:-3] + "xx/")
    assert response.status_code == 400
    assert Registration.objects.get().status == Status.PENDING


def test_an_expired_confirmation_link_says_so(client, open_event, settings):
    registration = make_registration(open_event)
    old = signing.TimestampSigner(salt=f"cluster_portal.links.{CONFIRM_PURPOSE}")
    token = old.sign_object({"pk": registration.pk, "state": "pending"})
    settings.SIGNED_LINK_MAX_AGE = -1
    response = client.get(f"/veranstaltungen/bestaetigen/{token}/")
    assert response.status_code == 410
    assert registration.__class__.objects.get().status == Status.PENDING


def test_link_for_a_lapsed_registration_invites_to_register_again(client, open_event):
    registration = make_registration(open_event, status=Status.LAPSED)
    response = client.get(confirm_path(registration))
    assert response.status_code == 410
    assert "verfallen" in response.text


def test_registering_twice_with_the_same_address_mails_the_link_again(
    client, open_event, mailoutbox
):
    register(client, open_event)
    response = register(client, open_event, email="ERIKA@example.org", name="E. M.")
    assert Registration.objects.count() == 1
    assert len(mailoutbox) == 2
    assert "/veranstaltungen/bestaetigen/" in mailoutbox[1].body
    assert "bereits angemeldet" in client.get(response.url).text


def test_a_confirmed_person_registering_again_gets_the_ticket_link(client, open_event, mailoutbox):
    make_registration(open_event, email="erika@example.org", status=Status.CONFIRMED)
    register(client, open_event)
    assert Registration.objects.count() == 1
    assert "Ihre Anmeldung ist bestätigt" in mailoutbox[0].subject


def test_the_database_refuses_a_second_active_registration(open_event):
    from django.db import IntegrityError

    make_registration(open_event, email="a@example.org")
    with pytest.raises(IntegrityError):
        make_registration(open_event, email="A@example.org")


def test_after_cancelling_the_same_address_can_register_again(client, open_event):
    make_registration(open_event, email="erika@example.org", status=Status.CANCELLED)
    register(client, open_event)
    assert Registration.objects.filter(status=Status.PENDING).count() == 1


def test_cancelling_through_the_personal_link_frees_the_place(client, open_event, mailoutbox):
    registration = make_registration(open_event, status=Status.CONFIRMED)
    response = client.post(personal_path(registration), {"action": "cancel_confirmed"})
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.status == Status.CANCELLED
    assert "storniert" in mailoutbox[0].subject
    assert open_event.places_left == 10
    assert "Ihre Anmeldung wurde storniert" in client.get(response.url).text


def test_cancelling_twice_says_the_registration_is_no_longer_active(client, open_event):
    registration = make_registration(open_event, status=Status.CONFIRMED)
    client.post(personal_path(registration), {"action": "cancel_confirmed"})
    response = client.post(personal_path(registration), {"action": "cancel_confirmed"}, follow=True)
    assert "nicht mehr aktiv" in response.text


def test_a_tampered_personal_link_is_refused(client, open_event):
    registration = make_registration(open_event, status=Status.CONFIRMED)
    response = client.post(
        personal_path(registration)[:-4] + "abc/", {"action": "cancel_confirmed"}
    )
    assert response.status_code == 400
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED


def test_pending_registrations_do_not_hold_a_place(open_event):
    make_registration(open_event)
    assert open_event.places_left == 10


@pytest.mark.external_links("meet.example.org")
def test_the_online_link_goes_only_to_confirmed_participants(client, mailoutbox, region):
    event = make_open_event(is_online=True, online_link="https://meet.example.org/secret")
    registration = make_registration(event)
    assert "meet.example.org" not in client.get(event.get_absolute_url()).text
    services.confirm(registration=registration)
    assert "https://meet.example.org/secret" in mailoutbox[0].body


def test_extra_questions_are_asked_and_required_ones_enforced(client, open_event):
    diet = RegistrationQuestion.objects.create(
        event=open_event, text="Essenswunsch?", kind=RegistrationQuestion.Kind.TEXT
    )
    workshop = RegistrationQuestion.objects.create(
        event=open_event,
        text="Welcher Workshop?",
        kind=RegistrationQuestion.Kind.SINGLE_CHOICE,
        choices="Telemedizin\nPflege",
        required=True,
    )
    topics = RegistrationQuestion.objects.create(
        event=open_event,
        text="Themen?",
        kind=RegistrationQuestion.Kind.MULTIPLE_CHOICE,
        choices="KI\nRobotik\nDaten",
    )
    dinner = RegistrationQuestion.objects.create(
        event=open_event, text="Abendessen?", kind=RegistrationQuestion.Kind.YES_NO
    )
    page = client.get(open_event.get_absolute_url()).text
    assert "Welcher Workshop?" in page and "Abendessen?" in page
    response = register(client, open_event)
    assert response.status_code == 200
    assert Registration.objects.count() == 0
    assert "Dieses Feld ist zwingend erforderlich" in response.text
    register(
        client,
        open_event,
        **{
            f"question_{workshop.pk}": "Pflege",
            f"question_{topics.pk}": ["KI", "Daten"],
            f"question_{dinner.pk}": "yes",
        },
    )
    answers = {a.question: a.value for a in Registration.objects.get().answers.all()}
    assert answers == {workshop: "Pflege", topics: "KI\nDaten", dinner: "yes"}
    assert diet not in answers


def test_a_choice_not_offered_is_refused(client, open_event):
    question = RegistrationQuestion.objects.create(
        event=open_event,
        text="Welcher Workshop?",
        kind=RegistrationQuestion.Kind.SINGLE_CHOICE,
        choices="Telemedizin\nPflege",
    )
    response = register(client, open_event, **{f"question_{question.pk}": "Golf"})
    assert response.status_code == 200
    assert not Registration.objects.exists()


def test_registration_requires_consent_to_the_privacy_notice(client, open_event):
    response = register(client, open_event, privacy_consent="")
    assert response.status_code == 200
    assert not Registration.objects.exists()


def test_only_organisations_that_agreed_are_listed_publicly(client, open_event):
    make_registration(
        open_event,
        status=Status.CONFIRMED,
        organisation_name="Zustimmung GmbH",
        show_organisation_publicly=True,
    )
    make_registration(open_event, status=Status.CONFIRMED, organisation_name="Geheim AG")
    make_registration(
        open_event,
        status=Status.PENDING,
        organisation_name="Offen KG",
        show_organisation_publicly=True,
    )
    page = client.get(open_event.get_absolute_url()).text
    assert "Zustimmung GmbH" in page
    assert "Geheim AG" not in page
    assert "Offen KG" not in page


def test_confirming_after_the_event_has_started_is_refused(open_event):
    registration = make_registration(open_event)
    open_event.start = timezone.now() - dt.timedelta(hours=1)
    open_event.save()
    with pytest.raises(services.RegistrationNotOpen):
        services.confirm(registration=registration)


def test_read_token_of_another_purpose_is_invalid(open_event):
    registration = make_registration(open_event)
    token = links.make_token(purpose="members.access.profile", pk=registration.pk, state="pending")
    with pytest.raises(links.LinkError):
        links.read_token(token, purpose=CONFIRM_PURPOSE)


def test_after_registering_the_thanks_and_next_steps_come_without_a_second_form(
    client, open_event, mailoutbox, privacy_notice
):
    page = client.post(open_event.get_absolute_url(), form_data(), follow=True)
    text = page.content.decode()
    assert "Wir haben Ihnen eine E-Mail geschickt" in text
    assert "Wie es weitergeht" in text
    assert 'name="email"' not in text
    assert open_event.get_absolute_url() in text
    assert Registration.objects.count() == 1


def test_cancelling_asks_first_and_keeps_the_registration_until_confirmed(client, open_event):
    registration = make_registration(open_event, status=Status.CONFIRMED)
    asked = client.post(personal_path(registration), {"action": "cancel"})
    assert asked.status_code == 200
    assert f"Möchten Sie Ihre Anmeldung für {open_event.title} wirklich stornieren?" in asked.text
    assert 'value="cancel_confirmed"' in asked.text
    # The way back: a link to the same registration's page (its token is signed anew, so its
    # timestamp may be a second later than one made here).
    payload = personal_path(registration).split(":", 1)[0]
    assert re.search(rf'href="{re.escape(payload)}:[^"/]+:[^"/]+/"', asked.text)
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED
    client.post(personal_path(registration), {"action": "cancel_confirmed"})
    registration.refresh_from_db()
    assert registration.status == Status.CANCELLED


def _shown(moment, format_name="DATETIME_FORMAT"):
    return formats.date_format(timezone.localtime(moment), format_name)


def _one_line(text):
    return " ".join(text.split())


def test_the_confirmation_mail_states_until_when_its_link_works(client, open_event, mailoutbox):
    # The registration lapses after 48 hours, before the link's seven days are up.
    register(client, open_event)
    registration = Registration.objects.get()

    body = _one_line(mailoutbox[0].body)
    until = _shown(registration.pending_lapses_at())
    assert f"Der Link ist bis zum {until} gültig." in body
    assert until.endswith(" Uhr") and "Uhr Uhr" not in body
    assert "Ohne Bestätigung bis dahin verfällt die Anmeldung." in body


def test_a_shorter_link_validity_is_the_date_the_confirmation_mail_states(
    client, open_event, mailoutbox, settings
):
    settings.SIGNED_LINK_MAX_AGE = 3600
    before = timezone.now() + dt.timedelta(hours=1)
    register(client, open_event)
    after = timezone.now() + dt.timedelta(hours=1)

    body = _one_line(mailoutbox[0].body)
    assert any(f"Der Link ist bis zum {_shown(m)} gültig." in body for m in (before, after))


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("de", "Ihre Anmeldung (Ticket, Stornierung; der Link ist bis zum {until} gültig):"),
        ("en", "Your registration (ticket, cancel; the link is valid until {until}):"),
    ],
)
def test_every_registration_mail_states_how_long_the_personal_link_works(
    open_event, mailoutbox, language, words
):
    from events.emails import TEMPLATES, send_registration_mail

    registration = make_registration(open_event, language=language, status=Status.CONFIRMED)
    for kind in TEMPLATES:
        send_registration_mail(kind, registration)
    with translation.override(language):
        until = _shown(links.valid_until(PERSONAL_PURPOSE), "DATE_FORMAT")

    for mail in mailoutbox:
        if "/anmeldung/" in mail.body or "/registration/" in mail.body:
            assert words.format(until=until) in _one_line(mail.body), mail.subject
    assert len([m for m in mailoutbox if words.format(until=until) in _one_line(m.body)]) >= 6
