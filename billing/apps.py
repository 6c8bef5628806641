from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The buyer's link to download an invoice or credit note (see core.links). Invoices are kept
# and paid over months, so the link works longer than the portal's default.
INVOICE_PURPOSE = "billing.invoice"
INVOICE_LINK_MAX_AGE = 400 * 24 * 3600


class BillingConfig(AppConfig):
    name = "billing"
    verbose_name = _("Billing")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from core.links import register_purpose

        register_purpose(INVOICE_PURPOSE, max_age=INVOICE_LINK_MAX_AGE)
