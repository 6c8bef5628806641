"""Invoices in the back office: read-only, scoped to the manager's regions, cancelled by a
credit note and paid through the record's own page."""

import datetime as dt

import pytest
from django.contrib import admin
from django.contrib.messages import get_messages

from billing.models import Invoice, Payment
from tests import factories
from tests.backoffice.test_admin_translations import assert_german
from tests.factories import make_invoice, make_seller

pytestmark = pytest.mark.django_db


@pytest.fixture
def invoices(muensterland, saarland):
    seller = make_seller(invoice_prefix="GWMD")
    return {
        "own": make_invoice(seller, region=muensterland),
        "foreign": make_invoice(seller, region=saarland),
    }


def test_accounting_reads_invoices_and_sellers_in_german(admin_client, invoices):
    invoice = invoices["own"]
    credit_note = factories.make_invoice(invoice.seller)  # a second one, for the list
    for url in [
        "/admin/billing/invoice/",
        "/admin/billing/invoice/?overdue=yes",
        f"/admin/billing/invoice/{invoice.pk}/change/",
        f"/admin/billing/invoice/{invoice.pk}/payment/",
        f"/admin/billing/invoice/{invoice.pk}/history/",
        "/admin/billing/seller/",
        f"/admin/billing/seller/{invoice.seller_id}/change/",
    ]:
        assert_german(admin_client, url)
    content = admin_client.get("/admin/billing/invoice/").content.decode()
    assert invoice.number in content and credit_note.number in content
    assert "113,05\xa0€" in content  # 95.00 net plus 19 % VAT, as German writes it


def test_regional_manager_sees_only_their_regions_invoices(regional_client, invoices):
    content = regional_client.get("/admin/billing/invoice/").content.decode()
    assert invoices["own"].number in content
    assert invoices["foreign"].number not in content
    own, foreign = invoices["own"].pk, invoices["foreign"].pk
    assert regional_client.get(f"/admin/billing/invoice/{own}/change/").status_code == 200
    assert regional_client.get(f"/admin/billing/invoice/{foreign}/change/").status_code == 404
    assert regional_client.get(f"/admin/billing/invoice/{foreign}/payment/").status_code == 404


def test_nobody_adds_deletes_or_edits_an_invoice_by_hand(admin_client, invoices):
    invoice = invoices["own"]
    assert admin_client.get("/admin/billing/invoice/add/").status_code == 403
    assert admin_client.get(f"/admin/billing/invoice/{invoice.pk}/delete/").status_code == 403
    page = admin_client.get(f"/admin/billing/invoice/{invoice.pk}/change/").content.decode()
    assert 'name="billing_organisation"' not in page
    assert 'name="_save"' not in page
    admin_client.post(
        f"/admin/billing/invoice/{invoice.pk}/change/", {"billing_organisation": "Andere GmbH"}
    )
    invoice.refresh_from_db()
    assert invoice.billing_organisation == "MedTech Beispiel GmbH"
    model_admin = admin.site._registry[Invoice]
    assert "delete_selected" not in model_admin.get_actions(_request(admin_client))


def _request(client):
    from django.contrib.auth import get_user_model
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = get_user_model().objects.get(pk=client.session["_auth_user_id"])
    return request


def test_manager_cancels_an_invoice_by_a_credit_note(regional_client, regional_manager, invoices):
    invoice = invoices["own"]
    page = regional_client.get(f"/admin/billing/invoice/{invoice.pk}/change/").content.decode()
    assert "Stornieren (Gutschrift erstellen)" in page

    response = regional_client.post(
        f"/admin/billing/invoice/{invoice.pk}/decide/", {"decision": "cancel_invoices"}
    )

    assert response.status_code == 302
    invoice.refresh_from_db()
    assert invoice.status == Invoice.Status.CANCELLED
    credit_note = invoice.credit_notes.get()
    assert credit_note.created_by == regional_manager
    assert credit_note.region == invoice.region
    assert invoice.history.first().history_user == regional_manager
    page = regional_client.get(f"/admin/billing/invoice/{invoice.pk}/change/").content.decode()
    assert f"/admin/billing/invoice/{credit_note.pk}/change/" in page
    assert "Stornieren (Gutschrift erstellen)" not in page


def test_manager_records_a_payment_and_is_told_about_a_wrong_amount(
    regional_client, regional_manager, invoices
):
    invoice = invoices["own"]
    url = f"/admin/billing/invoice/{invoice.pk}/payment/"

    response = regional_client.post(
        url,
        {"amount_cents": "113,05", "paid_on": "01.12.2026", "reference": "RE GWMD"},
        headers={"accept-language": "de"},
    )

    assert response.status_code == 302
    payment = Payment.objects.get(invoice=invoice)
    assert (payment.amount_cents, payment.paid_on) == (11305, dt.date(2026, 12, 1))
    assert payment.recorded_by == regional_manager
    invoice.refresh_from_db()
    assert invoice.status == Invoice.Status.PAID

    other = make_invoice(invoice.seller, region=invoice.region)
    response = regional_client.post(
        f"/admin/billing/invoice/{other.pk}/payment/",
        {"amount_cents": "zwölf", "paid_on": "01.12.2026"},
        headers={"accept-language": "de"},
    )
    assert response.status_code == 200
    assert not other.payments.exists()
    texts = [str(message) for message in get_messages(response.wsgi_request)]
    assert texts[-1] == "Bitte korrigieren Sie die Zahlung."
    assert "Geben Sie einen Betrag wie 2450 oder 2.450,00 ein." in response.content.decode()
