"""Writing invoices, credit notes and payments: the only code that creates them.

Called alike by the events' and stands' services (a paid place confirmed, a co-exhibitor
accepted), the admin and the commands. Every function is atomic; the caller's transaction,
where there is one, is the one the invoice commits or rolls back with.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.refusals import RuleRefused

from . import emails
from .models import Invoice, InvoiceCounter, InvoiceLine, Payment, Seller
from .pricing import Line, totals

SELLER_DETAILS = [
    "name",
    "street",
    "postcode",
    "city",
    "country",
    "vat_id",
    "tax_number",
    "register_entry",
    "email",
    "phone",
    "contact_name",
    "iban",
    "bic",
    "bank_name",
]


class BillingError(RuleRefused):
    message = _("This invoice cannot be changed that way.")


@dataclass(frozen=True)
class Buyer:
    """The billing details a buyer gave (see billing.models.BillingAddress)."""

    organisation: str
    street: str
    postcode: str
    city: str
    email: str
    country: str = "DE"
    department: str = ""
    vat_id: str = ""
    reference: str = ""

    @classmethod
    def of(cls, record) -> "Buyer":
        """The billing details stored on a record with BillingAddress fields."""
        return cls(
            organisation=record.billing_organisation,
            department=record.billing_department,
            street=record.billing_street,
            postcode=record.billing_postcode,
            city=record.billing_city,
            country=record.billing_country,
            vat_id=record.billing_vat_id,
            reference=record.billing_reference,
            email=record.billing_email,
        )

    def fields(self) -> dict:
        return {
            "billing_organisation": self.organisation,
            "billing_department": self.department,
            "billing_street": self.street,
            "billing_postcode": self.postcode,
            "billing_city": self.city,
            "billing_country": self.country,
            "billing_vat_id": self.vat_id,
            "billing_reference": self.reference,
            "billing_email": self.email,
        }


def next_invoice_number(*, seller: Seller, year: int) -> str:
    """The seller's next number of the year, gap-free: call inside the invoice's transaction.

    The counter row is created once (ON CONFLICT keeps a parallel creation harmless), then
    incremented with UPDATE ... RETURNING, which holds its row lock until the transaction
    ends: a second process waits, and a rollback gives the number back.
    """
    if not transaction.get_connection().in_atomic_block:
        raise transaction.TransactionManagementError(
            "next_invoice_number() must run inside the invoice's transaction."
        )
    InvoiceCounter.objects.bulk_create(
        [InvoiceCounter(seller=seller, year=year)], ignore_conflicts=True
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE billing_invoicecounter SET last_number = last_number + 1 "
            "WHERE seller_id = %s AND year = %s RETURNING last_number",
            [seller.pk, year],
        )
        (number,) = cursor.fetchone()
    return f"{seller.invoice_prefix}-{year}-{number:05d}"


def _status_after_payments(invoice: Invoice) -> str:
    if invoice.status == Invoice.Status.CANCELLED:
        return invoice.status
    paid = invoice.paid_cents()
    if paid >= invoice.gross_cents:
        return Invoice.Status.PAID
    return Invoice.Status.PARTLY_PAID if paid else Invoice.Status.OPEN


def _create(
    *,
    kind: str,
    seller: Seller,
    buyer: Buyer,
    lines: Sequence[Line],
    service_date: dt.date,
    issue_date: dt.date,
    corrects: Invoice | None = None,
    region=None,
    source=None,
    currency: str = "EUR",
    by=None,
    status: str = Invoice.Status.OPEN,
    language: str = "de",
    mail: bool = True,
) -> Invoice:
    if not lines:
        raise BillingError(_("An invoice needs at least one line."))
    sums = totals(lines)
    invoice = Invoice(
        number=next_invoice_number(seller=seller, year=issue_date.year),
        kind=kind,
        corrects=corrects,
        seller=seller,
        seller_details={field: getattr(seller, field) for field in SELLER_DETAILS},
        region=region,
        issue_date=issue_date,
        service_date=service_date,
        due_date=issue_date + dt.timedelta(days=seller.payment_days),
        currency=currency,
        net_cents=sums.net_cents,
        vat_cents=sums.vat_cents,
        gross_cents=sums.gross_cents,
        status=status,
        source=source,
        created_by=by,
        **buyer.fields(),
    )
    invoice.save()
    InvoiceLine.objects.bulk_create(
        InvoiceLine(
            invoice=invoice,
            position=position,
            description=line.description,
            quantity=line.quantity,
            unit_net_cents=line.unit_net_cents,
            vat_rate=line.vat_rate,
            vat_exemption=line.vat_exemption,
            net_cents=line.net_cents,
            vat_cents=line.vat_cents,
        )
        for position, line in enumerate(lines, start=1)
    )
    # Read once for the XML, the PDF and the mail.
    prefetch_related_objects([invoice], "lines")
    # The documents are written in the numbering transaction: an invoice never exists without
    # them, and a document the schema refuses rolls the invoice (and its number) back.
    # Imported here: fpdf2 and factur-x weigh ~50 MB, which only a worker that issues an
    # invoice needs to carry.
    from . import documents

    documents.store(invoice)
    # Queued in the same transaction (core.mail), so the mail goes out only once it commits.
    if mail:
        emails.send_invoice_mail(invoice, language=language)
    return invoice


def invoice_issue(
    *,
    seller: Seller,
    buyer: Buyer,
    lines: Sequence[Line],
    service_date: dt.date,
    region=None,
    source=None,
    currency: str = "EUR",
    by=None,
    today: dt.date | None = None,
    language: str = "de",
    mail: bool = True,
) -> Invoice:
    """Number and write an invoice for what was sold; it never changes afterwards.

    Its PDF (and XRechnung) are stored with it and mailed to the buyer in `language`; the
    demo data alone passes `mail=False`, so that loading it mails nobody.
    """
    with transaction.atomic():
        return _create(
            kind=Invoice.Kind.INVOICE,
            seller=seller,
            buyer=buyer,
            lines=lines,
            service_date=service_date,
            issue_date=today or timezone.localdate(),
            region=region,
            source=source,
            currency=currency,
            by=by,
            language=language,
            mail=mail,
        )


def credit_note_issue(
    *,
    invoice: Invoice,
    by=None,
    today: dt.date | None = None,
    language: str = "de",
    mail: bool = True,
) -> Invoice:
    """Cancel an issued invoice by a credit note over its full amount that refers to it.

    The credit note is settled at once when nothing was paid; when money came in, it stays
    open until the refund is recorded.
    """
    with transaction.atomic():
        invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
        if invoice.kind != Invoice.Kind.INVOICE:
            raise BillingError(_("Only an invoice can be cancelled by a credit note."))
        if invoice.status == Invoice.Status.CANCELLED:
            raise BillingError(_("This invoice has already been cancelled."))
        paid = invoice.paid_cents()
        lines = [
            Line(
                description=line.description,
                quantity=line.quantity,
                unit_net_cents=line.unit_net_cents,
                vat_rate=line.vat_rate,
                vat_exemption=line.vat_exemption,
            )
            for line in invoice.lines.all()
        ]
        credit_note = _create(
            kind=Invoice.Kind.CREDIT_NOTE,
            seller=invoice.seller,
            buyer=Buyer.of(invoice),
            lines=lines,
            service_date=invoice.service_date,
            issue_date=today or timezone.localdate(),
            corrects=invoice,
            region=invoice.region,
            source=invoice.source,
            currency=invoice.currency,
            by=by,
            status=Invoice.Status.OPEN if paid else Invoice.Status.PAID,
            language=language,
            mail=mail,
        )
        invoice.status = Invoice.Status.CANCELLED
        invoice.save(update_fields=["status"])
    return credit_note


def payment_record(
    *,
    invoice: Invoice,
    amount_cents: int,
    paid_on: dt.date,
    reference: str = "",
    payer: str = "",
    source: str = Payment.Source.MANUAL,
    bank_reference: str = "",
    by=None,
) -> Payment:
    """Book a payment against an invoice and move its state (open, partly paid, paid)."""
    if amount_cents <= 0:
        raise BillingError(_("A payment must be more than zero."))
    with transaction.atomic():
        invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
        payment = Payment.objects.create(
            invoice=invoice,
            amount_cents=amount_cents,
            paid_on=paid_on,
            reference=reference,
            payer=payer,
            source=source,
            bank_reference=bank_reference,
            recorded_by=by,
        )
        status = _status_after_payments(invoice)
        if status != invoice.status:
            invoice.status = status
            invoice.save(update_fields=["status"])
    return payment
