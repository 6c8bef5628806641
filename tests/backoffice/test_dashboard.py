"""The admin index shows what needs the cluster managers' attention."""

import datetime as dt

import pytest
from django.test import RequestFactory
from django.utils import timezone

from backoffice import dashboard
from members.models import MembershipApplication
from tests import factories

pytestmark = pytest.mark.django_db


def panel(user, key):
    """The panel `key` as `user` gets it on the index."""
    request = RequestFactory().get("/admin/")
    request.user = user
    return {p.key: p for p in dashboard.panels(request)}.get(key)


@pytest.fixture
def events(muensterland, saarland):
    soon = timezone.now() + dt.timedelta(days=3)
    return {
        "own": factories.make_event(title="Münsteraner Netzwerktreffen", region=muensterland),
        "foreign": factories.make_event(title="Saarländischer Gesundheitstag", region=saarland),
        "soon": factories.make_event(title="Telemedizin kompakt", start=soon, region=saarland),
        "past": factories.make_event(
            title="Vergangener Workshop",
            start=timezone.now() - dt.timedelta(days=10),
            region=muensterland,
        ),
        "draft": factories.make_event(
            title="Unveröffentlichter Entwurf", region=muensterland, is_published=False
        ),
    }


@pytest.fixture
def applicants(muensterland, saarland):
    for name, region in [("Bewerber Münster", muensterland), ("Bewerber Saar", saarland)]:
        organisation = factories.make_organisation(name=name, status="applicant", region=region)
        MembershipApplication.objects.create(organisation=organisation)
    factories.make_organisation(name="Mitglied Münster", status="member", region=muensterland)


def test_index_shows_upcoming_events_soonest_first_to_a_superuser(admin_client, admin_user, events):
    response = admin_client.get("/admin/")

    assert response.status_code == 200
    upcoming = panel(admin_user, "upcoming-events")
    assert [item.title for item in upcoming.items] == [
        "Telemedizin kompakt",
        "Münsteraner Netzwerktreffen",
        "Saarländischer Gesundheitstag",
    ]
    content = response.content.decode()
    assert "Telemedizin kompakt" in content
    assert "Vergangener Workshop" not in content
    assert "Unveröffentlichter Entwurf" not in content


def test_index_links_each_upcoming_event_to_its_change_page(admin_client, events):
    content = admin_client.get("/admin/").content.decode()
    assert f'href="/admin/events/event/{events["own"].pk}/change/"' in content


def test_index_counts_membership_applications_to_review(admin_client, admin_user, applicants):
    response = admin_client.get("/admin/")

    applications = panel(admin_user, "membership-applications")
    assert applications.count == 2
    content = response.content.decode()
    assert 'id="panel-membership-applications"' in content
    assert "Bewerber Münster" in content and "Bewerber Saar" in content


def test_regional_manager_sees_only_the_events_and_applications_of_their_regions(
    regional_client, regional_manager, events, applicants
):
    response = regional_client.get("/admin/")

    assert response.status_code == 200
    assert [i.title for i in panel(regional_manager, "upcoming-events").items] == [
        "Münsteraner Netzwerktreffen"
    ]
    assert panel(regional_manager, "membership-applications").count == 1
    assert "Bewerber Münster" in response.content.decode()
    content = response.content.decode()
    assert "Saarländischer Gesundheitstag" not in content
    assert "Bewerber Saar" not in content


def test_index_says_so_when_nothing_is_upcoming(admin_client, admin_user):
    response = admin_client.get("/admin/")
    assert panel(admin_user, "upcoming-events").count == 0
    assert "Keine anstehende Veranstaltung." in response.content.decode()


def test_index_counts_co_exhibitor_applications_waiting_for_a_decision(admin_user):
    from stands.models import CoExhibitorApplication
    from tests.factories import make_stand, make_stand_application

    stand = make_stand()
    make_stand_application(stand)
    make_stand_application(stand, status=CoExhibitorApplication.Status.ACCEPTED)

    assert panel(admin_user, "co-exhibitor-applications").count == 1


def test_region_path_follows_foreign_keys_to_the_region():
    from cooperations.models import CooperationPartner
    from events.models import Event
    from members.models import Organisation

    assert dashboard.region_path(Event) == "region"
    assert dashboard.region_path(Organisation) == "region"
    assert dashboard.region_path(CooperationPartner) == "organisation__region"


def test_attention_panel_sits_outside_the_narrow_index_column_with_its_full_width_styles(
    admin_client, events
):
    html = admin_client.get("/admin/", headers={"accept-language": "de"}).text

    panel_at = html.index('class="module backoffice-dashboard backoffice-full-width"')
    assert panel_at < html.index('id="content-main"')
    assert "/static/backoffice/dashboard.css" in html
    css = admin_client.get("/static/backoffice/dashboard.css")
    assert css.status_code == 200
    stylesheet = b"".join(css.streaming_content).decode()
    assert ".dashboard .backoffice-full-width" in stylesheet
    assert "word-break: normal" in stylesheet
