import re

import pytest
from django.utils import translation

from events.emails import confirm_token, personal_token
from tests import factories


@pytest.fixture(autouse=True)
def _german():
    # Requests leave their language active in the thread; reversed URLs in tests are German.
    with translation.override("de"):
        yield


@pytest.fixture(autouse=True)
def privacy_notice(db):
    return factories.make_privacy_notice()


@pytest.fixture
def open_event(db, region):
    return factories.make_open_event(region=region, capacity=10)


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
