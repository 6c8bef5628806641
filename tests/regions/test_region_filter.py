"""Every list filtered by a state also shows what lies in the state's health-economy regions."""

import pytest

from events.models import Event
from regions.models import Region
from tests import factories
from tests.factories import make_news

pytestmark = pytest.mark.django_db


@pytest.fixture
def state():
    return factories.make_region(slug="nrw-land", name="NRW Land", kind=Region.Kind.STATE)


@pytest.fixture
def sub_region(state):
    return factories.make_region(slug="muensterland-test", name="Münsterland Test", parent=state)


@pytest.fixture
def elsewhere():
    return factories.make_region(slug="anderswo", name="Anderswo")


def test_event_list_of_a_state_shows_the_events_of_its_regions(
    client, state, sub_region, elsewhere
):
    factories.make_event(title="Treffen im Münsterland", region=sub_region)
    factories.make_event(title="Treffen anderswo", region=elsewhere)

    page = client.get(f"/veranstaltungen/?region={state.slug}").text

    assert "Treffen im Münsterland" in page
    assert "Treffen anderswo" not in page


def test_news_list_of_a_state_shows_the_news_of_its_regions(client, state, sub_region, elsewhere):
    make_news(title="Neues aus dem Münsterland", regions=[sub_region])
    make_news(title="Neues von anderswo", regions=[elsewhere])

    page = client.get(f"/aktuelles/?region={state.slug}").text

    assert "Neues aus dem Münsterland" in page
    assert "Neues von anderswo" not in page


def test_news_in_a_state_and_its_region_is_listed_once(client, state, sub_region):
    make_news(title="Neues aus Land und Region", regions=[state, sub_region])

    page = client.get(f"/aktuelles/?region={state.slug}").text

    assert page.count("Neues aus Land und Region</a>") == 1


def test_directory_of_a_state_shows_the_members_of_its_regions(
    client, state, sub_region, elsewhere
):
    factories.make_organisation(name="Münsterländer Mitglied", region=sub_region)
    factories.make_organisation(name="Mitglied anderswo", region=elsewhere)

    page = client.get(f"/mitglieder/?region={state.slug}").text

    assert "Münsterländer Mitglied" in page
    assert "Mitglied anderswo" not in page


def test_event_list_of_a_health_region_leaves_out_the_rest_of_its_state(client, state, sub_region):
    factories.make_event(title="Landesweites Treffen", region=state)

    page = client.get(f"/veranstaltungen/?region={sub_region.slug}").text

    assert "Landesweites Treffen" not in page
    assert Event.objects.filter(title="Landesweites Treffen").exists()
