"""The demo's delegations and trips come from the seeds (000, 001): NRW.INVEST receives a
delegation, NRW.International's trips go to the Netherlands, Belgium and Denmark."""

import pytest
from django.core.management import call_command

from delegations.models import DelegationVisit
from events.models import Event, Registration

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("load_demo", "--no-admin", verbosity=0)


def test_demo_has_a_visit_hosted_by_nrw_invest_with_programme_and_members_visited(demo):
    visit = DelegationVisit.objects.get(slug="delegation-japan-gesundheitswirtschaft-nrw")
    assert visit.hosts.filter(name="NRW.INVEST GmbH").exists()
    assert visit.programme.count() >= 3
    assert visit.visited_organisations.filter(name="Uniklinik RWTH Aachen").exists()
    assert visit.cooperations.filter(slug="auslaendische-delegationen-nrw-invest").exists()
    assert "Fiktives Beispiel" in visit.description
    assert DelegationVisit.objects.past().exists()
    for visit in DelegationVisit.objects.all():
        visit.full_clean()


def test_demo_trips_to_the_netherlands_belgium_and_denmark_are_complete(demo):
    trips = Event.objects.filter(kind=Event.Kind.DELEGATION_TRIP)
    assert set(trips.values_list("country", flat=True)) >= {"NL", "BE", "DK"}
    for trip in trips.filter(country__in=["NL", "BE", "DK"]):
        assert trip.requires_approval
        assert trip.price_cents and trip.seller_id and trip.fee_includes and trip.fee_includes_en
        assert trip.sessions.count() >= 3
        assert trip.questions.count() >= 2
        assert trip.cooperations.filter(slug="markterschliessungsreisen-nrw-international")
    statuses = set(Registration.objects.filter(event__in=trips).values_list("status", flat=True))
    assert Registration.Status.AWAITING_APPROVAL in statuses
    assert Registration.Status.DECLINED in statuses


def test_demo_pages_show_the_delegations(client, demo):
    html = client.get("/delegationen/").text
    for title in ("Niederlande", "Belgien", "Dänemark", "Delegation aus Japan"):
        assert title in html
    assert "Delegation aus Japan" in client.get("/kooperationen/partner/nrwinvest-gmbh/").text
    partner = client.get("/kooperationen/partner/nrwinternational-gmbh/").text
    assert "Unternehmerreise Gesundheitswirtschaft Dänemark" in partner
    assert "Delegation aus Japan" in client.get("/regionen/nordrhein-westfalen/").text


def test_loading_the_demo_twice_changes_nothing(demo):
    before = list(DelegationVisit.objects.order_by("pk").values())
    trips = Event.objects.filter(kind=Event.Kind.DELEGATION_TRIP).order_by("pk")
    trips_before = list(trips.values())
    registrations = list(Registration.objects.order_by("pk").values())
    call_command("load_demo", "--no-admin", verbosity=0)
    assert list(DelegationVisit.objects.order_by("pk").values()) == before
    assert list(trips.values()) == trips_before
    assert list(Registration.objects.order_by("pk").values()) == registrations
