import pytest
from django.utils import translation

from regions.models import FederalState, Region
from tests import factories


@pytest.fixture(autouse=True)
def _german():
    # Requests leave their language active in the thread; reversed URLs in tests are German.
    with translation.override("de"):
        yield


@pytest.fixture
def nrw(db):
    return factories.make_region(
        name="Nordrhein-Westfalen",
        slug="nordrhein-westfalen",
        kind=Region.Kind.STATE,
        states=[FederalState.NORDRHEIN_WESTFALEN],
    )


@pytest.fixture
def aachen(nrw):
    return factories.make_region(name="Aachen", slug="aachen", parent=nrw)


@pytest.fixture
def invest(db):
    """The host: a member that is also a cooperation partner (member profile and partner page)."""
    return factories.make_organisation(
        name="NRW.INVEST GmbH", slug="nrwinvest-gmbh", is_partner=True
    )


@pytest.fixture
def clinic(aachen):
    return factories.make_organisation(
        name="Uniklinik RWTH Aachen", slug="uniklinik-rwth-aachen", region=aachen
    )


@pytest.fixture
def reception(invest):
    cooperation = factories.make_cooperation(
        title="Empfang ausländischer Delegationen mit NRW.INVEST",
        slug="auslaendische-delegationen-nrw-invest",
    )
    factories.add_partner(cooperation, invest)
    return cooperation


@pytest.fixture
def visit(aachen, invest, clinic, reception):
    visit = factories.make_delegation_visit(
        title="Delegation aus Japan",
        title_en="Delegation from Japan",
        slug="delegation-japan",
        country="JP",
        size=12,
        topics="Telemedizin, Medizintechnik",
        topics_en="Telemedicine, medical technology",
        summary="NRW.INVEST empfängt eine Delegation aus Japan.",
        summary_en="NRW.INVEST receives a delegation from Japan.",
        region=aachen,
    )
    visit.hosts.add(invest)
    visit.visited_organisations.add(clinic)
    visit.cooperations.add(reception)
    factories.make_programme_item(
        visit,
        title="Besuch der Uniklinik",
        title_en="Visit to the university hospital",
        place="Aachen",
        organisation=clinic,
    )
    return visit
