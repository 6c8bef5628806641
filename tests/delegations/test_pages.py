"""Delegation visits: the list and the page in both languages, their query count, and the
visits (and trips) on the region, partner and member pages."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from delegations.models import DelegationVisit
from events.models import Event
from tests import factories
from tests.helpers import assert_constant_queries, sitemap_urls

pytestmark = pytest.mark.django_db


def test_visit_page_in_german(client, visit):
    response = client.get("/delegationen/delegation-japan/")
    assert response.status_code == 200
    html = response.text
    assert "<h1>Delegation aus Japan</h1>" in html
    assert "Herkunftsland" in html and "Japan" in html
    assert "12 Delegationsmitglieder" in html
    assert "Telemedizin, Medizintechnik" in html
    assert "NRW.INVEST GmbH" in html  # the host
    assert "Besuch der Uniklinik" in html  # the programme
    assert 'href="/mitglieder/uniklinik-rwth-aachen/"' in html  # the member visited
    assert 'href="/kooperationen/auslaendische-delegationen-nrw-invest/"' in html
    assert 'href="/regionen/aachen/"' in html


def test_visit_page_in_english(client, visit):
    response = client.get("/en/delegations/delegation-japan/")
    assert response.status_code == 200
    html = response.text
    assert "<h1>Delegation from Japan</h1>" in html
    assert "Country of origin" in html
    assert "12 delegates" in html
    assert "Visit to the university hospital" in html
    assert 'href="/en/members/uniklinik-rwth-aachen/"' in html


def test_list_shows_upcoming_and_past_visits_and_the_trips(client, visit, aachen):
    factories.make_delegation_visit(
        title="Delegation aus Dänemark",
        country="DK",
        start_date=timezone.localdate() - dt.timedelta(days=100),
        end_date=timezone.localdate() - dt.timedelta(days=99),
    )
    factories.make_delegation_visit(title="Geheimer Besuch", is_public=False)
    factories.make_event(title="Reise nach Belgien", kind=Event.Kind.DELEGATION_TRIP, country="BE")
    factories.make_event(title="Ein Workshop")
    html = client.get("/delegationen/").text
    upcoming, past = html.split("Vergangene Delegationsbesuche")
    assert "Delegation aus Japan" in upcoming
    assert "Delegation aus Dänemark" in past
    assert "Geheimer Besuch" not in html
    assert "Reise nach Belgien" in html
    assert "Ein Workshop" not in html
    assert client.get("/en/delegations/").status_code == 200


def test_hidden_visit_has_no_page(client, visit):
    DelegationVisit.objects.filter(pk=visit.pk).update(is_public=False)
    assert client.get("/delegationen/delegation-japan/").status_code == 404


@pytest.mark.parametrize(
    "path", ["/delegationen/delegation-japan/", "/en/delegations/delegation-japan/"]
)
def test_visit_page_keeps_its_query_count(client, visit, path):
    def add_rows(count):
        for number in range(count):
            organisation = factories.make_organisation()
            visit.hosts.add(organisation)
            visit.visited_organisations.add(organisation)
            visit.cooperations.add(factories.make_cooperation())
            factories.make_programme_item(visit, title=f"Punkt {number}", organisation=organisation)

    assert_constant_queries(client, path, add_rows, small=5, large=40)


@pytest.mark.parametrize("path", ["/delegationen/", "/en/delegations/"])
def test_list_keeps_its_query_count(client, aachen, invest, path):
    def add_rows(count):
        for number in range(count):
            past = timezone.localdate() - dt.timedelta(days=number + 10)
            for start in (timezone.localdate() + dt.timedelta(days=number + 1), past):
                visit = factories.make_delegation_visit(
                    start_date=start, end_date=start, region=aachen
                )
                visit.hosts.add(invest)
            factories.make_event(
                kind=Event.Kind.DELEGATION_TRIP,
                region=aachen,
                registration_enabled=True,
                requires_approval=True,
                capacity=5,
            )

    assert_constant_queries(client, path, add_rows, small=5, large=40)


def test_cached_visit_page_costs_at_most_two_queries(client, visit, django_assert_max_num_queries):
    client.get("/delegationen/delegation-japan/")
    with django_assert_max_num_queries(2):
        assert client.get("/delegationen/delegation-japan/").status_code == 200


def test_cached_visit_page_shows_a_change_at_once(
    client, visit, django_capture_on_commit_callbacks
):
    client.get("/delegationen/delegation-japan/")
    with django_capture_on_commit_callbacks(execute=True):
        factories.make_programme_item(visit, title="Abendessen mit dem Clustermanagement")
    assert (
        "Abendessen mit dem Clustermanagement" in client.get("/delegationen/delegation-japan/").text
    )


def test_the_last_day_cannot_lie_before_the_first():
    start = dt.date(2027, 3, 10)
    visit = DelegationVisit(
        title="Rückwärts",
        slug="rueckwaerts",
        country="NL",
        start_date=start,
        end_date=start - dt.timedelta(days=1),
    )
    with pytest.raises(ValidationError) as error:
        visit.full_clean()
    assert "end_date" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        visit.save()


def test_a_one_day_visit_is_valid():
    visit = factories.make_delegation_visit(
        start_date=dt.date(2027, 3, 10), end_date=dt.date(2027, 3, 10)
    )
    visit.full_clean()


def test_programme_item_cannot_end_before_it_starts(visit):
    start = timezone.now()
    item = factories.make_programme_item(visit, start=start)
    item.end = start - dt.timedelta(hours=1)
    with pytest.raises(ValidationError):
        item.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        item.save()


def _trip(region, organiser=None, **extra):
    return factories.make_event(
        title="Markterkundungsreise Dänemark",
        kind=Event.Kind.DELEGATION_TRIP,
        region=region,
        organiser=organiser,
        country="DK",
        **extra,
    )


def test_region_page_shows_its_visits_and_trips_and_those_below_it(client, visit, nrw, aachen):
    _trip(aachen)
    factories.make_delegation_visit(
        title="Besuch im Saarland", region=factories.make_region(name="Saarland")
    )
    for path in ("/regionen/aachen/", "/regionen/nordrhein-westfalen/"):
        html = client.get(path).text
        assert "Delegationen und Reisen" in html
        assert 'href="/delegationen/delegation-japan/"' in html
        assert "Markterkundungsreise Dänemark" in html
        assert "Besuch im Saarland" not in html


def test_region_page_without_visits_or_trips_shows_no_section(client, nrw):
    assert "Delegationen und Reisen" not in client.get("/regionen/nordrhein-westfalen/").text


def test_partner_page_shows_visits_and_trips_of_its_cooperations(client, visit, invest, aachen):
    trips = factories.make_cooperation(title="Markterschließungsreisen", slug="reisen")
    operator = factories.make_partner(name="NRW.International GmbH", slug="nrwinternational-gmbh")
    factories.add_partner(trips, operator)
    trips.events.add(_trip(aachen))
    html = client.get("/kooperationen/partner/nrwinternational-gmbh/").text
    assert "Markterkundungsreise Dänemark" in html
    assert "Delegation aus Japan" not in html
    html = client.get("/kooperationen/partner/nrwinvest-gmbh/").text
    assert "Delegation aus Japan" in html  # hosted by NRW.INVEST
    english = client.get("/en/cooperations/partners/nrwinvest-gmbh/").text
    assert "Delegation from Japan" in english


def test_member_profile_shows_the_visits_it_receives_and_the_trips_it_organises(
    client, visit, clinic, aachen
):
    _trip(aachen, organiser=clinic)
    html = client.get("/mitglieder/uniklinik-rwth-aachen/").text
    assert "Delegation aus Japan" in html
    assert "Markterkundungsreise Dänemark" in html


def test_the_cached_profile_shows_a_new_visit_at_once(
    client, clinic, django_capture_on_commit_callbacks
):
    client.get("/mitglieder/uniklinik-rwth-aachen/")
    with django_capture_on_commit_callbacks(execute=True):
        factories.make_delegation_visit(title="Delegation aus Indien").visited_organisations.add(
            clinic
        )
    assert "Delegation aus Indien" in client.get("/mitglieder/uniklinik-rwth-aachen/").text


def test_sitemap_lists_the_list_and_public_visits_in_both_languages(client, visit):
    factories.make_delegation_visit(slug="geheim", is_public=False)
    urls = " ".join(sitemap_urls(client))
    for path in (
        "/delegationen/",
        "/en/delegations/",
        "/delegationen/delegation-japan/",
        "/en/delegations/delegation-japan/",
    ):
        assert f"http://testserver{path} " in urls + " ", path
    assert "geheim" not in urls


def test_site_search_finds_a_visit_by_its_topic(client, visit):
    html = client.get("/suche/?q=Telemedizin").text
    assert 'href="/delegationen/delegation-japan/"' in html


def test_cooperation_page_lists_the_visits_that_came_out_of_it(client, visit, reception):
    factories.make_delegation_visit(title="Geheimer Besuch", is_public=False).cooperations.add(
        reception
    )
    html = client.get("/kooperationen/auslaendische-delegationen-nrw-invest/").text
    assert "Delegationsbesuche aus dieser Kooperation" in html
    assert 'href="/delegationen/delegation-japan/"' in html
    assert "Geheimer Besuch" not in html
    english = client.get("/en/cooperations/auslaendische-delegationen-nrw-invest/").text
    assert "Delegation visits from this cooperation" in english
