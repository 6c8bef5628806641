"""The buyer's download of an invoice's documents through the signed link in its e-mail."""

from django.http import Http404, HttpResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from core.links import object_from_token

from .apps import INVOICE_PURPOSE
from .emails import invoice_for_link

HINT = _("Please use the link from the e-mail with your invoice, or ask the sender for a new one.")


def _attachment(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(bytes(content), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # An invoice names the buyer and their amounts: no shared cache keeps it.
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_safe
@never_cache
@object_from_token(INVOICE_PURPOSE, invoice_for_link, hint=HINT)
def invoice_pdf(request, invoice):
    if not invoice.pdf_document:
        raise Http404
    return _attachment(invoice.pdf_document, f"{invoice.number}.pdf", "application/pdf")


@require_safe
@never_cache
@object_from_token(INVOICE_PURPOSE, invoice_for_link, hint=HINT)
def invoice_xml(request, invoice):
    """The XRechnung; only public buyers have one (the others' PDF carries its XML)."""
    if not invoice.xml_document:
        raise Http404
    return _attachment(invoice.xml_document, f"{invoice.number}.xml", "application/xml")
