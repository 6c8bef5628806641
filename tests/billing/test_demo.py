"""Loading the demo writes invoices and credit notes, but mails none of them."""

import pytest
from django.core.management import call_command

from billing.models import Invoice

pytestmark = pytest.mark.django_db


def test_loading_the_demo_mails_no_invoice_to_the_demo_addresses(
    settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.DEBUG = True
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", "--no-admin")
    # The demo has its invoices: the conference's open, paid and cancelled ones, the stand's.
    assert Invoice.objects.invoices().count() >= 3
    assert Invoice.objects.credit_notes().exists()
    numbers = set(Invoice.objects.values_list("number", flat=True))
    invoice_mails = [
        message
        for message in mailoutbox
        if message.attachments or any(number in message.subject for number in numbers)
    ]
    assert invoice_mails == []
