"""Every public form is rate-limited and oversized requests get a clear answer, never a 500."""

import html
import re
import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation

from core import ratelimit
from events.models import Registration
from legal.models import LegalPage
from members.models import MembershipApplication, Organisation, ProfileChangeRequest
from tests import factories
from tests.factories import make_open_event

pytestmark = pytest.mark.django_db

LIMIT_DE = "zu oft"


@pytest.fixture(autouse=True)
def _german_and_notice(db):
    LegalPage.objects.create(
        kind=LegalPage.Kind.PRIVACY, version=1, title="Datenschutz", body="…",
        published_at=timezone.now(),
    )  # fmt: skip
    with translation.override("de"):
        yield


@pytest.fixture
def tight_limits(settings):
    settings.RATE_LIMITS = {
        key: {"per_email": 2, "per_address": 2, "window": 3600} for key in settings.RATE_LIMITS
    }


@pytest.fixture
def member(region):
    organisation = factories.make_organisation(
        name="Limit GmbH", slug="limit-gmbh", region=region, city="Münster", description="…"
    )
    organisation.contact_persons.create(name="Anna", email="anna@limit.example", is_public=True)
    return organisation


def registration_data(email):
    return {"name": "Eva", "email": email, "privacy_consent": "on"}


def test_event_registration_is_refused_with_429_and_the_form_after_the_limit(
    client, tight_limits, region
):
    event = make_open_event(region=region, capacity=50)
    for number in range(2):
        client.post(event.get_absolute_url(), registration_data(f"p{number}@example.org"))

    response = client.post(event.get_absolute_url(), registration_data("p9@example.org"))

    assert response.status_code == 429
    assert LIMIT_DE in response.text
    assert 'name="email"' in response.text  # the form is shown again
    assert 3590 < int(response["Retry-After"]) <= 3600
    assert Registration.objects.count() == 2


def test_the_limit_counts_an_e_mail_address_across_client_addresses(client, tight_limits, region):
    event = make_open_event(region=region, capacity=50)
    for number in range(2):
        client.post(
            event.get_absolute_url(),
            registration_data("eva@example.org"),
            REMOTE_ADDR=f"198.51.100.{number}",
        )

    response = client.post(
        event.get_absolute_url(), registration_data("EVA@example.org"), REMOTE_ADDR="192.0.2.7"
    )

    assert response.status_code == 429


def test_known_and_unknown_addresses_get_the_same_answer(client, tight_limits, member):
    url = reverse("members:access_request", args=[member.slug])
    known = client.post(url, {"email": "anna@limit.example", "privacy_consent": "on"})
    unknown = client.post(url, {"email": "nobody@limit.example", "privacy_consent": "on"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]

    refused = client.post(url, {"email": "anna@limit.example", "privacy_consent": "on"})
    assert refused.status_code == 429
    assert LIMIT_DE in refused.text


def test_membership_application_is_rate_limited(client, tight_limits):
    for _ in range(2):
        client.post(reverse("members:apply"), {"name": "Incomplete"})

    response = client.post(reverse("members:apply"), {"name": "Incomplete"})

    assert response.status_code == 429
    assert LIMIT_DE in response.text
    assert not MembershipApplication.objects.exists()


def test_profile_change_submission_is_rate_limited(client, tight_limits, member, mailoutbox):
    client.post(
        reverse("members:access_request", args=[member.slug]),
        {"email": "anna@limit.example", "privacy_consent": "on"},
    )
    link = re.search(r"https?://[^/\s]+(/\S+)", mailoutbox[-1].body).group(1)
    for _ in range(2):
        client.post(link, {"profile-website": "kein link"})

    response = client.post(link, {"profile-website": "kein link"})

    assert response.status_code == 429
    assert LIMIT_DE in response.text
    assert not ProfileChangeRequest.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_counter_holds_across_two_database_connections():
    """Two app processes are two connections to the same database."""
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.9")

    def check():
        return ratelimit.check_rate_limit(request, scope="t", email="a@example.org", limit=2)

    def check_on_another_connection():
        try:
            answers.append(check())
        finally:
            connection.close()

    answers = [check()]
    other = threading.Thread(target=check_on_another_connection)
    other.start()
    other.join()
    answers.append(check())

    assert answers == [True, True, False]


# --- oversized requests ---------------------------------------------------------------------


def test_an_oversized_logo_upload_gets_a_clear_413_page_and_nothing_is_stored(client, settings):
    settings.MAX_REQUEST_BODY_SIZE = 1024 * 1024
    logo = SimpleUploadedFile("logo.png", b"\x89PNG" + b"0" * (2 * 1024 * 1024), "image/png")
    before = Organisation.objects.count()

    response = client.post(reverse("members:apply"), {"name": "Große Datei GmbH", "logo": logo})

    assert response.status_code == 413
    assert "zu groß" in response.text
    assert Organisation.objects.count() == before


def test_an_oversized_form_post_gets_the_413_page_not_a_500(client):
    response = client.post(reverse("legal:accessibility"), {"description": "x" * (2 * 1024 * 1024)})

    assert response.status_code == 413
    assert "zu groß" in response.text


def test_too_many_fields_get_the_413_page(client):
    data = {f"field{number}": "x" for number in range(600)}

    response = client.post(reverse("legal:accessibility"), data)

    assert response.status_code == 413


def test_other_bad_requests_still_get_the_400_page(client):
    response = client.get("/", HTTP_HOST="evil.example")

    assert response.status_code == 400
    assert "zu groß" not in response.text


def test_actions_on_the_personal_registration_page_are_rate_limited(client, tight_limits, region):
    from tests.events.conftest import personal_path
    from tests.factories import make_registration

    registration = make_registration(make_open_event(region=region))
    path = personal_path(registration)
    for _ in range(2):
        client.post(path, {"action": "delete_data"})

    response = client.post(path, {"action": "delete_data_confirmed"})

    assert response.status_code == 429
    assert LIMIT_DE in response.text
    registration.refresh_from_db()
    assert registration.anonymised_at is None


# --- limits that fit a business network --------------------------------------------------------


def test_the_eleventh_colleague_behind_one_company_address_registers(client, region):
    event = make_open_event(region=region, capacity=50)
    for number in range(15):
        response = client.post(
            event.get_absolute_url(),
            registration_data(f"kollegin{number}@klinikum.example"),
            REMOTE_ADDR="192.0.2.10",  # the hospital's one NAT address
        )
        assert response.status_code == 302, number

    assert Registration.objects.filter(event=event).count() == 15


def test_one_e_mail_address_stays_strictly_limited(client, region, settings):
    per_email = settings.RATE_LIMITS["event-registration"]["per_email"]
    events = [make_open_event(region=region, capacity=50) for _ in range(per_email + 1)]
    answers = [
        client.post(event.get_absolute_url(), registration_data("eva@example.org")).status_code
        for event in events
    ]

    assert answers == [302] * per_email + [429]


def _event_registration(language, region, member):
    event = make_open_event(region=region, capacity=50)
    with translation.override(language):
        url = event.get_absolute_url()
    return url, lambda number: registration_data(f"p{number}@example.org")


def _registration_data(language, region, member):
    from tests.factories import make_registration

    registration = make_registration(make_open_event(region=region), language=language)
    from events.emails import personal_token

    with translation.override(language):
        url = reverse("events:registration", kwargs={"token": personal_token(registration)})
    return url, lambda number: {"action": "delete_data"}


def _membership_application(language, region, member):
    with translation.override(language):
        url = reverse("members:apply")
    return url, lambda number: {"name": "Unvollständig", "contact_email": f"a{number}@x.example"}


def _access_request(language, region, member):
    with translation.override(language):
        url = reverse("members:access_request", args=[member.slug])
    return url, lambda number: {"email": f"n{number}@x.example", "privacy_consent": "on"}


def _profile_change(language, region, member):
    from members.access import access_link_url
    from members.models import AccessLink

    link = AccessLink.objects.create(
        organisation=member, email="anna@limit.example", purpose="profile"
    )
    with translation.override(language):
        url = access_link_url(link)
    return url, lambda number: {"profile-website": "kein link"}


def _stand_access(language, region, member):
    from tests.factories import make_stand

    stand = make_stand()
    with translation.override(language):
        url = reverse("stands:access", args=[stand.event.slug])
    return url, lambda number: {
        "organisation": member.pk,
        "email": f"s{number}@x.example",
        "privacy_consent": "on",
    }


def _group_access(language, region, member):
    from tests.factories import make_group

    group = make_group(region=region)
    with translation.override(language):
        url = reverse("groups:access", args=[group.slug])
    return url, lambda number: {
        "organisation": member.pk,
        "email": f"g{number}@x.example",
        "privacy_consent": "on",
    }


def _partnering_link(language, region, member):
    with translation.override(language):
        url = reverse("partnering:request_link")
    return url, lambda number: {
        "organisation": member.slug,
        "email": f"l{number}@x.example",
        "privacy_consent": "on",
    }


def _partnering_interest(language, region, member):
    from tests.factories import make_post

    post = make_post(member)
    with translation.override(language):
        url = post.get_absolute_url()
    return url, lambda number: {
        "sender_name": "Erika",
        "sender_organisation": "Muster GmbH",
        "email": f"i{number}@x.example",
        "message": "Interesse",
        "privacy_consent": "on",
    }


def _barrier_report(language, region, member):
    with translation.override(language):
        url = reverse("legal:accessibility")
    return url, lambda number: {
        "page_url": "http://testserver/",
        "description": f"Barriere {number}",
    }


def _organisation_contact(language, region, member):
    member.contact_persons.create(name="Anna Grenze", email="anna@grenze.example", is_public=True)
    with translation.override(language):
        url = reverse("members:contact", args=[member.slug])
    return url, lambda number: {"recipient": "organisation", "email": f"c{number}@x.example"}


LIMITED_FORMS = {
    "event-registration": _event_registration,
    "registration-data": _registration_data,
    "membership-application": _membership_application,
    "access-request": _access_request,
    "profile-change": _profile_change,
    "stand-access": _stand_access,
    "group-access": _group_access,
    "partnering-link": _partnering_link,
    "partnering-interest": _partnering_interest,
    "barrier-report": _barrier_report,
    "organisation-contact": _organisation_contact,
}

WAIT = {
    "de": r"Bitte versuchen Sie es in 30 Minuten wieder \(ab \d\d:\d\d Uhr\)\.",
    "en": r"Please try again in 30 minutes \(from \d\d:\d\d\)\.",
}


def test_every_limited_form_is_in_the_settings_and_in_this_test(settings):
    assert set(LIMITED_FORMS) == set(settings.RATE_LIMITS)


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("scope", sorted(LIMITED_FORMS))
def test_every_limited_form_answers_429_with_retry_after_and_when_to_try_again(
    client, settings, region, member, scope, language
):
    settings.RATE_LIMITS = {
        key: {"per_email": 1, "per_address": 1, "window": 1800} for key in settings.RATE_LIMITS
    }
    url, data = LIMITED_FORMS[scope](language, region, member)
    first = client.post(url, data(1))
    assert first.status_code != 429

    response = client.post(url, data(2))

    assert response.status_code == 429
    assert 1790 < int(response["Retry-After"]) <= 1800
    text = " ".join(html.unescape(response.text).split())
    assert re.search(WAIT[language], text), text[:3000]
