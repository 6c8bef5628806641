"""The admin index shows what needs the cluster managers' attention."""

import datetime as dt

import pytest
from django.test import RequestFactory
from django.utils import timezone

from backoffice import dashboard
from members.models import MembershipApplication
from tests import factories
from tests.helpers import assert_constant_queries

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


# Every kind of record that waits for a decision ----------------------------------------------


@pytest.fixture
def waiting_everywhere(muensterland, saarland):
    """One record of each waiting kind in Münsterland and one in Saarland."""
    from b2b.models import Meeting
    from events.models import Registration
    from legal.models import BarrierReport
    from members.models import ProfileChangeRequest
    from partnering.models import Post
    from tests.factories import (
        make_barrier_report,
        make_participant,
        make_post,
        make_privacy_notice,
    )

    notice = make_privacy_notice()
    records = {}
    for place, region in [("Münster", muensterland), ("Saar", saarland)]:
        organisation = factories.make_organisation(name=f"Mitglied {place}", region=region)
        records[f"change-{place}"] = ProfileChangeRequest.objects.create(
            organisation=organisation, submitted_by=f"info@{place.lower()}.example"
        )
        records[f"post-{place}"] = make_post(
            organisation, title=f"Gesuch {place}", status=Post.Status.SUBMITTED, published_at=None
        )
        event = factories.make_event(title=f"B2B-Börse {place}", kind="b2b", region=region)
        requester = make_participant(event, f"Anfragende {place}")
        recipient = make_participant(event, f"Angefragte {place}")
        records[f"meeting-{place}"] = Meeting.objects.create(
            event=event, requester=requester, recipient=recipient
        )
        full = factories.make_event(title=f"Ausgebucht {place}", region=region, capacity=4)
        for number in range(3):
            factories.make_registration(
                full, name=f"Dabei {number}", status=Registration.Status.CONFIRMED
            )
        factories.make_registration(full, status=Registration.Status.WAITING_LIST)
        records[f"event-{place}"] = full
    records["barrier"] = make_barrier_report(1, notice)
    make_barrier_report(2, notice, status=BarrierReport.Status.RESOLVED)
    return records


def test_superuser_sees_every_kind_of_waiting_record_each_linked_to_it(
    admin_client, admin_user, waiting_everywhere
):
    html = admin_client.get("/admin/").text
    records = waiting_everywhere

    expected = {
        "profile-change-requests": ("members", "profilechangerequest", records["change-Münster"]),
        "partnering-posts": ("partnering", "post", records["post-Saar"]),
        "b2b-requests": ("b2b", "meeting", records["meeting-Münster"]),
        "barrier-reports": ("legal", "barrierreport", records["barrier"]),
    }
    for key, (app, model, record) in expected.items():
        found = panel(admin_user, key)
        assert found.count == (1 if key == "barrier-reports" else 2), key
        assert f'id="panel-{key}"' in html
        assert f'href="/admin/{app}/{model}/{record.pk}/change/"' in html, key
    assert "Gesuch Saar" in html and "Anfragende Münster ↔ Angefragte Münster" in html


def test_upcoming_events_show_fill_rate_and_a_link_to_the_waiting_list(
    admin_client, admin_user, waiting_everywhere
):
    event = waiting_everywhere["event-Münster"]

    item = next(i for i in panel(admin_user, "upcoming-events").items if i.title == event.title)

    assert (item.confirmed, item.capacity, item.fill_rate, item.waiting) == (3, 4, 75, 1)
    html = admin_client.get("/admin/").text
    assert "75 %" in html
    assert f"?event__id__exact={event.pk}&amp;status__exact=waiting_list" in html


def test_regional_manager_sees_only_their_regions_and_only_what_they_may_see(
    regional_client, regional_manager, waiting_everywhere
):
    html = regional_client.get("/admin/").text

    changes = panel(regional_manager, "profile-change-requests")
    assert changes.count == 1
    assert changes.items[0].label == "Mitglied Münster"
    assert "Mitglied Saar" not in html and "Ausgebucht Saar" not in html
    # No permission on posts, meetings or barrier reports: their panels are left out.
    for key in ["partnering-posts", "b2b-requests", "barrier-reports"]:
        assert panel(regional_manager, key) is None
        assert f'id="panel-{key}"' not in html


def test_central_manager_sees_every_panel(network_client, network_manager, waiting_everywhere):
    network_client.get("/admin/")
    keys = [p.key for p in dashboard.panels(_request_of(network_manager))]

    assert keys == [
        "membership-applications",
        "profile-change-requests",
        "co-exhibitor-applications",
        "partnering-posts",
        "group-membership-requests",
        "b2b-requests",
        "barrier-reports",
        "upcoming-events",
        "recent-registrations",
        "overdue-invoices",
    ]


def _request_of(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return request


def test_a_long_panel_lists_five_and_links_to_all(admin_client, admin_user, muensterland):
    for number in range(7):
        organisation = factories.make_organisation(
            name=f"Bewerber {number}", status="applicant", region=muensterland
        )
        MembershipApplication.objects.create(organisation=organisation)

    applications = panel(admin_user, "membership-applications")

    assert applications.count == 7 and len(applications.items) == 5
    assert "Alle 7 anzeigen" in admin_client.get("/admin/").text


def test_start_page_queries_stay_bounded_however_much_waits(admin_client, muensterland):
    """The start page costs the same with 10 and with 60 waiting records of every kind."""
    from b2b.models import Meeting
    from events.models import Registration
    from members.models import ProfileChangeRequest
    from partnering.models import Post
    from tests.factories import (
        make_barrier_report,
        make_participant,
        make_post,
        make_privacy_notice,
    )

    notice = make_privacy_notice()

    def add_rows(n):
        for _i in range(n):
            organisation = factories.make_organisation(region=muensterland, status="applicant")
            MembershipApplication.objects.create(organisation=organisation)
            ProfileChangeRequest.objects.create(organisation=organisation, submitted_by="a@b.de")
            make_post(organisation, status=Post.Status.SUBMITTED, published_at=None)
            event = factories.make_event(region=muensterland, kind="b2b", capacity=10)
            factories.make_registration(event, status=Registration.Status.WAITING_LIST)
            one = make_participant(event, factories.unique("Eins"))
            Meeting.objects.create(
                event=event, requester=one, recipient=make_participant(event, "Zwei")
            )
            make_barrier_report(1, notice)

    queries = assert_constant_queries(admin_client, "/admin/", add_rows, small=10, large=60)
    assert queries <= 20, queries  # 17 on 2026-12: 8 panels and the admin index
