"""Paid events (issue 25): prices on the page, billing details only where money is due, the
members' price, the invoice when a place is confirmed and the credit note when it is cancelled."""

import pytest
from django.core.cache import caches

from billing.models import Invoice
from events import services
from events.models import Booking, Registration
from members.models import Organisation
from tests.factories import make_open_event, make_organisation
from tests.helpers import count_queries

from .conftest import form_data, personal_path

pytestmark = pytest.mark.django_db
Status = Registration.Status

BILLING = {
    "billing_organisation": "Beispiel Medizintechnik GmbH",
    "billing_street": "Hauptstraße 5",
    "billing_postcode": "06108",
    "billing_city": "Halle (Saale)",
    "billing_country": "DE",
    "billing_email": "rechnung@example.org",
}


@pytest.fixture
def conference(region):
    return make_open_event(
        title="Mitteldeutsche Gesundheitswirtschaftskonferenz",
        region=region,
        capacity=2,
        price_cents=9500,
        member_price_cents=7500,
    )


def register_paid(client, event, **data):
    return client.post(event.get_absolute_url(), form_data(**{**BILLING, **data}))


def confirmed(event, email="erika@example.org"):
    registration = Registration.objects.get(event=event, email=email)
    return services.confirm(registration=registration)


def test_visitor_sees_the_price_in_german(client, conference):
    html = client.get(conference.get_absolute_url()).text
    assert "95,00\xa0€" in html
    assert "75,00\xa0€" in html
    assert "zzgl. 19 % USt." in html


def test_visitor_sees_the_price_in_english(client, conference):
    html = client.get(f"/en/events/{conference.slug}/").text
    assert "€95.00" in html
    assert "plus 19 % VAT" in html


def test_a_free_event_says_free_of_charge_and_asks_no_billing_details(client, open_event):
    html = client.get(open_event.get_absolute_url()).text
    assert "kostenlos" in html
    assert "billing_street" not in html


def test_a_paid_event_asks_for_the_billing_details(client, conference):
    html = client.get(conference.get_absolute_url()).text
    assert 'name="billing_street"' in html
    assert "Unsere Organisation ist Mitglied im Netzwerk" in html


def test_a_bad_vat_id_is_refused_in_german_and_stores_nothing(client, conference):
    response = register_paid(client, conference, billing_vat_id="DE123")
    assert response.status_code == 200
    assert "Das ist keine gültige USt-IdNr." in response.text
    assert not Registration.objects.exists()
    assert not Booking.objects.exists()


def test_registering_for_a_paid_event_keeps_the_billing_details_on_a_booking(client, conference):
    assert register_paid(client, conference).status_code == 302
    registration = Registration.objects.get()
    assert registration.booking.billing_city == "Halle (Saale)"
    assert registration.booking.booker_email == "erika@example.org"
    assert registration.booking.member_price is False
    assert registration.invoice is None  # nothing is invoiced before the place is confirmed


def test_a_member_organisation_pays_the_members_price(client, conference):
    make_organisation(name="Beispiel Medizintechnik GmbH", status=Organisation.Status.MEMBER)
    register_paid(client, conference, is_member="on")
    registration = confirmed(conference)
    assert registration.booking.member_price is True
    assert registration.invoice.net_cents == 7500


def test_claiming_membership_without_a_member_organisation_pays_the_full_price(client, conference):
    register_paid(client, conference, is_member="on")
    registration = confirmed(conference)
    assert registration.booking.member_price is False
    assert registration.invoice.net_cents == 9500


def test_confirming_a_paid_place_issues_the_invoice(client, conference):
    register_paid(client, conference)
    registration = confirmed(conference)
    invoice = registration.invoice
    assert registration.status == Status.CONFIRMED
    assert (invoice.net_cents, invoice.vat_cents, invoice.gross_cents) == (9500, 1805, 11305)
    assert invoice.seller == conference.seller
    assert invoice.billing_organisation == "Beispiel Medizintechnik GmbH"
    assert invoice.source == registration
    assert invoice.status == Invoice.Status.OPEN


def test_the_participant_sees_the_invoice_on_the_personal_page(client, conference):
    register_paid(client, conference)
    registration = confirmed(conference)
    html = client.get(personal_path(registration)).text
    assert registration.invoice.number in html
    assert "113,05\xa0€" in html
    assert "Offen" in html


def test_a_free_event_issues_no_invoice(client, open_event):
    client.post(open_event.get_absolute_url(), form_data())
    registration = confirmed(open_event)
    assert registration.status == Status.CONFIRMED
    assert registration.invoice is None
    assert not Invoice.objects.exists()


def test_a_members_free_place_issues_no_invoice(client, region):
    event = make_open_event(
        region=region, price_cents=9500, member_price_cents=7500, free_places_per_member=1
    )
    make_organisation(name="Beispiel Medizintechnik GmbH", status=Organisation.Status.MEMBER)
    register_paid(client, event, is_member="on")
    register_paid(client, event, is_member="on", email="max@example.org", name="Max Muster")
    first, second = confirmed(event), confirmed(event, "max@example.org")
    assert first.invoice is None
    assert second.invoice.net_cents == 7500


def test_cancelling_an_invoiced_place_issues_a_credit_note(client, conference):
    register_paid(client, conference)
    registration = confirmed(conference)
    services.cancel(registration=registration)
    invoice = Invoice.objects.get(pk=registration.invoice_id)
    assert invoice.status == Invoice.Status.CANCELLED
    credit_note = invoice.credit_notes.get()
    assert credit_note.gross_cents == 11305
    assert credit_note.status == Invoice.Status.PAID  # nothing was paid, nothing to refund


def test_a_place_from_the_waiting_list_is_invoiced_when_accepted(client, conference):
    for index in range(3):
        register_paid(client, conference, email=f"p{index}@example.org", name=f"P {index}")
        confirmed(conference, f"p{index}@example.org")
    waiting = Registration.objects.get(email="p2@example.org")
    assert waiting.status == Status.WAITING_LIST and waiting.invoice is None
    services.cancel(registration=Registration.objects.get(email="p0@example.org"))
    accepted = services.accept_offer(registration=Registration.objects.get(pk=waiting.pk))
    assert accepted.invoice.net_cents == 9500


def test_a_paid_event_page_runs_as_many_queries_as_a_free_one(client, conference, region):
    free = make_open_event(region=region, capacity=2)
    client.get(free.get_absolute_url())  # warm caches filled once per process
    caches["fragments"].clear()
    free_queries, _ = count_queries(client, free.get_absolute_url())
    caches["fragments"].clear()
    paid_queries, _ = count_queries(client, conference.get_absolute_url())
    assert paid_queries == free_queries
