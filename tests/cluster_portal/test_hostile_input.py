"""Random and hostile input at every public form and filter URL: never a 500, nothing half-stored.

Hypothesis runs derandomised (the same examples every run), so CI failures reproduce.
"""

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events.models import Registration, RegistrationAnswer, RegistrationQuestion
from legal.models import BarrierReport, LegalPage
from members.models import (
    AccessLink,
    ContactPerson,
    MembershipApplication,
    Organisation,
    ProfileChangeRequest,
)
from partnering.models import ExpressionOfInterest
from tests import factories
from tests.events.conftest import personal_path
from tests.factories import make_open_event, make_post, make_registration, make_stand

pytestmark = pytest.mark.django_db

HOSTILE = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\x01\x02\x1b[31m",
    "\u202etxet",
    "Ünïcødé ßtraße 𝔘𝔫𝔦 漢字 عربى",
    "' OR 1=1 --",
    "'; DROP TABLE members_organisation; --",
    '<script>alert("x")</script>',
    '"><img src=x onerror=alert(1)>',
    "{{ settings.SECRET_KEY }}",
    "%(name)s %s {0}",
    "x" * 5000,
    "2024-13-45",
    "0000-00-00",
    "9999-99",
    "-1",
    "0",
    "99999999999999999999999",
    "1e309",
    "NaN",
    "null",
    "../../etc/passwd",
    "a@b",
    "eva@example.org\r\nBcc: x@example.org",
]
text = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=200))
FAST = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
OK_STATUSES = {200, 302, 400, 404, 413, 429}


@pytest.fixture(autouse=True)
def _setup(db, settings):
    # Rate limits would soon answer 429 to everything; here the forms themselves are tested.
    settings.RATE_LIMITS = {
        key: {"per_email": 100_000, "per_address": 100_000, "window": 3600}
        for key in settings.RATE_LIMITS
    }
    LegalPage.objects.create(
        kind=LegalPage.Kind.PRIVACY, version=1, title="Datenschutz", body="…",
        published_at=timezone.now(),
    )  # fmt: skip
    with translation.override("de"):
        yield


def counts(*models):
    return [model.objects.count() for model in models]


def form_data(fields, values, consent):
    data = dict(zip(fields, values, strict=True))
    if consent:
        data["privacy_consent"] = "on"
    return data


def assert_refused_or_stored_whole(response, before, after):
    assert response.status_code in OK_STATUSES, response.status_code
    if response.status_code != 302:
        assert after == before


# --- public forms (POST) ----------------------------------------------------------------------


REGISTRATION_FIELDS = ["name", "email", "organisation_name", "role", "show_organisation_publicly"]


@given(values=st.lists(text, min_size=6, max_size=6), consent=st.booleans())
@FAST
def test_event_registration_survives_hostile_input(client, region, values, consent):
    event = make_open_event(region=region, capacity=5, slug=factories.unique("ev"))
    question = RegistrationQuestion.objects.create(event=event, text="Frage", required=True)
    data = form_data(REGISTRATION_FIELDS, values[:5], consent)
    data[f"question_{question.pk}"] = values[5]
    models = (Registration, RegistrationAnswer)
    before = counts(*models)

    response = client.post(event.get_absolute_url(), data)

    assert_refused_or_stored_whole(response, before, counts(*models))


APPLICATION_FIELDS = [
    "name",
    "kind",
    "region",
    "city",
    "country",
    "website",
    "email",
    "description",
    "founded_year",
    "sectors",
    "innovation_fields",
    "contact_name",
    "contact_email",
    "contact_phone",
    "message",
]


@given(values=st.lists(text, min_size=15, max_size=15), consent=st.booleans())
@FAST
def test_membership_application_survives_hostile_input(client, region, values, consent):
    models = (Organisation, ContactPerson, MembershipApplication)
    before = counts(*models)

    response = client.post(reverse("members:apply"), form_data(APPLICATION_FIELDS, values, consent))

    assert_refused_or_stored_whole(response, before, counts(*models))


@pytest.fixture
def member(region):
    organisation = factories.make_organisation(
        name="Hostile GmbH", slug="hostile-gmbh", region=region, city="Münster", description="…"
    )
    organisation.contact_persons.create(name="Anna", email="anna@hostile.example")
    return organisation


@given(email=text, consent=st.booleans())
@FAST
def test_access_link_request_survives_hostile_input(client, member, email, consent):
    before = counts(AccessLink)

    response = client.post(
        reverse("members:access_request", args=[member.slug]),
        form_data(["email"], [email], consent),
    )

    assert response.status_code in OK_STATUSES
    if response.status_code != 302:
        assert counts(AccessLink) == before


PROFILE_FIELDS = [
    "profile-description",
    "profile-website",
    "profile-email",
    "profile-postcode",
    "profile-founded_year",
    "profile-employee_band",
    "contacts-TOTAL_FORMS",
    "contacts-INITIAL_FORMS",
    "contacts-0-name",
    "contacts-0-email",
]


@given(values=st.lists(text, min_size=10, max_size=10), consent=st.booleans())
@FAST
def test_profile_change_survives_hostile_input(client, member, values, consent):
    link = AccessLink.objects.create(
        organisation=member, email="anna@hostile.example", purpose="profile"
    )
    from members.access import access_link_url

    before = counts(ProfileChangeRequest, ContactPerson)
    data = form_data(PROFILE_FIELDS, values, consent)
    data = {key.replace("profile-privacy", "privacy"): value for key, value in data.items()}
    if consent:
        data["profile-privacy_consent"] = "on"

    response = client.post(access_link_url(link), data)

    assert_refused_or_stored_whole(response, before, counts(ProfileChangeRequest, ContactPerson))


@given(values=st.lists(text, min_size=4, max_size=4), consent=st.booleans())
@FAST
def test_barrier_report_survives_hostile_input(client, values, consent):
    before = counts(BarrierReport)

    response = client.post(
        reverse("legal:accessibility"),
        form_data(["page_url", "description", "name", "email"], values, consent),
    )

    assert_refused_or_stored_whole(response, before, counts(BarrierReport))


@given(action=text)
@FAST
def test_personal_registration_page_survives_hostile_actions(client, region, action):
    registration = make_registration(make_open_event(region=region, slug=factories.unique("e")))

    response = client.post(personal_path(registration), {"action": action})

    assert response.status_code in OK_STATUSES


@given(values=st.lists(text, min_size=5, max_size=5), consent=st.booleans())
@FAST
def test_partnering_expression_of_interest_survives_hostile_input(client, member, values, consent):
    post = make_post(member)
    before = counts(ExpressionOfInterest)

    response = client.post(
        reverse("partnering:detail", args=[post.pk]),
        form_data(
            ["sender_name", "sender_organisation", "email", "phone", "message"], values, consent
        ),
    )

    assert_refused_or_stored_whole(response, before, counts(ExpressionOfInterest))


@given(values=st.lists(text, min_size=2, max_size=2), consent=st.booleans())
@FAST
def test_partnering_link_request_survives_hostile_input(client, member, values, consent):
    before = counts(AccessLink)

    response = client.post(
        reverse("partnering:request_link"), form_data(["organisation", "email"], values, consent)
    )

    assert_refused_or_stored_whole(response, before, counts(AccessLink))


@given(values=st.lists(text, min_size=2, max_size=2), consent=st.booleans())
@FAST
def test_joint_stand_access_request_survives_hostile_input(client, member, values, consent):
    stand = make_stand()
    before = counts(AccessLink)

    response = client.post(
        reverse("stands:access", args=[stand.event.slug]),
        form_data(["organisation", "email"], values, consent),
    )

    assert_refused_or_stored_whole(response, before, counts(AccessLink))


# --- filter URLs (GET) ----------------------------------------------------------------------

FILTER_URLS = {
    "members:list": ["q", "region", "kind", "sector", "innovation_field", "city", "sort"],
    "events:list": ["kind", "region", "field", "month"],
    "events:archive": ["kind", "region", "field", "month"],
    "cooperations:list": ["kind", "partner", "country", "status", "field"],
    "cooperations:partners": ["q", "category", "region"],
    "news:list": ["kind", "region", "field", "year"],
    "search": ["q", "kind"],
    "regions:list": ["q"],
    "partnering:board": ["q", "kind", "field", "sector", "region", "new"],
    "stands:list": ["page"],
}


@pytest.mark.parametrize("url_name", sorted(FILTER_URLS))
def test_filter_pages_survive_hostile_query_strings(client, url_name):
    @given(
        values=st.lists(
            text, min_size=len(FILTER_URLS[url_name]), max_size=len(FILTER_URLS[url_name])
        ),
        page=st.one_of(text, st.integers(min_value=-(10**30), max_value=10**30).map(str)),
        extra=st.dictionaries(text, text, max_size=3),
    )
    @FAST
    def run(values, page, extra):
        query = {**extra, **dict(zip(FILTER_URLS[url_name], values, strict=True)), "page": page}
        response = client.get(reverse(url_name), query)
        assert response.status_code in {200, 400, 404}, (response.status_code, query)

    run()


@pytest.mark.parametrize("url_name", sorted(FILTER_URLS))
def test_null_bytes_in_any_query_parameter_do_not_crash(client, url_name):
    for key in [*FILTER_URLS[url_name], "page"]:
        response = client.get(reverse(url_name), {key: "a\x00b"})
        assert response.status_code in {200, 400, 404}, key
