from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The buyer's link to download an invoice or credit note (see core.links). Invoices are kept
# and paid over months, so the link works longer than the portal's default.
INVOICE_PURPOSE = "billing.invoice"
INVOICE_LINK_MAX_AGE = 400 * 24 * 3600
# Who may import a bank statement: whoever may record payments.
STATEMENT_PERMISSION = "billing.add_payment"


class BillingConfig(AppConfig):
    name = "billing"
    verbose_name = _("Billing")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from backoffice.site import AppPage, register_app_page
        from core.links import register_purpose

        register_purpose(INVOICE_PURPOSE, max_age=INVOICE_LINK_MAX_AGE)
        # The bank statement import, in the billing section of the admin's index.
        register_app_page(
            AppPage(
                app_label="billing",
                name=_("Import bank statement"),
                url_name="billing_admin:statement_import",
                permission=STATEMENT_PERMISSION,
                model="billing.Payment",
            )
        )
