"""The admin searches of registrations and events find names with punctuation and
abbreviations, as the organisations' search does, on trigram indexes."""

import datetime as dt
import re

import pytest
from django.contrib import admin
from django.db import connection
from django.test import RequestFactory
from django.utils import timezone

from events.models import Event, Registration
from tests import factories

pytestmark = pytest.mark.django_db

ORGANISATIONS = [
    "saar.is saarland.innovation&standort e. V.",
    "Fraunhofer-Institut für Biomedizinische Technik IBMT",
    "Landeszentrum Gesundheit Nordrhein-Westfalen (LZG.NRW)",
    "Saar MedTech GmbH",
    "Universitätsklinikum Münster",
]


@pytest.fixture
def registrations(region):
    event = factories.make_event(title="Netzwerktreffen Saar", region=region)
    return {
        name: factories.make_registration(
            event, name=f"Person {index}", organisation_name=name, email=f"p{index}@example.org"
        )
        for index, name in enumerate(ORGANISATIONS)
    }


def found(client, url, term) -> list[str]:
    response = client.get(url, {"q": term})
    assert response.status_code == 200
    return [str(row) for row in response.context["cl"].result_list]


@pytest.mark.parametrize(
    "term,expected",
    [
        ("saar.is", ORGANISATIONS[0]),
        ("IBMT", ORGANISATIONS[1]),
        ("ibmt", ORGANISATIONS[1]),
        ("LZG", ORGANISATIONS[2]),
        ("LZG.NRW", ORGANISATIONS[2]),
        ("&standort", ORGANISATIONS[0]),
        # Every word must occur, in any column and any order.
        ("MedTech Saar", ORGANISATIONS[3]),
        ("Person 4 Münster", ORGANISATIONS[4]),
    ],
)
def test_registration_search_finds_punctuation_and_abbreviations(
    admin_client, registrations, term, expected
):
    names = found(admin_client, "/admin/events/registration/", term)
    assert names == [str(registrations[expected])]


def test_registration_search_finds_a_ticket_code_and_an_address(admin_client, registrations):
    registration = registrations[ORGANISATIONS[1]]
    url = "/admin/events/registration/"

    assert found(admin_client, url, registration.ticket_code) == [str(registration)]
    assert found(admin_client, url, "p1@example") == [str(registration)]
    # Pattern characters are taken as they are typed.
    assert found(admin_client, url, "%") == []
    assert found(admin_client, url, "_") == []


def test_event_search_finds_titles_in_both_languages_and_places(admin_client, region):
    saar = factories.make_event(
        title_de="Innovationstag saar.is", title_en="saar.is innovation day", region=region
    )
    ibmt = factories.make_event(title="Besuch am IBMT", city="Sulzbach", venue_name="IBMT-Campus")
    factories.make_event(title="Netzwerktreffen Köln")
    url = "/admin/events/event/"

    assert found(admin_client, url, "saar.is") == [str(saar)]
    assert found(admin_client, url, "innovation day") == [str(saar)]
    assert found(admin_client, url, "IBMT Sulzbach") == [str(ibmt)]
    assert found(admin_client, url, "campus") == [str(ibmt)]


def test_regional_manager_searches_only_their_regions(regional_client, muensterland, saarland):
    own = factories.make_event(title="LZG-Forum Münster", region=muensterland)
    other = factories.make_event(title="LZG-Forum Saar", region=saarland)
    factories.make_registration(own, organisation_name="LZG.NRW")
    factories.make_registration(other, organisation_name="LZG.NRW")

    assert found(regional_client, "/admin/events/event/", "LZG") == ["LZG-Forum Münster"]
    registrations = found(regional_client, "/admin/events/registration/", "LZG")
    assert len(registrations) == 1 and "Münster" in registrations[0]


def search_plan(user, model, term) -> str:
    model_admin = admin.site._registry[model]
    request = RequestFactory().get("/admin/")
    request.user = user
    queryset, _distinct = model_admin.get_search_results(request, model.objects.all(), term)
    return queryset.explain()


def test_searches_use_their_trigram_indexes_at_scale(admin_user):
    """With 30,000 registrations and 3,000 events, PostgreSQL answers from the indexes."""
    start = timezone.now() + dt.timedelta(days=10)
    Event.objects.bulk_create(
        Event(
            title=f"Veranstaltung {number}",
            title_de=f"Veranstaltung {number}",
            slug=f"veranstaltung-{number}",
            kind=Event.Kind.WORKSHOP,
            start=start,
            end=start + dt.timedelta(hours=2),
            city=["Aachen", "Bochum", "Saarbrücken"][number % 3],
        )
        for number in range(3000)
    )
    events = list(Event.objects.values_list("pk", flat=True)[:300])
    Registration.objects.bulk_create(
        Registration(
            event_id=events[number % len(events)],
            name=f"Teilnehmende {number}",
            email=f"teilnehmende{number}@example.org",
            organisation_name=f"Beispiel Organisation {number % 997} GmbH",
            status=Registration.Status.CONFIRMED,
            ticket_code=f"code-{number}",
        )
        for number in range(30000)
    )
    with connection.cursor() as cursor:
        # As autovacuum would have done long since: the rows just inserted still wait in the
        # GIN indexes' pending lists, which the planner rightly counts as slow to read.
        for index in ["registration_search_trgm", "event_search_trgm"]:
            cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])
        cursor.execute("ANALYZE events_registration")
        cursor.execute("ANALYZE events_event")

    for model, index, term in [
        (Registration, "registration_search_trgm", "saar.is"),
        (Registration, "registration_search_trgm", "IBMT"),
        (Event, "event_search_trgm", "saar.is"),
    ]:
        plan = search_plan(admin_user, model, term)
        assert re.search(rf"Bitmap Index Scan on {index}", plan), plan
