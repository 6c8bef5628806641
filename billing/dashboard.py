"""Billing's panels on the back office's dashboard (see `core.dashboard`): the overdue
invoices, and the invoicing bodies an XRechnung cannot be written for yet."""

from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from backoffice.dashboard import (
    Item,
    Panel,
    change_url,
    changelist_url,
    items_and_count,
    may_view,
    scoped,
)
from core.dashboard import panel

from .models import Invoice, Seller
from .money import format_money


@panel(position=45)
def overdue_invoices(request) -> Panel | None:
    """Invoices past their due date and not (fully) paid, the longest overdue first; scoped to
    a regional manager's regions like the invoice list."""
    if not may_view(request, Invoice):
        return None
    queryset = scoped(
        request, Invoice.objects.overdue(timezone.localdate()).order_by("due_date", "pk")
    )
    invoices, count = items_and_count(queryset)
    return Panel(
        key="overdue-invoices",
        title=_("Overdue invoices"),
        count=count,
        url=changelist_url(request, Invoice, "overdue=yes"),
        items=[
            Item(
                f"{invoice.number} · {invoice.billing_organisation}",
                change_url(Invoice, invoice.pk),
                _("%(amount)s, due %(date)s")
                % {
                    "amount": format_money(invoice.gross_cents, invoice.currency),
                    "date": formats.date_format(invoice.due_date, "SHORT_DATE_FORMAT"),
                },
            )
            for invoice in invoices
        ],
        empty_text=_("No invoice is overdue."),
    )


@panel(position=46)
def sellers_without_phone(request) -> Panel | None:
    """Invoicing bodies without a phone: their XRechnung lacks the seller contact's phone that
    XRechnung requires (BR-DE-6). Shown only while there is one, to whoever sees the bodies."""
    if not may_view(request, Seller):
        return None
    sellers, count = items_and_count(Seller.objects.filter(phone="").order_by("name"))
    if not count:
        return None
    return Panel(
        key="sellers-without-phone",
        title=_("Invoicing bodies without a phone"),
        count=count,
        url=changelist_url(request, Seller),
        items=[Item(seller.name, change_url(Seller, seller.pk)) for seller in sellers],
    )
