"""Places that run out: capacity, the waiting list, offers and their lapse."""

import datetime as dt
import threading

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import formats, timezone

from events import services
from events.models import Registration
from tests.factories import make_open_event, make_registration

from .conftest import form_data, link_in, personal_path

Status = Registration.Status


@pytest.mark.django_db(transaction=True)
def test_parallel_confirmations_never_exceed_the_capacity():
    event = make_open_event(capacity=5)
    registrations = [make_registration(event, name=f"Person {i}") for i in range(20)]
    barrier = threading.Barrier(len(registrations))
    errors = []

    def confirm(registration):
        try:
            barrier.wait()
            services.confirm(registration=registration)
        except Exception as error:  # noqa: BLE001 - reported to the main thread
            errors.append(error)
        finally:
            connection.close()  # each thread had its own connection

    threads = [threading.Thread(target=confirm, args=(r,)) for r in registrations]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    confirmed = list(Registration.objects.filter(event=event, status=Status.CONFIRMED))
    waiting = list(event.registrations.waiting_in_order())
    assert len(confirmed) == 5
    assert len(waiting) == 15
    # Whoever got a place got the lock before everyone on the waiting list.
    latest_confirmation = max(r.confirmed_at for r in confirmed)
    assert all(r.waiting_since > latest_confirmation for r in waiting)
    assert [r.waiting_position for r in waiting] == list(range(1, 16))


db = pytest.mark.django_db


@db
def test_full_event_puts_new_confirmations_on_the_waiting_list(mailoutbox):
    event = make_open_event(capacity=1)
    first, second = make_registration(event), make_registration(event)
    services.confirm(registration=first)
    services.confirm(registration=second)
    second.refresh_from_db()
    assert second.status == Status.WAITING_LIST
    assert "Warteliste" in mailoutbox[1].subject


@db
def test_event_page_shows_places_left_and_then_the_waiting_list(client):
    event = make_open_event(capacity=3)
    make_registration(event, status=Status.CONFIRMED)
    assert "Noch 2 Plätze frei" in client.get(event.get_absolute_url()).text
    make_registration(event, status=Status.CONFIRMED)
    make_registration(event, status=Status.OFFERED)
    page = client.get(event.get_absolute_url()).text
    assert "Alle Plätze sind vergeben" in page
    assert "Auf die Warteliste setzen" in page


@db
def test_a_cancellation_offers_the_place_to_the_first_on_the_waiting_list(client, mailoutbox):
    event = make_open_event(capacity=1, offer_hold_hours=24)
    holder = make_registration(event, status=Status.CONFIRMED)
    first = make_registration(
        event, status=Status.WAITING_LIST, waiting_since=timezone.now() - dt.timedelta(hours=2)
    )
    second = make_registration(
        event, status=Status.WAITING_LIST, waiting_since=timezone.now() - dt.timedelta(hours=1)
    )
    client.post(personal_path(holder), {"action": "cancel_confirmed"})
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Status.OFFERED
    assert second.status == Status.WAITING_LIST
    offer = [m for m in mailoutbox if m.to == [first.email]][0]
    assert "Ein Platz ist für Sie frei" in offer.subject
    deadline = formats.date_format(timezone.localtime(first.offer_expires_at), "DATETIME_FORMAT")
    assert f"bis {deadline} für Sie bereit" in offer.body
    assert first.offer_expires_at - timezone.now() > dt.timedelta(hours=23)
    # The person accepts through the link in the offer.
    response = client.post(link_in(offer, "anmeldung"), {"action": "accept"})
    first.refresh_from_db()
    assert first.status == Status.CONFIRMED
    assert "Ihr Ticket" in client.get(response.url).text
    assert "Ihre Anmeldung ist bestätigt" in mailoutbox[-1].subject


@db
def test_an_expired_offer_cannot_be_accepted_and_passes_on(client, mailoutbox):
    event = make_open_event(capacity=1)
    late = make_registration(
        event, status=Status.OFFERED, offer_expires_at=timezone.now() - dt.timedelta(minutes=1)
    )
    next_one = make_registration(event, status=Status.WAITING_LIST)
    response = client.post(personal_path(late), {"action": "accept"}, follow=True)
    assert "abgelaufen" in response.text
    late.refresh_from_db()
    next_one.refresh_from_db()
    assert late.status == Status.LAPSED
    assert next_one.status == Status.OFFERED
    assert mailoutbox[-1].to == [next_one.email]


@db
def test_deadline_command_lapses_offers_and_passes_them_on_once(mailoutbox):
    event = make_open_event(capacity=1)
    late = make_registration(
        event, status=Status.OFFERED, offer_expires_at=timezone.now() - dt.timedelta(minutes=1)
    )
    next_one = make_registration(event, status=Status.WAITING_LIST)
    call_command("process_registration_deadlines")
    call_command("process_registration_deadlines")
    late.refresh_from_db()
    next_one.refresh_from_db()
    assert late.status == Status.LAPSED
    assert next_one.status == Status.OFFERED
    assert len(mailoutbox) == 1  # the offer, sent once


@db
def test_deadline_command_lapses_stale_pending_registrations():
    event = make_open_event(pending_lapse_hours=24)
    stale = make_registration(event)
    Registration.objects.filter(pk=stale.pk).update(
        created_at=timezone.now() - dt.timedelta(hours=25)
    )
    fresh = make_registration(event)
    call_command("process_registration_deadlines")
    stale.refresh_from_db()
    fresh.refresh_from_db()
    assert stale.status == Status.LAPSED
    assert fresh.status == Status.PENDING


@db
def test_raising_the_capacity_lets_the_deadline_command_offer_places(mailoutbox):
    event = make_open_event(capacity=1)
    make_registration(event, status=Status.CONFIRMED)
    waiting = make_registration(event, status=Status.WAITING_LIST)
    event.capacity = 2
    event.save()
    call_command("process_registration_deadlines")
    waiting.refresh_from_db()
    assert waiting.status == Status.OFFERED


@db
def test_leaving_the_waiting_list_through_the_link(client, mailoutbox):
    event = make_open_event(capacity=1)
    make_registration(event, status=Status.CONFIRMED)
    waiting = make_registration(event, status=Status.WAITING_LIST)
    page = client.get(personal_path(waiting)).text
    assert "Sie stehen auf Platz 1 der Warteliste" in page
    response = client.post(personal_path(waiting), {"action": "leave_confirmed"}, follow=True)
    assert "Sie haben die Warteliste verlassen" in response.text
    waiting.refresh_from_db()
    assert waiting.status == Status.CANCELLED


@db
def test_new_confirmations_queue_behind_an_existing_waiting_list():
    event = make_open_event(capacity=2)
    make_registration(event, status=Status.CONFIRMED)
    make_registration(event, status=Status.WAITING_LIST)
    newcomer = make_registration(event)
    services.confirm(registration=newcomer)
    newcomer.refresh_from_db()
    assert newcomer.status == Status.WAITING_LIST


@db
def test_unlimited_events_confirm_everyone(client):
    event = make_open_event(capacity=None)
    for _ in range(3):
        services.confirm(registration=make_registration(event))
    assert event.registrations.filter(status=Status.CONFIRMED).count() == 3


@pytest.mark.django_db(transaction=True)
def test_lock_for_allocation_refuses_to_run_outside_a_transaction():
    from django.db.transaction import TransactionManagementError

    from core.allocation import lock_for_allocation
    from events.models import Event

    event = make_open_event()
    with pytest.raises(TransactionManagementError):
        lock_for_allocation(Event, event.pk)


@db
def test_registering_for_a_full_event_by_form_lands_on_the_waiting_list(client, mailoutbox):
    event = make_open_event(capacity=1)
    make_registration(event, status=Status.CONFIRMED)
    client.post(event.get_absolute_url(), form_data())
    client.post(link_in(mailoutbox[0], "bestaetigen"))
    assert Registration.objects.get(email="erika@example.org").status == Status.WAITING_LIST
