import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from billing.models import Invoice
from billing.pricing import Line, VatRate
from billing.services import BillingError, credit_note_issue, payment_record
from tests.factories import make_invoice, make_seller

pytestmark = pytest.mark.django_db


def test_invoices_are_numbered_per_seller_and_year_without_gaps():
    seller = make_seller(invoice_prefix="GWMD")
    other = make_seller(invoice_prefix="SAARIS")
    numbers = [make_invoice(seller).number for _ in range(3)]
    year = timezone.localdate().year
    assert numbers == [f"GWMD-{year}-00001", f"GWMD-{year}-00002", f"GWMD-{year}-00003"]
    assert make_invoice(other).number == f"SAARIS-{year}-00001"
    assert make_invoice(seller, today=dt.date(2031, 1, 2)).number == "GWMD-2031-00001"


def test_a_rolled_back_invoice_gives_its_number_back():
    seller = make_seller(invoice_prefix="LZG")
    make_invoice(seller)
    with pytest.raises(RuntimeError), transaction.atomic():
        make_invoice(seller)
        raise RuntimeError
    assert make_invoice(seller).number.endswith("-00002")


def test_an_invoice_keeps_its_totals_with_vat_per_rate():
    invoice = make_invoice(
        lines=[Line("Teilnahme", 4, 9500), Line("Tagungsband", 1, 2000, VatRate.REDUCED)]
    )
    assert (invoice.net_cents, invoice.vat_cents, invoice.gross_cents) == (40000, 7360, 47360)
    assert [line.position for line in invoice.lines.all()] == [1, 2]
    assert invoice.due_date == invoice.issue_date + dt.timedelta(days=14)


def test_the_database_refuses_to_change_an_issued_invoice():
    invoice = make_invoice()
    with pytest.raises(IntegrityError), transaction.atomic():
        Invoice.objects.filter(pk=invoice.pk).update(gross_cents=1, net_cents=1, vat_cents=0)
    with pytest.raises(IntegrityError), transaction.atomic():
        Invoice.objects.filter(pk=invoice.pk).update(billing_organisation="Someone else")
    with pytest.raises(IntegrityError), transaction.atomic():
        invoice.lines.update(description="Changed")


def test_the_database_refuses_to_delete_an_issued_invoice():
    invoice = make_invoice()
    with pytest.raises(IntegrityError), transaction.atomic():
        Invoice.objects.filter(pk=invoice.pk).delete()


def test_a_later_change_of_the_seller_does_not_rewrite_the_invoice():
    seller = make_seller()
    invoice = make_invoice(seller)
    seller.street = "Neue Straße 9"
    seller.save()
    invoice.refresh_from_db()
    assert invoice.seller_details["street"] == "Markt 1"


def test_payments_move_the_invoice_from_open_to_partly_paid_to_paid():
    invoice = make_invoice()  # 95.00 net, 113.05 gross
    assert invoice.status == Invoice.Status.OPEN
    payment_record(invoice=invoice, amount_cents=5000, paid_on=dt.date(2026, 12, 1))
    invoice.refresh_from_db()
    assert invoice.status == Invoice.Status.PARTLY_PAID
    payment_record(invoice=invoice, amount_cents=6305, paid_on=dt.date(2026, 12, 2))
    invoice.refresh_from_db()
    assert invoice.status == Invoice.Status.PAID


def test_a_payment_must_be_more_than_zero():
    with pytest.raises(BillingError):
        payment_record(invoice=make_invoice(), amount_cents=0, paid_on=dt.date(2026, 12, 1))


def test_a_credit_note_cancels_the_invoice_and_refers_to_it():
    invoice = make_invoice()
    credit_note = credit_note_issue(invoice=invoice)
    invoice.refresh_from_db()
    assert invoice.status == Invoice.Status.CANCELLED
    assert credit_note.kind == Invoice.Kind.CREDIT_NOTE
    assert credit_note.corrects == invoice
    assert credit_note.gross_cents == invoice.gross_cents
    assert credit_note.number != invoice.number
    # Nothing was paid, so nothing is to be refunded.
    assert credit_note.status == Invoice.Status.PAID


def test_a_credit_note_for_a_paid_invoice_stays_open_until_the_refund():
    invoice = make_invoice()
    payment_record(invoice=invoice, amount_cents=invoice.gross_cents, paid_on=dt.date(2026, 12, 1))
    assert credit_note_issue(invoice=invoice).status == Invoice.Status.OPEN


def test_an_invoice_is_cancelled_only_once():
    invoice = make_invoice()
    credit_note = credit_note_issue(invoice=invoice)
    with pytest.raises(BillingError):
        credit_note_issue(invoice=invoice)
    with pytest.raises(BillingError):
        credit_note_issue(invoice=credit_note)
