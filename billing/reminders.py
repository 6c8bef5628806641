"""The payment reminder: one e-mail for each overdue invoice, sent once.

`remind_overdue` is run daily by the scheduler (`billing/tasks.py`, the command
`send_payment_reminders`). It mails the invoice's billing address in German (the invoice's
language) with the number, the amount still open, the due date and the invoicing body's bank
details as printed on the invoice (`seller_details`), and sets `reminded_at`, which the
database lets change on an issued invoice. Each invoice is locked while it is reminded, so that
two runs at once remind it once.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from core.mail import send_mail_in_language

from .models import Invoice
from .money import format_money

TEMPLATE = "billing/emails/payment_reminder"
LANGUAGE = "de"


def overdue_unreminded(today: dt.date):
    return Invoice.objects.overdue(today).filter(reminded_at__isnull=True)


def remind_overdue(*, today: dt.date | None = None) -> int:
    """Mail every overdue invoice that has not been reminded yet; return how many were mailed."""
    today = today or timezone.localdate()
    sent = 0
    for pk in list(
        overdue_unreminded(today).order_by("due_date", "pk").values_list("pk", flat=True)
    ):
        with transaction.atomic():
            invoice = (
                overdue_unreminded(today).select_for_update(skip_locked=True).filter(pk=pk).first()
            )
            if invoice is None:
                continue  # paid, cancelled or reminded in the meantime
            paid = invoice.paid_cents()
            details = invoice.seller_details
            send_mail_in_language(
                template=TEMPLATE,
                to=[invoice.billing_email],
                language=LANGUAGE,
                context={
                    "invoice": invoice,
                    "seller": details,
                    "gross": format_money(invoice.gross_cents, invoice.currency, language=LANGUAGE),
                    "open_amount": format_money(
                        invoice.gross_cents - paid, invoice.currency, language=LANGUAGE
                    ),
                    "partly_paid": bool(paid),
                },
                reply_to=[details["email"]] if details.get("email") else [],
            )
            invoice.reminded_at = timezone.now()
            invoice.save(update_fields=["reminded_at"])
            sent += 1
    return sent
