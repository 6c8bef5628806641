"""Invoices are kept as the law requires (10 years after the end of their year): the purge of
personal data and an erasure by address leave them, the retention purge removes them after."""

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone

from billing.models import Invoice, InvoiceLine, Payment
from billing.services import credit_note_issue, payment_record
from core import privacy
from events.models import Registration
from tests.factories import make_buyer, make_event, make_invoice, make_registration, make_seller

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def test_purging_a_registration_keeps_its_invoice():
    event = make_event(start=NOW - dt.timedelta(days=500))
    registration = make_registration(
        event, email="erika@example.org", status=Registration.Status.CONFIRMED
    )
    invoice = make_invoice(
        source=registration,
        buyer=make_buyer(email="erika@example.org"),
        today=(NOW - dt.timedelta(days=520)).date(),
    )

    report = privacy.purge()

    registration.refresh_from_db()
    assert registration.email != "erika@example.org"  # anonymised after its event
    assert report["invoices"] == 0
    invoice.refresh_from_db()
    assert invoice.billing_email == "erika@example.org"
    assert invoice.source == registration


def test_an_invoice_is_purged_ten_years_after_the_end_of_its_year():
    seller = make_seller()
    old = make_invoice(seller, today=dt.date(NOW.year - 11, 12, 31))
    payment_record(invoice=old, amount_cents=old.gross_cents, paid_on=old.issue_date)
    cancelled = make_invoice(seller, today=dt.date(NOW.year - 11, 3, 1))
    credit_note = credit_note_issue(invoice=cancelled, today=dt.date(NOW.year - 11, 4, 1))
    kept = make_invoice(seller, today=dt.date(NOW.year - 10, 1, 1))
    # Cancelled only later: the pair waits for the credit note's own period.
    waiting = make_invoice(seller, today=dt.date(NOW.year - 11, 6, 1))
    late_note = credit_note_issue(invoice=waiting, today=dt.date(NOW.year - 10, 1, 5))

    assert privacy.purge(dry_run=True)["invoices"] == 3
    report = privacy.purge()

    assert report["invoices"] == 3
    remaining = set(Invoice.objects.values_list("pk", flat=True))
    assert remaining == {kept.pk, waiting.pk, late_note.pk}
    assert not Payment.objects.filter(invoice_id=old.pk).exists()
    assert not InvoiceLine.objects.filter(invoice_id__in=[old.pk, credit_note.pk]).exists()
    assert not Invoice.history.model.objects.filter(id=old.pk).exists()
    assert privacy.purge()["invoices"] == 0


def test_an_erasure_keeps_invoices_and_says_why(client, admin_user):
    invoice = make_invoice(buyer=make_buyer(email="erika@example.org"))
    assert [row["number"] for row in privacy.collect("Erika@example.org")["invoices"]] == [
        invoice.number
    ]
    client.force_login(admin_user)

    page = client.post(
        "/admin/core/erasurerecord/personal-data/",
        {"email": "erika@example.org", "action": "show"},
        headers={"accept-language": "de"},
    ).content.decode()
    assert "§ 147 AO" in page
    response = client.post(
        "/admin/core/erasurerecord/personal-data/",
        {"email": "erika@example.org", "action": "erase_confirmed"},
        headers={"accept-language": "de"},
    )

    assert response.status_code == 302
    invoice.refresh_from_db()
    assert invoice.billing_email == "erika@example.org"
    messages = [str(message) for message in get_messages(response.wsgi_request)]
    assert any("10 Jahre" in message and "§ 14b UStG" in message for message in messages)
