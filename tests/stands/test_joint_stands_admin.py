"""The back office for joint stands: applications inline, decisions, the catalogue CSV."""

import pytest
from django.core.management import call_command

from stands.models import CoExhibitorApplication, JointStand
from tests import factories
from tests.factories import make_stand, make_stand_application

Status = CoExhibitorApplication.Status
pytestmark = pytest.mark.django_db

APPLICATIONS = "/admin/stands/coexhibitorapplication/"
STANDS = "/admin/stands/jointstand/"


def run_action(admin_client, url, action, objects):
    return admin_client.post(
        url,
        {"action": action, "_selected_action": [obj.pk for obj in objects]},
        follow=True,
    )


def test_stand_change_page_shows_the_applications_inline(admin_client):
    stand = make_stand()
    make_stand_application(stand, factories.make_organisation(name="Inline GmbH"))
    page = admin_client.get(f"{STANDS}{stand.pk}/change/").text
    assert "Inline GmbH" in page
    listing = admin_client.get(STANDS + "?when=upcoming").text
    assert stand.title in listing


def test_admin_accepts_applications_and_mails_the_applicants(admin_client, mailoutbox):
    stand = make_stand(places=3)
    applications = [make_stand_application(stand) for _ in range(2)]
    response = run_action(admin_client, APPLICATIONS, "accept", applications)
    assert "2 Bewerbungen angenommen." in response.text
    assert set(CoExhibitorApplication.objects.values_list("status", flat=True)) == {Status.ACCEPTED}
    assert {mail.to[0] for mail in mailoutbox} == {a.contact_email for a in applications}
    assert CoExhibitorApplication.objects.first().decided_by.username == "admin"


def test_admin_accept_beyond_the_places_waitlists_with_a_message(admin_client, mailoutbox):
    stand = make_stand(places=2)
    first = make_stand_application(stand, factories.make_organisation(name="Erste GmbH"))
    second = make_stand_application(stand, factories.make_organisation(name="Zweite GmbH"))
    third = make_stand_application(
        stand, factories.make_organisation(name="Dritte GmbH"), places_needed=2
    )
    response = run_action(admin_client, APPLICATIONS, "accept", [first, second, third])
    assert "Dritte GmbH: nicht genug freie Plätze, auf die Warteliste gesetzt." in response.text
    third.refresh_from_db()
    assert third.status == Status.WAITING
    stand = JointStand.objects.with_places_taken().get(pk=stand.pk)
    assert stand.places_taken == 2
    response = run_action(admin_client, APPLICATIONS, "accept", [third])
    assert "Auf diesem Gemeinschaftsstand sind nicht genug Plätze frei." in response.text


def test_admin_declines_and_waitlists(admin_client, mailoutbox):
    stand = make_stand()
    declined, waiting = make_stand_application(stand), make_stand_application(stand)
    run_action(admin_client, APPLICATIONS, "decline", [declined])
    run_action(admin_client, APPLICATIONS, "waitlist", [waiting])
    declined.refresh_from_db()
    waiting.refresh_from_db()
    assert (declined.status, waiting.status) == (Status.DECLINED, Status.WAITING)
    assert [mail.to[0] for mail in mailoutbox] == [declined.contact_email, waiting.contact_email]
    response = run_action(admin_client, APPLICATIONS, "decline", [declined])
    assert "Nur offene Bewerbungen können abgelehnt werden." in response.text


def test_catalogue_csv_lists_accepted_co_exhibitors_and_neutralises_formulas(admin_client):
    stand = make_stand()
    exhibitor = factories.make_organisation(
        name="Katalog GmbH",
        street="Musterstraße 1",
        postcode="44801",
        city="Bochum",
        website="https://katalog.example",
    )
    make_stand_application(
        stand, exhibitor, status=Status.ACCEPTED, products='=HYPERLINK("http://evil")'
    )
    make_stand_application(stand, factories.make_organisation(name="Nur Beworben AG"))
    response = admin_client.post(
        STANDS, {"action": "catalogue_csv", "_selected_action": [stand.pk]}
    )
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert lines[0].startswith("Gemeinschaftsstand;Organisation;Straße")
    assert len(lines) == 2
    assert "Katalog GmbH;Musterstraße 1;44801;Bochum" in lines[1]
    assert "https://katalog.example" in lines[1]
    assert "'=HYPERLINK" in lines[1]
    assert "Nur Beworben AG" not in text


def test_application_admin_lists_filters_and_searches(admin_client):
    stand = make_stand()
    make_stand_application(stand, factories.make_organisation(name="Suchbar GmbH"))
    page = admin_client.get(APPLICATIONS + "?status__exact=applied&q=Suchbar").text
    assert "Suchbar GmbH" in page
    assert admin_client.get(APPLICATIONS + "add/").status_code == 403


def test_demo_has_the_seed_joint_stands_and_an_upcoming_one(client):
    call_command("load_demo", "--no-admin")
    past = JointStand.objects.past()
    assert past.filter(event__title__startswith="conhIT").count() == 4
    assert past.filter(event__slug="medtec-europe-2014-gemeinschaftsstand").exists()
    abroad = past.filter(event__date_unknown=True)
    assert abroad.count() == 4
    assert set(abroad.values_list("event__country", flat=True)) == {"IN", "BR", "AE", "SG"}
    upcoming = JointStand.objects.upcoming().with_places_taken().get()
    assert upcoming.accepts_applications()
    assert 0 < upcoming.places_taken < upcoming.places
    assert upcoming.applications.filter(status=Status.APPLIED).exists()
    counts = (JointStand.objects.count(), CoExhibitorApplication.objects.count())
    call_command("load_demo", "--no-admin")
    assert (JointStand.objects.count(), CoExhibitorApplication.objects.count()) == counts
    assert client.get(upcoming.event.get_absolute_url()).status_code == 200


def test_admin_creates_a_stand_with_its_services_for_a_trade_fair_only(admin_client):
    from tests.factories import make_trade_fair

    fair = make_trade_fair()
    workshop = factories.make_event()
    data = {
        "title_de": "Neuer Stand",
        "is_published": "on",
        "places": "6",
        "services": ["power", "catalogue"],
        "application_deadline": "",
        "vat_rate": "19.00",
        "free_places_per_member": "0",
        "applications-TOTAL_FORMS": "0",
        "applications-INITIAL_FORMS": "0",
    }
    refused = admin_client.post(STANDS + "add/", {**data, "event": workshop.pk})
    assert refused.status_code == 200
    assert not JointStand.objects.exists()
    admin_client.post(STANDS + "add/", {**data, "event": fair.pk})
    stand = JointStand.objects.get()
    assert stand.services == ["power", "catalogue"]
