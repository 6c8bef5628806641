"""The invoices for accounting, through the back office's one export path (import-export's
safe CSV and Excel formats, `backoffice.resources`).

- `InvoiceResource`: the invoice list's "Export" (what its filters and search show), one row
  per invoice or credit note.
- `journal_dataset`: the invoice journal, one row per invoice and VAT rate with net, VAT and
  gross, then the totals per rate. Credit notes count negative, so that a cancelled invoice
  and its credit note add up to nothing. VAT per rate is computed once on the rate's net sum,
  exactly as the invoice itself computed its totals (`billing.pricing.totals`).
"""

from collections import defaultdict
from decimal import Decimal

import tablib
from django.db.models import Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, widgets

from backoffice.resources import ReadableExportResource

from .models import Invoice, InvoiceLine
from .money import to_units
from .pricing import VatExemption, VatRate, vat_of


class MoneyColumn(fields.Field):
    """Cents as an amount of the currency (a number in Excel, "113.05" in CSV)."""

    def __init__(self, cents_attribute, label):
        super().__init__(column_name=str(label), readonly=True, widget=widgets.DecimalWidget())
        self.cents_attribute = cents_attribute

    def get_value(self, obj):
        return to_units(getattr(obj, self.cents_attribute))


class InvoiceResource(ReadableExportResource):
    labels = {
        "seller__name": gettext_lazy("Invoicing body"),
        "region__name": gettext_lazy("Region"),
        "corrects__number": gettext_lazy("Corrects invoice"),
        "net": gettext_lazy("Net"),
        "vat": gettext_lazy("VAT"),
        "gross": gettext_lazy("Gross"),
    }
    net = MoneyColumn("net_cents", gettext_lazy("Net"))
    vat = MoneyColumn("vat_cents", gettext_lazy("VAT"))
    gross = MoneyColumn("gross_cents", gettext_lazy("Gross"))

    class Meta:
        model = Invoice
        fields = [
            "number",
            "kind",
            "corrects__number",
            "issue_date",
            "service_date",
            "due_date",
            "seller__name",
            "billing_organisation",
            "billing_department",
            "billing_street",
            "billing_postcode",
            "billing_city",
            "billing_country",
            "billing_vat_id",
            "billing_reference",
            "billing_email",
            "net",
            "vat",
            "gross",
            "currency",
            "status",
            "region__name",
        ]
        export_order = fields

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("seller", "region", "corrects")


def _rate_label(rate: str, exemption: str) -> str:
    if exemption:
        return str(VatExemption(exemption).label)
    try:
        return str(VatRate(rate).label)
    except ValueError:
        return f"{rate} %"


def journal_rows(invoices):
    """(invoice, rate, exemption, net, vat) per invoice and rate, in the invoices' order; and
    the totals per (rate, exemption). Amounts in cents, negative for credit notes."""
    sums = (
        InvoiceLine.objects.filter(invoice__in=invoices.values("pk"))
        .values("invoice_id", "vat_rate", "vat_exemption")
        .annotate(net=Sum("net_cents"))
        .order_by()
    )
    by_invoice = defaultdict(list)
    for row in sums:
        by_invoice[row["invoice_id"]].append(row)
    rows, totals = [], defaultdict(lambda: [0, 0])
    for invoice in invoices.select_related("seller"):
        sign = -1 if invoice.kind == Invoice.Kind.CREDIT_NOTE else 1
        groups = sorted(
            by_invoice.get(invoice.pk, []),
            key=lambda row: (-Decimal(row["vat_rate"]), row["vat_exemption"]),
        )
        for group in groups:
            net = group["net"]
            vat = vat_of(net, group["vat_rate"])
            key = (group["vat_rate"], group["vat_exemption"])
            rows.append((invoice, key, sign * net, sign * vat))
            totals[key][0] += sign * net
            totals[key][1] += sign * vat
    ordered_totals = sorted(totals.items(), key=lambda item: (-Decimal(item[0][0]), item[0][1]))
    return rows, ordered_totals


def journal_dataset(invoices) -> tablib.Dataset:
    """The invoice journal of `invoices` (a queryset), with the totals per rate below."""
    rows, totals = journal_rows(invoices)
    headers = [
        _("Number"),
        _("Kind"),
        _("Invoice date"),
        _("Date of service"),
        _("Invoicing body"),
        _("Invoice recipient"),
        _("Recipient's VAT ID"),
        _("VAT rate"),
        _("Net"),
        _("VAT"),
        _("Gross"),
        _("Currency"),
        _("Status"),
    ]
    dataset = tablib.Dataset(headers=headers)
    for invoice, (rate, exemption), net, vat in rows:
        dataset.append(
            [
                invoice.number,
                invoice.get_kind_display(),
                invoice.issue_date,
                invoice.service_date,
                invoice.seller.name,
                invoice.billing_organisation,
                invoice.billing_vat_id,
                _rate_label(rate, exemption),
                to_units(net),
                to_units(vat),
                to_units(net + vat),
                invoice.currency,
                invoice.get_status_display(),
            ]
        )
    empty = [""] * len(headers)
    dataset.append(empty)
    for (rate, exemption), (net, vat) in totals:
        total = [_("Total"), "", "", "", "", "", "", _rate_label(rate, exemption)]
        dataset.append([*total, to_units(net), to_units(vat), to_units(net + vat), "", ""])
    net = sum(net for _key, (net, _vat) in totals)
    vat = sum(vat for _key, (_net, vat) in totals)
    overall = [_("Total of all rates"), "", "", "", "", "", "", ""]
    dataset.append([*overall, to_units(net), to_units(vat), to_units(net + vat), "", ""])
    return dataset
