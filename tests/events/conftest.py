import datetime as dt
import re

import pytest
from django.utils import timezone, translation

from events.emails import confirm_token, personal_token
from events.models import Registration
from legal.models import LegalPage
from tests import factories


@pytest.fixture(autouse=True)
def _german():
    # Requests leave their language active in the thread; reversed URLs in tests are German.
    with translation.override("de"):
        yield


@pytest.fixture(autouse=True)
def privacy_notice(db):
    return LegalPage.objects.create(
        kind=LegalPage.Kind.PRIVACY,
        version=1,
        title="Datenschutz",
        body="…",
        published_at=timezone.now(),
    )


def make_open_event(**overrides):
    values = {
        "title": "Netzwerktreffen Telemedizin",
        "registration_enabled": True,
        "venue_name": "Gesundheitscampus NRW",
        "city": "Bochum",
    }
    values.update(overrides)
    return factories.make_event(**values)


@pytest.fixture
def open_event(db, region):
    return make_open_event(region=region, capacity=10)


def make_registration(event, **overrides) -> Registration:
    values = {
        "name": "Erika Mustermann",
        "email": factories.unique("person") + "@example.org",
        "language": "de",
        "status": Registration.Status.PENDING,
    }
    values.update(overrides)
    if values["status"] == Registration.Status.WAITING_LIST:
        values.setdefault("waiting_since", timezone.now())
    if values["status"] == Registration.Status.OFFERED:
        values.setdefault("offer_expires_at", timezone.now() + dt.timedelta(hours=48))
    return Registration.objects.create(event=event, **values)


def form_data(**overrides):
    data = {
        "name": "Erika Mustermann",
        "email": "erika@example.org",
        "organisation_name": "Beispiel Medizintechnik GmbH",
        "role": "Geschäftsführerin",
        "privacy_consent": "on",
    }
    data.update(overrides)
    return data


def confirm_path(registration, language="de"):
    prefix = "" if language == "de" else "/en"
    word = "bestaetigen" if language == "de" else "confirm"
    base = "/veranstaltungen/" if language == "de" else "/events/"
    return f"{prefix}{base}{word}/{confirm_token(registration)}/"


def personal_path(registration):
    return f"/veranstaltungen/anmeldung/{personal_token(registration)}/"


def link_in(mail, kind="anmeldung") -> str:
    """The path of the first portal link of a kind in an e-mail body."""
    match = re.search(r"https?://[^/\s]+(/\S*/" + kind + r"/\S+/)", mail.body)
    assert match, mail.body
    return match.group(1)
