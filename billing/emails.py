"""The e-mail that delivers an invoice or credit note to the buyer's invoice address."""

from django.urls import reverse
from django.utils import translation

from core import links
from core.mail import Attachment, send_mail_in_language
from core.site_urls import absolute_url

from .apps import INVOICE_PURPOSE
from .models import Invoice

TEMPLATE = "billing/emails/invoice_issued"


def invoice_token(invoice: Invoice) -> str:
    return links.make_token(purpose=INVOICE_PURPOSE, pk=invoice.pk)


def invoice_for_link(payload: links.LinkPayload) -> Invoice:
    """The invoice behind a download link (`links.object_from_token`)."""
    invoice = Invoice.objects.select_related("corrects").filter(pk=payload.pk).first()
    if invoice is None:
        raise links.LinkError
    return invoice


def invoice_download_url(invoice: Invoice, *, language: str = "de", xml: bool = False) -> str:
    """The absolute address of the buyer's signed download link (the PDF, or the XRechnung)."""
    with translation.override(language):
        path = reverse(
            "billing:xml" if xml else "billing:pdf", kwargs={"token": invoice_token(invoice)}
        )
    return absolute_url(path)


def attachments(invoice: Invoice) -> list[Attachment]:
    files = [Attachment(f"{invoice.number}.pdf", bytes(invoice.pdf_document), "application/pdf")]
    if invoice.xml_document:
        files.append(
            Attachment(f"{invoice.number}.xml", bytes(invoice.xml_document), "application/xml")
        )
    return files


def send_invoice_mail(invoice: Invoice, *, language: str = "de") -> None:
    """Queue the invoice's mail with its documents attached.

    core.mail stores the message as a task row in the caller's transaction: it leaves only
    when the invoice commits, and never for an invoice that was rolled back.
    """
    send_mail_in_language(
        template=TEMPLATE,
        to=[invoice.billing_email],
        language=language,
        context={
            "invoice": invoice,
            "is_credit_note": invoice.kind == Invoice.Kind.CREDIT_NOTE,
            "seller": invoice.seller_details,
            "gross_cents": invoice.gross_cents,
            "download_url": invoice_download_url(invoice, language=language),
            "xml_url": invoice_download_url(invoice, language=language, xml=True)
            if invoice.xml_document
            else "",
            "valid_until": links.valid_until(INVOICE_PURPOSE),
        },
        attachments=attachments(invoice),
        reply_to=[invoice.seller_details["email"]],
    )
