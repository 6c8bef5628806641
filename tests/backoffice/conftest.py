import pytest
from django.contrib.auth.models import Group

from backoffice.models import StaffRegion
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


def make_staff(username, group_name, regions=()):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(
        username=username, password="a-long-test-password", is_staff=True
    )
    user.groups.add(Group.objects.get(name=group_name))
    for region in regions:
        StaffRegion.objects.create(user=user, region=region)
    return user


@pytest.fixture
def regional_manager(muensterland):
    return make_staff("muenster-manager", REGIONAL_MANAGEMENT, [muensterland])


@pytest.fixture
def regional_client(client, regional_manager):
    client.force_login(regional_manager)
    return client


@pytest.fixture
def network_manager(db):
    return make_staff("central-office", NETWORK_MANAGEMENT)


@pytest.fixture
def network_client(client, network_manager):
    client.force_login(network_manager)
    return client
