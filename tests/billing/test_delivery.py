"""Delivering invoices: the mail to the buyer's invoice address, and the signed download link."""

import re

import pytest
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from billing.emails import invoice_download_url
from billing.pricing import Line
from billing.services import credit_note_issue
from tests.factories import make_buyer, make_invoice, make_seller

pytestmark = pytest.mark.django_db

LEITWEG_ID = "04011000-1234512345-06"


@pytest.fixture
def database_queue(settings):
    """Production's mode: mail waits as a task row in the database until the worker sends it."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "mail"]}
    }


def test_the_buyer_gets_the_invoice_by_mail_with_the_pdf_attached(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invoice = make_invoice(lines=[Line("Teilnahme Konferenz", 2, 9500)])

    [mail] = mailoutbox
    assert mail.to == ["buchhaltung@example.com"]
    assert mail.reply_to == ["rechnung@example.org"]
    assert mail.subject == f"Rechnung {invoice.number} von {invoice.seller.name}"
    assert "226,10" in mail.body and invoice.number in mail.body
    [(filename, content, mimetype)] = mail.attachments
    assert (filename, mimetype) == (f"{invoice.number}.pdf", "application/pdf")
    invoice.refresh_from_db()
    assert content == bytes(invoice.pdf_document)
    # The link in the mail downloads the same PDF again.
    [link] = re.findall(r"http://testserver/rechnungen/\S+", mail.body)
    assert client.get(link).content == bytes(invoice.pdf_document)


def test_an_english_buyer_gets_the_mail_in_english(mailoutbox):
    invoice = make_invoice(language="en")
    assert mailoutbox[0].subject == f"Invoice {invoice.number} from {invoice.seller.name}"
    assert "/en/invoices/" in mailoutbox[0].body


def test_a_public_buyer_gets_the_xrechnung_attached_as_well(mailoutbox):
    invoice = make_invoice(buyer=make_buyer(reference=LEITWEG_ID))
    filenames = [attachment[0] for attachment in mailoutbox[0].attachments]
    assert filenames == [f"{invoice.number}.pdf", f"{invoice.number}.xml"]
    assert "XRechnung" in mailoutbox[0].body


def test_a_credit_note_is_mailed_with_a_reference_to_the_invoice(mailoutbox):
    invoice = make_invoice()
    credit_note = credit_note_issue(invoice=invoice)
    mail = mailoutbox[-1]
    assert mail.subject.startswith(f"Gutschrift {credit_note.number}")
    assert invoice.number in mail.body
    assert mail.attachments[0][0] == f"{credit_note.number}.pdf"


def test_the_invoice_mail_is_queued_with_the_invoice_and_rolled_back_with_it(database_queue):
    seller = make_seller()
    with pytest.raises(RuntimeError), transaction.atomic():
        make_invoice(seller)
        assert DBTaskResult.objects.count() == 1
        raise RuntimeError("the booking failed after the invoice")
    # No invoice, no mail: the task row went with the rolled-back transaction.
    assert not DBTaskResult.objects.exists()

    make_invoice(seller)
    [task] = DBTaskResult.objects.all()
    assert task.status == "READY"
    [attachment] = task.args_kwargs["kwargs"]["message"]["attachments"]
    assert attachment["mimetype"] == "application/pdf"


def test_the_download_link_returns_the_pdf(client):
    invoice = make_invoice()
    invoice.refresh_from_db()
    url = invoice_download_url(invoice)
    assert "/rechnungen/" in url

    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{invoice.number}.pdf"'
    assert response.content == bytes(invoice.pdf_document)
    assert "no-store" in response["Cache-Control"]


def test_a_public_buyer_downloads_the_xrechnung(client):
    invoice = make_invoice(buyer=make_buyer(reference=LEITWEG_ID))
    invoice.refresh_from_db()
    response = client.get(invoice_download_url(invoice, xml=True))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{invoice.number}.xml"'
    assert response.content == bytes(invoice.xml_document)


def test_other_buyers_have_no_xrechnung_to_download(client):
    invoice = make_invoice()
    assert client.get(invoice_download_url(invoice, xml=True)).status_code == 404


def test_a_tampered_link_gets_a_clear_page_instead_of_an_error(client):
    invoice = make_invoice()
    url = invoice_download_url(invoice)
    tampered = url[:-3] + ("A" if url[-3] != "A" else "B") + url[-2:]

    response = client.get(tampered)
    assert response.status_code == 400
    assert "Dieser Link ist ungültig" in response.text
    assert response["Content-Type"].startswith("text/html")
