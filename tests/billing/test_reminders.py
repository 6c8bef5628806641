"""Overdue invoices: on the managers' dashboard, and reminded once by e-mail."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import RequestFactory
from django.utils import timezone

from backoffice import dashboard
from billing.models import Invoice
from billing.reminders import remind_overdue
from billing.services import credit_note_issue, payment_record
from tests.factories import make_buyer, make_invoice, make_seller

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
ISSUED = TODAY - dt.timedelta(days=30)  # due 14 days later
DUE = f"{ISSUED + dt.timedelta(days=14):%d.%m.%Y}"


@pytest.fixture
def overdue(muensterland, saarland):
    seller = make_seller(invoice_prefix="GWMD", name="Gesundheitswirtschaft Mitteldeutschland")
    invoices = {
        "own": make_invoice(
            seller, region=muensterland, today=ISSUED, buyer=make_buyer(email="ap@medtech.de")
        ),
        "foreign": make_invoice(seller, region=saarland, today=ISSUED),
        "not_due": make_invoice(seller, region=muensterland, today=TODAY),
        "paid": make_invoice(seller, region=muensterland, today=ISSUED),
        "cancelled": make_invoice(seller, region=muensterland, today=ISSUED),
    }
    payment_record(invoice=invoices["paid"], amount_cents=11305, paid_on=ISSUED)
    credit_note_issue(invoice=invoices["cancelled"], today=ISSUED)
    # Only the reminders count below, not the invoices and credit notes mailed when issued.
    mail.outbox.clear()
    return invoices


def panel(user, key="overdue-invoices"):
    request = RequestFactory().get("/admin/")
    request.user = user
    return {p.key: p for p in dashboard.panels(request)}.get(key)


def test_managers_see_the_overdue_invoices_of_their_regions_on_the_dashboard(
    admin_client, admin_user, regional_client, regional_manager, overdue
):
    everything = panel(admin_user)
    assert everything.title == "Überfällige Rechnungen"
    assert everything.count == 2
    own = panel(regional_manager)
    assert own.count == 1
    (item,) = own.items
    assert item.url == f"/admin/billing/invoice/{overdue['own'].pk}/change/"
    assert "113,05" in item.note and DUE in item.note
    page = regional_client.get("/admin/").content.decode()
    assert 'id="panel-overdue-invoices"' in page
    assert overdue["own"].number in page and overdue["foreign"].number not in page


def test_an_overdue_invoice_is_reminded_once_by_email(overdue):
    assert remind_overdue(today=TODAY) == 2
    assert remind_overdue(today=TODAY) == 0

    assert sorted(message.to[0] for message in mail.outbox) == [
        "ap@medtech.de",
        "buchhaltung@example.com",
    ]
    message = next(message for message in mail.outbox if message.to == ["ap@medtech.de"])
    number = overdue["own"].number
    assert message.subject == f"Zahlungserinnerung: Rechnung {number}"
    assert "113,05 €" in message.body.replace("\xa0", " ")
    assert DUE in message.body
    assert "DE02120300000000202051" in message.body
    assert "Sehr geehrte Damen und Herren" in message.body
    overdue["own"].refresh_from_db()
    assert overdue["own"].reminded_at is not None
    for key in ["not_due", "paid", "cancelled"]:
        overdue[key].refresh_from_db()
        assert overdue[key].reminded_at is None


def test_the_daily_command_reminds_only_what_is_overdue(overdue):
    call_command("send_payment_reminders")
    call_command("send_payment_reminders")
    assert len(mail.outbox) == 2
    assert Invoice.objects.filter(reminded_at__isnull=False).count() == 2
