"""Invoices in the back office: read them, cancel them by a credit note, record payments.

An issued invoice never changes (the database's trigger, migration 0002), so its admin is
read-only: no add, no delete, no field to edit. What a manager does with an invoice goes
through `billing.services`: the decision "Cancel (issue credit note)" on the invoice's own
page (backoffice.decisions) and the form "Record payment" (`<invoice>/payment/`).
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from backoffice.decisions import Decision, DecisionAdminMixin
from backoffice.mixins import BackOfficeAdminMixin, ExportAdminMixin
from backoffice.resources import SafeCSV, SafeXLSX

from . import services
from .exports import InvoiceResource, journal_dataset
from .forms import MoneyField
from .models import Invoice, InvoiceLine, Payment, Seller
from .money import format_money


@admin.register(Seller)
class SellerAdmin(admin.ModelAdmin):
    list_display = ["name", "invoice_prefix", "city", "vat_id", "tax_number", "email"]
    search_fields = ["name", "invoice_prefix", "city", "vat_id"]
    fieldsets = [
        (None, {"fields": ["name", "invoice_prefix", "payment_days"]}),
        (_("Address"), {"fields": ["street", "postcode", "city", "country"]}),
        (_("Tax"), {"fields": ["vat_id", "tax_number", "register_entry"]}),
        (_("Contact"), {"fields": ["email", "phone", "contact_name"]}),
        (_("Bank account"), {"fields": ["iban", "bic", "bank_name"]}),
    ]

    def has_delete_permission(self, request, obj=None):
        # An invoicing body's invoices refer to it (PROTECT); the button would only fail.
        if obj is not None and obj.invoices.exists():
            return False
        return super().has_delete_permission(request, obj)


class OverdueFilter(admin.SimpleListFilter):
    title = _("payment")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", _("Overdue")), ("no", _("Not overdue"))]

    def queryset(self, request, queryset):
        overdue = Invoice.objects.overdue(timezone.localdate()).values("pk")
        if self.value() == "yes":
            return queryset.filter(pk__in=overdue)
        if self.value() == "no":
            return queryset.exclude(pk__in=overdue)
        return queryset


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class InvoiceLineInline(ReadOnlyInline):
    model = InvoiceLine
    fields = ["position", "description", "quantity", "unit_price", "vat_rate", "net"]
    readonly_fields = fields

    @admin.display(description=_("unit price (net)"))
    def unit_price(self, line):
        return format_money(line.unit_net_cents, line.invoice.currency)

    @admin.display(description=_("net"))
    def net(self, line):
        return format_money(line.net_cents, line.invoice.currency)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("invoice")


class PaymentInline(ReadOnlyInline):
    model = Payment
    fields = ["paid_on", "amount", "reference", "payer", "source", "recorded_by", "recorded_at"]
    readonly_fields = fields

    @admin.display(description=_("amount"))
    def amount(self, payment):
        return format_money(payment.amount_cents, payment.invoice.currency)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("invoice", "recorded_by")


def _cancellable(invoice) -> bool:
    return invoice.kind == Invoice.Kind.INVOICE and invoice.status != Invoice.Status.CANCELLED


INVOICE_DECISIONS = [
    Decision(
        name="cancel_invoices",
        service=services.credit_note_issue,
        argument="invoice",
        label=_("Cancel (issue credit note)"),
        description=_("Cancel selected invoices by credit notes"),
        done=ngettext_lazy(
            "%(count)d invoice cancelled by a credit note.",
            "%(count)d invoices cancelled by credit notes.",
            "count",
        ),
        allowed=_cancellable,
    ),
]


class PaymentForm(forms.Form):
    amount_cents = MoneyField(label=_("Amount"))
    paid_on = forms.DateField(label=_("Paid on"))
    reference = forms.CharField(label=_("Reference"), max_length=300, required=False)
    payer = forms.CharField(label=_("Payer"), max_length=200, required=False)

    def clean_amount_cents(self):
        amount = self.cleaned_data["amount_cents"]
        if not amount:
            raise forms.ValidationError(_("A payment must be more than zero."), code="zero")
        return amount


@admin.register(Invoice)
class InvoiceAdmin(DecisionAdminMixin, ExportAdminMixin, BackOfficeAdminMixin, admin.ModelAdmin):
    list_display = [
        "number",
        "kind",
        "billing_organisation",
        "gross",
        "status",
        "issue_date",
        "due_date",
        "region",
    ]
    list_filter = ["status", "kind", OverdueFilter, "seller", "region"]
    list_select_related = ["region"]
    search_fields = ["number", "billing_organisation", "billing_email", "billing_reference"]
    date_hierarchy = "issue_date"
    inlines = [InvoiceLineInline, PaymentInline]
    decisions = INVOICE_DECISIONS
    resource_classes = [InvoiceResource]
    import_export_change_list_template = "admin/billing/invoice/change_list.html"
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "number",
                    "kind",
                    "status",
                    "corrected_invoice",
                    "credit_notes_of",
                    "payment_tools",
                ]
            },
        ),
        (
            _("Amounts"),
            {"fields": ["net", "vat", "gross", "paid", "currency"]},
        ),
        (
            _("Dates"),
            {"fields": ["issue_date", "service_date", "due_date", "reminded_at"]},
        ),
        (
            _("Invoice recipient"),
            {
                "fields": [
                    "billing_organisation",
                    "billing_department",
                    "billing_street",
                    "billing_postcode",
                    "billing_city",
                    "billing_country",
                    "billing_vat_id",
                    "billing_reference",
                    "billing_email",
                ]
            },
        ),
        (
            _("Invoicing body"),
            {"fields": ["seller", "region", "created_by", "created_at"]},
        ),
    ]

    def get_readonly_fields(self, request, obj=None):
        # Everything: an issued invoice never changes; its state moves through the services.
        return [field for fieldset in self.fieldsets for field in fieldset[1]["fields"]]

    def has_add_permission(self, request):
        # Invoices are issued by the services that sell (events, stands), never by hand.
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        """Nothing to save: every field is read-only (the decisions use the services)."""

    def save_related(self, request, form, formsets, change):
        pass

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "show_save": False,
            "show_save_and_continue": False,
            "show_save_and_add_another": False,
            "show_delete": False,
        }
        return super().change_view(request, object_id, form_url, extra_context)

    # Columns ---------------------------------------------------------------------------------

    @admin.display(description=_("gross"), ordering="gross_cents")
    def gross(self, obj):
        return format_money(obj.gross_cents, obj.currency)

    @admin.display(description=_("net"))
    def net(self, obj):
        return format_money(obj.net_cents, obj.currency)

    @admin.display(description=_("VAT"))
    def vat(self, obj):
        return format_money(obj.vat_cents, obj.currency)

    @admin.display(description=_("paid"))
    def paid(self, obj):
        return format_money(sum(p.amount_cents for p in obj.payments.all()), obj.currency)

    @admin.display(description=_("corrects invoice"))
    def corrected_invoice(self, obj):
        if obj.corrects_id is None:
            return "–"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:billing_invoice_change", args=[obj.corrects_id]),
            obj.corrects.number,
        )

    @admin.display(description=_("cancelled by credit note"))
    def credit_notes_of(self, obj):
        notes = list(obj.credit_notes.order_by("pk"))
        if not notes:
            return "–"
        return format_html_join(
            ", ",
            '<a href="{}">{}</a>',
            ((reverse("admin:billing_invoice_change", args=[n.pk]), n.number) for n in notes),
        )

    @admin.display(description=_("payment"))
    def payment_tools(self, obj):
        if obj.pk is None or obj.status == Invoice.Status.CANCELLED:
            return "–"
        return format_html(
            '<a class="button" href="{}">{}</a>',
            reverse("admin:billing_invoice_payment", args=[quote(obj.pk)]),
            _("Record payment"),
        )

    # Recording a payment ---------------------------------------------------------------------

    def get_urls(self):
        own = [
            path(
                "journal.<str:extension>",
                self.admin_site.admin_view(self.journal_view),
                name="billing_invoice_journal",
            ),
            path(
                "<path:object_id>/payment/",
                self.admin_site.admin_view(self.payment_view),
                name="billing_invoice_payment",
            ),
        ]
        return own + super().get_urls()

    def payment_view(self, request, object_id):
        """Record a payment received for the invoice (amount, date, reference)."""
        # Scoped: another region's invoice answers 404 for a regional manager.
        invoice = self.get_object(request, unquote(object_id))
        if invoice is None:
            raise Http404
        if not self.has_change_permission(request, invoice):
            raise PermissionDenied
        change_url = reverse("admin:billing_invoice_change", args=[quote(invoice.pk)])
        form = PaymentForm(
            request.POST or None, initial={"paid_on": timezone.localdate(), "payer": ""}
        )
        if request.method == "POST":
            if form.is_valid():
                try:
                    services.payment_record(
                        invoice=invoice,
                        amount_cents=form.cleaned_data["amount_cents"],
                        paid_on=form.cleaned_data["paid_on"],
                        reference=form.cleaned_data["reference"],
                        payer=form.cleaned_data["payer"],
                        by=request.user,
                    )
                except services.BillingError as refusal:
                    self.message_user(request, refusal.message, messages.ERROR)
                else:
                    self.message_user(
                        request,
                        _("The payment of %(amount)s has been recorded.")
                        % {"amount": format_money(form.cleaned_data["amount_cents"])},
                        messages.SUCCESS,
                    )
                    return redirect(change_url)
            else:
                self.message_user(request, _("Please correct the payment."), messages.ERROR)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Record payment for %(number)s") % {"number": invoice.number},
            "opts": self.opts,
            "original": invoice,
            "invoice": invoice,
            "gross": format_money(invoice.gross_cents, invoice.currency),
            "form": form,
            "change_url": change_url,
        }
        return TemplateResponse(request, "admin/billing/invoice/payment.html", context)

    # The invoice journal ------------------------------------------------------------------------

    JOURNAL_FORMATS = {"csv": SafeCSV, "xlsx": SafeXLSX}

    def journal_view(self, request, extension):
        """The journal (one row per invoice and VAT rate, totals per rate) of what the list's
        filters and search show, within a regional manager's regions."""
        file_format = self.JOURNAL_FORMATS.get(extension)
        if file_format is None:
            raise Http404
        if not (self.has_view_permission(request) and self.has_export_permission(request)):
            raise PermissionDenied
        invoices = self.get_export_queryset(request)
        content = file_format().export_data(journal_dataset(invoices))
        response = HttpResponse(content, content_type=file_format().get_content_type())
        filename = f"invoice-journal-{timezone.localdate():%Y-%m-%d}.{extension}"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
