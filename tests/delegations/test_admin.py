"""Delegation visits in the back office: regional managers see and save only their regions'
visits; the programme is edited on the visit's page."""

import datetime as dt

import pytest

from backoffice.roles import NETWORK_MANAGEMENT, REGIONAL_MANAGEMENT
from delegations.models import DelegationVisit
from tests import factories

pytestmark = pytest.mark.django_db
URL = "/admin/delegations/delegationvisit/"


@pytest.fixture
def saarland(db):
    return factories.make_region(name="Saarland", slug="saarland")


@pytest.fixture
def visits(aachen, saarland):
    own = factories.make_delegation_visit(title="Besuch in Aachen", region=aachen)
    foreign = factories.make_delegation_visit(title="Besuch im Saarland", region=saarland)
    return own, foreign


@pytest.fixture
def regional_client(client, nrw):
    client.force_login(factories.make_staff("nrw-manager", REGIONAL_MANAGEMENT, [nrw]))
    return client


def listed(response):
    assert response.status_code == 200
    return {obj.pk for obj in response.context["cl"].result_list}


def test_regional_manager_lists_only_visits_of_their_regions(regional_client, visits):
    own, foreign = visits
    assert listed(regional_client.get(URL)) == {own.pk}  # Aachen lies below their NRW
    assert regional_client.get(f"{URL}{own.pk}/change/").status_code == 200
    response = regional_client.get(f"{URL}{foreign.pk}/change/")
    assert response.status_code == 404
    assert "Besuch im Saarland" not in response.content.decode()


def test_network_manager_lists_every_visit(client, visits):
    client.force_login(factories.make_staff("central", NETWORK_MANAGEMENT))
    assert listed(client.get(URL)) == {visit.pk for visit in visits}


def _form(region, **overrides):
    data = {
        "title_de": "Delegation aus Indien",
        "title_en": "Delegation from India",
        "slug": "delegation-indien",
        "is_public": "on",
        "country": "IN",
        "size": "9",
        "start_date": "2027-05-03",
        "end_date": "2027-05-04",
        "region": str(region.pk),
        "programme-TOTAL_FORMS": "1",
        "programme-INITIAL_FORMS": "0",
        "programme-MIN_NUM_FORMS": "0",
        "programme-MAX_NUM_FORMS": "1000",
        "programme-0-start_0": "2027-05-03",
        "programme-0-start_1": "10:00",
        "programme-0-title_de": "Empfang",
        "programme-0-title_en": "Reception",
        "programme-0-place": "Düsseldorf",
    }
    data.update(overrides)
    return data


def test_regional_manager_adds_a_visit_with_its_programme_in_their_region(regional_client, aachen):
    response = regional_client.post(f"{URL}add/", _form(aachen))
    assert response.status_code == 302, response.context["adminform"].form.errors
    visit = DelegationVisit.objects.get(slug="delegation-indien")
    assert visit.region == aachen
    assert [item.title for item in visit.programme.all()] == ["Empfang"]
    assert visit.programme.get().start.date() == dt.date(2027, 5, 3)
    # The back office's audit trail names who added it.
    assert visit.history.latest().history_user.username == "nrw-manager"


def test_regional_manager_sees_the_cooperations_but_does_not_set_them(regional_client, visits):
    own, _foreign = visits
    own.cooperations.add(factories.make_cooperation(title="Empfang von Delegationen"))
    page = regional_client.get(f"{URL}{own.pk}/change/").content.decode()
    assert "Empfang von Delegationen" in page
    assert 'name="cooperations"' not in page


def test_regional_manager_cannot_put_a_visit_into_another_region(regional_client, saarland):
    response = regional_client.post(f"{URL}add/", _form(saarland))
    assert response.status_code == 200
    assert not DelegationVisit.objects.filter(slug="delegation-indien").exists()


def test_the_admin_refuses_a_last_day_before_the_first(admin_client, aachen):
    response = admin_client.post(f"{URL}add/", _form(aachen, end_date="2027-05-01"))
    assert response.status_code == 200
    assert "Der letzte Tag kann nicht vor dem ersten Tag liegen." in response.content.decode()
    assert not DelegationVisit.objects.exists()


def test_trip_admin_edits_what_the_fee_includes(admin_client):
    trip = factories.make_event(kind="trip")
    page = admin_client.get(f"/admin/events/event/{trip.pk}/change/").content.decode()
    assert "fee_includes_de" in page and "fee_includes_en" in page
