"""The registrations list's event filter offers the events a manager works on now."""

import datetime as dt

import pytest
from django.utils import timezone

from tests import factories
from tests.factories import make_registration

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/events/registration/"


def event_choices(response):
    spec = next(s for s in response.context["cl"].filter_specs if s.title == "Veranstaltung")
    return [choice["display"] for choice in spec.choices(response.context["cl"])][1:]


def held(days_ago, **overrides):
    start = timezone.now() - dt.timedelta(days=days_ago)
    return factories.make_event(start=start, end=start + dt.timedelta(hours=3), **overrides)


@pytest.fixture
def events(muensterland, saarland):
    return {
        "old": held(400, title="Alter Kongress", region=muensterland),
        "recent": held(10, title="Frisches Netzwerktreffen", region=muensterland),
        "coming": factories.make_event(title="Kommender Workshop", region=muensterland),
        "foreign": factories.make_event(title="Saarländischer Tag", region=saarland),
    }


def test_event_filter_offers_coming_and_recent_events_only(admin_client, events):
    response = admin_client.get(CHANGELIST, headers={"accept-language": "de"})

    assert event_choices(response) == [
        "Frisches Netzwerktreffen",
        "Kommender Workshop",
        "Saarländischer Tag",
    ]


def test_event_filter_of_a_regional_manager_offers_only_their_regions(regional_client, events):
    response = regional_client.get(CHANGELIST, headers={"accept-language": "de"})

    assert event_choices(response) == ["Frisches Netzwerktreffen", "Kommender Workshop"]


def test_old_event_linked_from_its_page_is_filtered_and_shown_as_chosen(admin_client, events):
    make_registration(events["old"], name="Alte Teilnehmerin")
    make_registration(events["coming"], name="Neue Teilnehmerin")

    response = admin_client.get(
        CHANGELIST, {"event__id__exact": events["old"].pk}, headers={"accept-language": "de"}
    )

    assert [r.name for r in response.context["cl"].result_list] == ["Alte Teilnehmerin"]
    assert "Alter Kongress" in event_choices(response)


def test_event_filter_of_a_regional_manager_ignores_another_regions_event(regional_client, events):
    make_registration(events["foreign"], name="Fremde Teilnehmerin")

    response = regional_client.get(
        CHANGELIST, {"event__id__exact": events["foreign"].pk}, headers={"accept-language": "de"}
    )

    assert list(response.context["cl"].result_list) == []
    assert "Saarländischer Tag" not in event_choices(response)
