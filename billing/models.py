"""Invoices, credit notes and payments.

An issued invoice never changes: its lines, totals, parties and documents are written once
in the transaction that numbers it, and the database refuses a later change of them (the
trigger in migration 0002). It is cancelled by a credit note that refers to it. Only its
payment state moves (open, partly paid, paid, cancelled). The documents (PDF with the
embedded EN 16931 XML, and the XRechnung for public buyers) are kept in the row itself, so
that they live exactly as long as the invoice and are in every database backup.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .pricing import VatExemption, VatRate
from .validation import clean_iban, is_leitweg_id

COUNTRY_CODE = Q(country__regex=r"^[A-Z]{2}$")


class Seller(models.Model):
    """A body of the network that writes invoices (a cluster management, its association)."""

    name = models.CharField(_("name"), max_length=200, help_text=_("Legal name with its form."))
    street = models.CharField(_("street and number"), max_length=200)
    postcode = models.CharField(_("postcode"), max_length=10)
    city = models.CharField(_("city"), max_length=100)
    country = models.CharField(_("country"), max_length=2, default="DE")
    vat_id = models.CharField(_("VAT ID"), max_length=20, blank=True)
    tax_number = models.CharField(_("tax number"), max_length=30, blank=True)
    register_entry = models.CharField(
        _("register entry"),
        max_length=200,
        blank=True,
        help_text=_("Court and number of the register, e.g. Amtsgericht Saarbrücken VR 1234."),
    )
    email = models.EmailField(_("e-mail for invoices"))
    # XRechnung requires the seller contact's phone (BR-DE-6), and any buyer may be a public
    # one with a Leitweg-ID: every invoicing body needs it.
    phone = models.CharField(
        _("phone"),
        max_length=50,
        help_text=_("The invoicing contact's phone; the XRechnung requires it."),
    )
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    iban = models.CharField(_("IBAN"), max_length=34)
    bic = models.CharField(_("BIC"), max_length=11, blank=True)
    bank_name = models.CharField(_("bank"), max_length=100, blank=True)
    invoice_prefix = models.CharField(
        _("invoice number prefix"),
        max_length=10,
        unique=True,
        help_text=_("Starts each invoice number, e.g. GWMD for GWMD-2026-00042."),
    )
    payment_days = models.PositiveSmallIntegerField(_("days to pay"), default=14)

    class Meta:
        ordering = ["name"]
        verbose_name = _("invoicing body")
        verbose_name_plural = _("invoicing bodies")
        constraints = [
            models.CheckConstraint(condition=COUNTRY_CODE, name="seller_country_iso"),
            models.CheckConstraint(
                condition=~Q(vat_id="") | ~Q(tax_number=""),
                name="seller_has_vat_id_or_tax_number",
                violation_error_message=_("An invoice needs the VAT ID or the tax number."),
            ),
            models.CheckConstraint(
                condition=Q(invoice_prefix__regex=r"^[A-Z0-9]+$"), name="seller_prefix_plain"
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        try:
            self.iban = clean_iban(self.iban)
        except ValidationError as error:
            raise ValidationError({"iban": error}) from error


class BillingAddress(models.Model):
    """Whom an invoice is addressed to, as the buyer gave it (the billing details)."""

    billing_organisation = models.CharField(_("invoice recipient"), max_length=200)
    billing_department = models.CharField(_("department"), max_length=200, blank=True)
    billing_street = models.CharField(_("street and number"), max_length=200)
    billing_postcode = models.CharField(_("postcode"), max_length=10)
    billing_city = models.CharField(_("city"), max_length=100)
    billing_country = models.CharField(_("country"), max_length=2, default="DE")
    billing_vat_id = models.CharField(_("VAT ID"), max_length=20, blank=True)
    billing_reference = models.CharField(
        _("purchase order or Leitweg-ID"),
        max_length=50,
        blank=True,
        help_text=_("Public buyers give their Leitweg-ID; it goes on the XRechnung."),
    )
    billing_email = models.EmailField(_("e-mail for invoices"))

    class Meta:
        abstract = True


class InvoiceCounter(models.Model):
    """The last number a seller gave in a year: the gap-free sequence of invoice numbers.

    A PostgreSQL SEQUENCE is not gap-free (a rolled-back transaction loses its number), so
    the number is taken by incrementing this row inside the invoice's own transaction: the
    row lock makes parallel confirmations on several app processes queue, and a rollback
    returns the number with everything else.
    """

    seller = models.ForeignKey(
        Seller, verbose_name=_("invoicing body"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    last_number = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        ordering = ["seller", "year"]
        verbose_name = _("invoice number range")
        verbose_name_plural = _("invoice number ranges")
        constraints = [
            models.UniqueConstraint(fields=["seller", "year"], name="invoicecounter_one_per_year")
        ]

    def __str__(self):
        return f"{self.seller.invoice_prefix}-{self.year}: {self.last_number}"


class InvoiceQuerySet(models.QuerySet):
    def invoices(self):
        return self.filter(kind=Invoice.Kind.INVOICE)

    def credit_notes(self):
        return self.filter(kind=Invoice.Kind.CREDIT_NOTE)

    def unsettled(self):
        return self.filter(status__in=[Invoice.Status.OPEN, Invoice.Status.PARTLY_PAID])

    def overdue(self, today):
        return self.invoices().unsettled().filter(due_date__lt=today)


class Invoice(BillingAddress):
    class Kind(models.TextChoices):
        INVOICE = "invoice", _("Invoice")
        CREDIT_NOTE = "credit_note", _("Credit note")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        PARTLY_PAID = "partly_paid", _("Partly paid")
        PAID = "paid", _("Paid")
        CANCELLED = "cancelled", _("Cancelled")

    # The columns written once, when the invoice is issued (the trigger guards them).
    ISSUED_FIELDS = [
        "number",
        "kind",
        "corrects_id",
        "seller_id",
        "issue_date",
        "service_date",
        "due_date",
        "currency",
        "net_cents",
        "vat_cents",
        "gross_cents",
        "seller_details",
        "billing_organisation",
        "billing_department",
        "billing_street",
        "billing_postcode",
        "billing_city",
        "billing_country",
        "billing_vat_id",
        "billing_reference",
        "billing_email",
        "pdf_document",
        "xml_document",
    ]

    number = models.CharField(_("number"), max_length=30, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.INVOICE)
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("corrects invoice"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="credit_notes",
    )
    seller = models.ForeignKey(
        Seller, verbose_name=_("invoicing body"), on_delete=models.PROTECT, related_name="invoices"
    )
    # The seller's details as printed, so that a later change of the body's address or bank
    # does not rewrite what was sent.
    seller_details = models.JSONField(_("invoicing body's details"), default=dict)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The region of the event or stand invoiced (the back office's scope)."),
    )
    issue_date = models.DateField(_("invoice date"))
    service_date = models.DateField(_("date of service"))
    due_date = models.DateField(_("due date"))
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    net_cents = models.IntegerField(_("net (cents)"))
    vat_cents = models.IntegerField(_("VAT (cents)"))
    gross_cents = models.IntegerField(_("gross (cents)"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    reminded_at = models.DateTimeField(_("payment reminder sent at"), null=True, blank=True)
    pdf_document = models.BinaryField(_("PDF"), editable=False, default=bytes)
    xml_document = models.BinaryField(
        _("XRechnung"),
        editable=False,
        default=bytes,
        help_text=_("Only for public buyers with a Leitweg-ID; the PDF carries its own XML."),
    )
    # What was invoiced: a booking of event places, a co-exhibitor application.
    source_type = models.ForeignKey(
        ContentType,
        verbose_name=_("invoiced for (type)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    source_id = models.PositiveBigIntegerField(_("invoiced for (ID)"), null=True, blank=True)
    source = GenericForeignKey("source_type", "source_id")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = InvoiceQuerySet.as_manager()

    class Meta:
        ordering = ["-issue_date", "-number"]
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices and credit notes")
        constraints = [
            models.CheckConstraint(
                condition=Q(gross_cents=models.F("net_cents") + models.F("vat_cents")),
                name="invoice_gross_is_net_plus_vat",
            ),
            models.CheckConstraint(
                condition=Q(net_cents__gte=0) & Q(vat_cents__gte=0),
                name="invoice_amounts_not_negative",
            ),
            models.CheckConstraint(
                condition=(Q(kind="credit_note") & Q(corrects__isnull=False))
                | (Q(kind="invoice") & Q(corrects__isnull=True)),
                name="invoice_credit_note_corrects_an_invoice",
            ),
            models.CheckConstraint(
                condition=Q(billing_country__regex=r"^[A-Z]{2}$"), name="invoice_country_iso"
            ),
            models.CheckConstraint(
                condition=Q(due_date__gte=models.F("issue_date")),
                name="invoice_due_not_before_issue",
            ),
            # One credit note cancels an invoice once.
            models.UniqueConstraint(
                fields=["corrects"],
                condition=Q(kind="credit_note"),
                name="invoice_one_credit_note_per_invoice",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "due_date"], name="invoice_status_due"),
            models.Index(fields=["source_type", "source_id"], name="invoice_source"),
        ]

    def __str__(self):
        return self.number

    def paid_cents(self) -> int:
        """What has come in against this invoice so far."""
        return self.payments.aggregate(total=models.Sum("amount_cents"))["total"] or 0

    @property
    def is_public_buyer(self) -> bool:
        """A Leitweg-ID (e.g. 991-12345-67) marks a German public buyer: it gets an XRechnung."""
        return is_leitweg_id(self.billing_reference)


class InvoiceLine(models.Model):
    invoice = models.ForeignKey(
        Invoice, verbose_name=_("invoice"), on_delete=models.CASCADE, related_name="lines"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    description = models.CharField(_("description"), max_length=300)
    quantity = models.PositiveIntegerField(_("quantity"))
    unit_net_cents = models.IntegerField(_("unit price (net, cents)"))
    vat_rate = models.CharField(_("VAT rate"), max_length=6, choices=VatRate.choices)
    vat_exemption = models.CharField(
        _("reason for the VAT exemption"), max_length=20, choices=VatExemption.choices, blank=True
    )
    net_cents = models.IntegerField(_("net (cents)"))
    vat_cents = models.IntegerField(_("VAT (cents)"))

    class Meta:
        ordering = ["invoice", "position"]
        verbose_name = _("invoice line")
        verbose_name_plural = _("invoice lines")
        constraints = [
            models.UniqueConstraint(fields=["invoice", "position"], name="invoiceline_position"),
            models.CheckConstraint(
                condition=Q(net_cents=models.F("quantity") * models.F("unit_net_cents")),
                name="invoiceline_net_is_quantity_times_price",
            ),
        ]

    def __str__(self):
        return f"{self.quantity} × {self.description}"


class Payment(models.Model):
    class Source(models.TextChoices):
        MANUAL = "manual", _("Recorded by hand")
        STATEMENT = "statement", _("Bank statement")

    invoice = models.ForeignKey(
        Invoice, verbose_name=_("invoice"), on_delete=models.PROTECT, related_name="payments"
    )
    amount_cents = models.IntegerField(_("amount (cents)"))
    paid_on = models.DateField(_("paid on"))
    reference = models.CharField(_("reference"), max_length=300, blank=True)
    payer = models.CharField(_("payer"), max_length=200, blank=True)
    source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, default=Source.MANUAL
    )
    # A bank statement's own ID of the entry, so that importing a statement twice books nothing
    # twice.
    bank_reference = models.CharField(_("bank's entry reference"), max_length=100, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["invoice", "paid_on", "pk"]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        constraints = [
            models.CheckConstraint(condition=Q(amount_cents__gt=0), name="payment_positive"),
            models.UniqueConstraint(
                fields=["bank_reference"],
                condition=~Q(bank_reference=""),
                name="payment_bank_entry_booked_once",
            ),
        ]

    def __str__(self):
        return f"{self.invoice}: {self.amount_cents / 100:.2f}"
