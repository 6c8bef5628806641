"""Invoices as personal data (see `core.privacy`): the buyer's billing address and e-mail.

Invoices, credit notes and their payments are kept 10 years after the end of the year the
invoice was issued in (§ 147 Abs. 1 Nr. 1, Abs. 3 AO; § 14b Abs. 1 UStG), and no shorter: an
erasure by e-mail address leaves them as they are and says why, and anonymising the
registration or application an invoice was for leaves the invoice unchanged. When the period
has passed, the purge deletes them with their lines, payments and audit history. The database
refuses to delete an issued invoice unless the transaction says so (`billing.allow_delete`,
migration 0002), which only this purge does.
"""

import datetime as dt

from django.db import connection, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.privacy import Source, register

from .models import Invoice, InvoiceLine, Payment

RETENTION_YEARS = 10


def _invoices_about(email):
    return Invoice.objects.filter(billing_email__iexact=email).select_related("seller")


def first_year_kept(now: dt.datetime) -> int:
    """The earliest year whose invoices are still kept: 2016's until the end of 2026."""
    return now.year - RETENTION_YEARS


def _invoices_due(now, days=None):
    """Invoices (and credit notes) past the end of their year plus 10 years. An invoice whose
    credit note is younger waits for it, so that the pair is deleted together."""
    cutoff = dt.date(first_year_kept(now), 1, 1)
    if days is not None:  # an explicit override of the purge, counted from the issue date
        cutoff = min(cutoff, (now - dt.timedelta(days=days)).date())
    return Invoice.objects.filter(issue_date__lt=cutoff).exclude(
        Q(credit_notes__issue_date__gte=cutoff)
    )


def _delete_invoices(queryset, now):
    """The purge: delete what is due, with its lines, payments and history; returns how many."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL billing.allow_delete = 'on'")
        ids = list(queryset.values_list("pk", flat=True))
        if not ids:
            return 0
        Payment.history.model.objects.filter(invoice_id__in=ids).delete()
        Payment.objects.filter(invoice_id__in=ids).delete()
        InvoiceLine.objects.filter(invoice_id__in=ids).delete()
        # Credit notes first: they refer to the invoice they cancel (PROTECT).
        Invoice.objects.filter(pk__in=ids, kind=Invoice.Kind.CREDIT_NOTE).delete()
        Invoice.objects.filter(pk__in=ids).delete()
        Invoice.history.model.objects.filter(id__in=ids).delete()
    return len(ids)


def _keep_invoices(queryset, now, email):
    """An erasure keeps invoices: the law requires them for 10 years (see `kept`)."""
    return 0


register(
    Source(
        key="invoices",
        label=_("Invoices and credit notes"),
        matching=_invoices_about,
        export_fields=(
            "id",
            "number",
            "kind",
            "issue_date",
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
            "gross_cents",
            "currency",
            "status",
        ),
        anonymise=_delete_invoices,
        due=_invoices_due,
        erase=_keep_invoices,
        kept=_(
            "Invoices are kept unchanged for 10 years after the end of the year they were "
            "issued in (§ 147 AO, § 14b UStG); they are deleted when that period has passed."
        ),
    ),
    position=90,
)
