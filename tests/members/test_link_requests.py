""" "Send me a one-time link": one view for the profile, the joint stand and the partnering board.

Each flow answers a known and an unknown address alike, counts every request against its
limit in settings.RATE_LIMITS and keeps the consent given in the form with the link."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from events.models import Event
from members.models import AccessLink
from stands.models import JointStand
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def notice(db):
    return factories.make_privacy_notice()


@pytest.fixture
def clinic(db):
    organisation = factories.make_organisation(name="Klinik Nord", email="info@klinik.example")
    organisation.contact_persons.create(name="Nora Nord", email="nora@klinik.example")
    return organisation


def profile_flow(clinic):
    return f"/mitglieder/{clinic.slug}/aktualisieren/", {}, "profile"


def stand_flow(clinic):
    start = timezone.now() + dt.timedelta(days=90)
    fair = factories.make_event(
        kind=Event.Kind.TRADE_FAIR, start=start, end=start + dt.timedelta(days=2)
    )
    JointStand.objects.create(
        event=fair, title="Gemeinschaftsstand", places=4,
        application_deadline=timezone.localdate() + dt.timedelta(days=30),
    )  # fmt: skip
    path = f"/veranstaltungen/{fair.slug}/mitausstellen/"
    return path, {"organisation": clinic.pk}, "events.stand-application"


def post_flow(clinic):
    return "/kooperationsboerse/beitrag/", {"organisation": clinic.slug}, "partnering-post"


FLOWS = [profile_flow, stand_flow, post_flow]
SCOPES = {profile_flow: "access-request", stand_flow: "stand-access", post_flow: "partnering-link"}


def answer(response) -> tuple:
    """What the person asking learns: where they end up, with status and text of the page."""
    page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())
    return response.redirect_chain, response.status_code, page


@pytest.mark.parametrize("flow", FLOWS)
def test_a_known_and_an_unknown_address_get_the_same_answer(client, clinic, notice, flow):
    path, fields, _purpose = flow(clinic)
    assert client.get(path).status_code == 200

    known = {**fields, "email": "nora@klinik.example", "privacy_consent": "on"}
    unknown = {**fields, "email": "wer@example.org", "privacy_consent": "on"}
    known, unknown = (client.post(path, data, follow=True) for data in (known, unknown))

    assert AccessLink.objects.count() == 1
    assert answer(known) == answer(unknown)


@pytest.mark.parametrize("flow", FLOWS)
def test_the_link_keeps_the_consent_given_in_the_form(client, clinic, notice, flow, mailoutbox):
    path, fields, purpose = flow(clinic)

    client.post(path, {**fields, "email": "NORA@klinik.example", "privacy_consent": "on"})

    link = AccessLink.objects.get()
    assert (link.purpose, link.email, link.organisation) == (purpose, "nora@klinik.example", clinic)
    assert link.privacy_notice == notice and link.consented_at is not None
    assert mailoutbox[0].to == ["nora@klinik.example"]


@pytest.mark.parametrize("flow", FLOWS)
def test_each_flow_is_limited_by_its_scope_with_retry_after(client, clinic, notice, flow, settings):
    path, fields, _purpose = flow(clinic)
    scope = SCOPES[flow]
    settings.RATE_LIMITS = {
        **settings.RATE_LIMITS,
        scope: {"per_email": 1, "per_address": 100, "window": 600},
    }
    data = {**fields, "email": "wer@example.org", "privacy_consent": "on"}

    assert client.post(path, data).status_code in (200, 302)
    refused = client.post(path, data)

    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 600
