import pytest

from backoffice.roles import NETWORK_MANAGEMENT, REGIONAL_MANAGEMENT
from regions.models import Region
from tests import factories


@pytest.fixture
def nrw(db):
    return factories.make_region(
        name="Nordrhein-Westfalen", slug="nrw", kind=Region.Kind.STATE, states=["NW"]
    )


@pytest.fixture
def muensterland(nrw):
    return factories.make_region(name="Münsterland", slug="muensterland", parent=nrw)


@pytest.fixture
def kreis_steinfurt(muensterland):
    """A region below the manager's own region: in scope through the hierarchy."""
    return factories.make_region(
        name="Kreis Steinfurt", slug="kreis-steinfurt", parent=muensterland
    )


@pytest.fixture
def saarland(db):
    return factories.make_region(
        name="Saarland", slug="saarland", kind=Region.Kind.STATE, states=["SL"]
    )


@pytest.fixture
def regional_manager(muensterland):
    return factories.make_staff("muenster-manager", REGIONAL_MANAGEMENT, [muensterland])


@pytest.fixture
def regional_client(client, regional_manager):
    client.force_login(regional_manager)
    return client


@pytest.fixture
def network_manager(db):
    return factories.make_staff("central-office", NETWORK_MANAGEMENT)


@pytest.fixture
def network_client(client, network_manager):
    client.force_login(network_manager)
    return client
