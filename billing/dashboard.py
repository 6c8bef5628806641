"""The overdue invoices' panel on the back office's dashboard (see `core.dashboard`)."""

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

from .models import Invoice
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
