import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from events import services
from events.models import Registration
from tests.factories import make_open_event, make_registration

from .conftest import personal_path

pytestmark = pytest.mark.django_db
Status = Registration.Status


@pytest.fixture
def trip():
    from events.models import Event

    return make_open_event(
        title="Delegationsreise Niederlande",
        kind=Event.Kind.DELEGATION_TRIP,
        requires_approval=True,
        capacity=2,
    )


def test_events_needing_approval_wait_for_the_manager(trip, mailoutbox):
    registration = make_registration(trip)
    services.confirm(registration=registration)
    registration.refresh_from_db()
    assert registration.status == Status.AWAITING_APPROVAL
    assert "wartet auf Freigabe" in mailoutbox[0].subject
    assert trip.places_left == 2


def test_approval_confirms_and_tells_the_person(trip, mailoutbox):
    registration = make_registration(trip, status=Status.AWAITING_APPROVAL)
    services.approve(registration=registration)
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED
    assert "freigegeben" in mailoutbox[0].subject


def test_declining_tells_the_person(trip, mailoutbox):
    registration = make_registration(trip, status=Status.AWAITING_APPROVAL, language="en")
    services.decline(registration=registration)
    registration.refresh_from_db()
    assert registration.status == Status.DECLINED
    assert mailoutbox[0].subject.startswith("Your registration")
    assert "could not accept your registration" in mailoutbox[0].body


def test_declining_with_a_reason_tells_the_person_why(trip, mailoutbox):
    registration = make_registration(trip, status=Status.AWAITING_APPROVAL, language="en")
    services.decline(registration=registration, reason="The trip is for hospitals only.")
    assert "The reason for our decision:\nThe trip is for hospitals only." in mailoutbox[0].body


def test_approval_of_a_full_trip_goes_to_the_waiting_list(trip, mailoutbox):
    make_registration(trip, status=Status.CONFIRMED)
    make_registration(trip, status=Status.CONFIRMED)
    registration = make_registration(trip, status=Status.AWAITING_APPROVAL)
    services.approve(registration=registration)
    registration.refresh_from_db()
    assert registration.status == Status.WAITING_LIST


def test_ticket_page_needs_a_confirmed_registration(client, open_event):
    registration = make_registration(open_event, status=Status.WAITING_LIST)
    page = client.get(personal_path(registration)).text
    assert "<svg" not in page
    assert "Warteliste" in page


def test_ticket_qr_code_points_to_the_check_in_page(client, open_event):
    import re

    registration = make_registration(open_event, status=Status.CONFIRMED)
    page = client.get(personal_path(registration)).text
    assert re.search(r"<svg[^>]*>", page)
    assert "QR-Code Ihres Tickets" in page


def test_check_in_pages_are_for_staff_only(client, open_event):
    registration = make_registration(open_event, status=Status.CONFIRMED)
    response = client.get(f"/veranstaltungen/einlass/{registration.ticket_code}/")
    assert response.status_code == 302
    assert "/admin/login/" in response.url
    response = client.get(f"/veranstaltungen/{open_event.slug}/einlass/")
    assert response.status_code == 302


def test_staff_check_in_by_scanning_the_ticket(admin_client, open_event):
    registration = make_registration(open_event, status=Status.CONFIRMED, name="Max Muster")
    url = f"/veranstaltungen/einlass/{registration.ticket_code}/"
    assert "Einchecken" in admin_client.get(url).text
    response = admin_client.post(url, follow=True)
    registration.refresh_from_db()
    assert registration.checked_in_at is not None
    assert "Max Muster ist eingecheckt" in response.text


def test_a_second_check_in_says_when_the_first_was(admin_client, open_event):
    registration = make_registration(open_event, status=Status.CONFIRMED, name="Max Muster")
    first = timezone.now() - dt.timedelta(minutes=30)
    Registration.objects.filter(pk=registration.pk).update(checked_in_at=first)
    response = admin_client.post(
        f"/veranstaltungen/einlass/{registration.ticket_code}/", follow=True
    )
    assert "wurde bereits am" in response.text
    registration.refresh_from_db()
    assert registration.checked_in_at == first


def test_a_cancelled_ticket_cannot_be_checked_in(admin_client, open_event):
    registration = make_registration(open_event, status=Status.CANCELLED)
    response = admin_client.post(
        f"/veranstaltungen/einlass/{registration.ticket_code}/", follow=True
    )
    assert "gehört zu keiner bestätigten Anmeldung" in response.text
    registration.refresh_from_db()
    assert registration.checked_in_at is None


def test_unknown_ticket_codes_answer_404(admin_client):
    assert admin_client.get("/veranstaltungen/einlass/nicht-da/").status_code == 404


def test_staff_search_a_name_and_check_in(admin_client, open_event):
    make_registration(open_event, status=Status.CONFIRMED, name="Anna Schmidt")
    make_registration(open_event, status=Status.CONFIRMED, name="Bernd Meier")
    make_registration(open_event, status=Status.PENDING, name="Anna Offen")
    page = admin_client.get(f"/veranstaltungen/{open_event.slug}/einlass/?q=anna").text
    assert "Anna Schmidt" in page
    assert "Bernd Meier" not in page
    assert "Anna Offen" not in page
    assert "0 von 2 Teilnehmenden eingecheckt" in page


def test_reminders_go_once_to_confirmed_participants_of_soon_events(mailoutbox):
    soon = make_open_event(start=timezone.now() + dt.timedelta(hours=20))
    later = make_open_event(start=timezone.now() + dt.timedelta(days=10))
    confirmed = make_registration(soon, status=Status.CONFIRMED)
    make_registration(soon, status=Status.WAITING_LIST)
    make_registration(later, status=Status.CONFIRMED)
    call_command("send_event_reminders", "--hours", "48")
    call_command("send_event_reminders", "--hours", "48")
    assert [mail.to for mail in mailoutbox] == [[confirmed.email]]
    assert "Erinnerung" in mailoutbox[0].subject
    assert mailoutbox[0].attachments
    confirmed.refresh_from_db()
    assert confirmed.reminded_at is not None
