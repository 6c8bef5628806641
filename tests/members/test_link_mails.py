"""A one-time link e-mail says in correct German and English what the link is for, and how long
it really works: the validity comes from the same registry that the token check reads."""

import datetime as dt
import re
import time

import pytest
from django.core import signing
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from core import links
from members.access import access_from_token, send_organisation_access_link
from partnering.apps import PURPOSE_POST
from stands.apps import STAND_ACCESS_PURPOSE as STAND_PURPOSE
from tests import factories

pytestmark = pytest.mark.django_db

ORGANISATION = "Klinikum Nord & Söhne"

WORDING = {
    ("profile", "de"): (
        f"Ihr Link, um das Profil von {ORGANISATION} zu aktualisieren",
        f"Sie haben einen Link angefordert, um das Profil von {ORGANISATION} zu aktualisieren.",
    ),
    ("profile", "en"): (
        f"Your link to update the profile of {ORGANISATION}",
        f"you asked for a link to update the profile of {ORGANISATION}.",
    ),
    (STAND_PURPOSE, "de"): (
        f"Ihr Link, um sich für {ORGANISATION} um einen Platz auf einem Gemeinschaftsstand "
        "zu bewerben",
        f"Sie haben einen Link angefordert, um sich für {ORGANISATION} um einen Platz auf "
        "einem Gemeinschaftsstand zu bewerben.",
    ),
    (STAND_PURPOSE, "en"): (
        f"Your link to apply for a place on a joint stand for {ORGANISATION}",
        f"you asked for a link to apply for a place on a joint stand for {ORGANISATION}.",
    ),
    (PURPOSE_POST, "de"): (
        f"Ihr Link, um für {ORGANISATION} ein Angebot oder Gesuch in der Kooperationsbörse "
        "zu veröffentlichen",
        f"Sie haben einen Link angefordert, um für {ORGANISATION} ein Angebot oder Gesuch in "
        "der Kooperationsbörse zu veröffentlichen.",
    ),
    (PURPOSE_POST, "en"): (
        f"Your link to publish an offer or request on the partnering board for {ORGANISATION}",
        f"you asked for a link to publish an offer or request on the partnering board for "
        f"{ORGANISATION}.",
    ),
}


@pytest.fixture
def clinic(region):
    organisation = factories.make_organisation(name=ORGANISATION, region=region)
    organisation.contact_persons.create(name="Nora Nord", email="nora@klinikum-nord.example")
    return organisation


def request_link(organisation, purpose, language):
    assert send_organisation_access_link(
        organisation=organisation,
        email="nora@klinikum-nord.example",
        purpose=purpose,
        language=language,
    )


def one_line(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize(("purpose", "language"), sorted(WORDING))
def test_a_one_time_link_mail_says_in_the_recipients_language_what_the_link_is_for(
    clinic, mailoutbox, purpose, language
):
    subject, sentence = WORDING[purpose, language]

    request_link(clinic, purpose, language)

    (mail,) = mailoutbox
    assert mail.subject == subject
    assert sentence in one_line(mail.body)
    assert sentence.replace("&", "&amp;") in one_line(mail.alternatives[0][0])


@pytest.mark.parametrize(
    ("language", "words"),
    [("de", "Der Link funktioniert einmal und ist 7 Tage gültig:"), ("en", "is valid for 7 days:")],
)
def test_the_link_mail_states_the_seven_days_the_link_works(clinic, mailoutbox, language, words):
    request_link(clinic, "profile", language)

    assert words in one_line(mailoutbox[0].body)
    assert "einigen Tagen" not in mailoutbox[0].body and "few days" not in mailoutbox[0].body


def made_ago(monkeypatch, seconds):
    """Tokens made from now on carry a time `seconds` in the past."""
    monkeypatch.setattr(
        signing.TimestampSigner,
        "timestamp",
        lambda self: signing.b62_encode(int(time.time() - seconds)),
    )


@pytest.mark.parametrize(("age", "works"), [(3 * 86400 - 60, True), (3 * 86400 + 60, False)])
def test_the_link_works_exactly_as_long_as_its_mail_says(
    clinic, mailoutbox, settings, monkeypatch, age, works
):
    settings.SIGNED_LINK_MAX_AGE = 3 * 86400
    made_ago(monkeypatch, age)

    request_link(clinic, "profile", "de")

    assert "ist 3 Tage gültig" in one_line(mailoutbox[0].body)
    token = re.search(r"/profil/([^/\s]+)/", mailoutbox[0].body)[1]
    if works:
        assert access_from_token(token, "profile").organisation == clinic
    else:
        with pytest.raises(links.LinkExpired):
            access_from_token(token, "profile")


def test_the_annual_profile_reminder_states_the_validity_too(clinic, mailoutbox, settings):
    from members.services import send_confirmation_reminder

    settings.SIGNED_LINK_MAX_AGE = 10 * 86400

    send_confirmation_reminder(organisation=clinic)

    assert "der Link funktioniert einmal und ist 10 Tage gültig" in one_line(mailoutbox[0].body)


def test_an_unregistered_purpose_makes_no_link():
    with pytest.raises(ValueError, match="Unregistered"):
        links.make_token(purpose="nobody.registered.this", pk=1)


def test_an_unregistered_purpose_reads_no_link():
    token = links.make_token(purpose="events.registration", pk=1)
    with pytest.raises(ValueError, match="Unregistered"):
        links.read_token(token, purpose="nobody.registered.this")


def test_every_app_declares_its_purposes_when_it_is_ready():
    """One registry, filled by the apps' AppConfig.ready(): every link the portal mails."""
    assert {
        "events.registration.confirm",
        "events.registration",
        "partnering-member-view",
        "partnering.digest-unsubscribe",
        "members.access.profile",
        "members.access.events.stand-application",
        "members.access.partnering-post",
    } <= set(links.PURPOSES)
    assert links.max_age("events.registration") == 400 * 24 * 3600
    assert links.PURPOSES["members.access.profile"].url_name == "members:profile_edit"


def test_a_purpose_is_declared_once():
    with pytest.raises(ImproperlyConfigured):
        links.register_purpose("events.registration", max_age=60)


def test_validity_in_words_follows_the_registry(settings, monkeypatch):
    settings.SIGNED_LINK_MAX_AGE = 86400
    monkeypatch.setitem(links.PURPOSES, "tests.short", links.LinkPurpose("tests.short", 90 * 60))

    assert str(links.valid_for("events.registration.confirm")) == "1 Tag"
    assert str(links.valid_for("tests.short")) == "90 Minuten"
    expected = timezone.now() + dt.timedelta(minutes=90)
    assert abs(links.valid_until("tests.short") - expected) < dt.timedelta(seconds=5)
