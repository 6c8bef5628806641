"""The back office's pages of billing that are no model's admin: the bank statement import.

Included by cluster_portal/urls.py at admin/billing/kontoauszug/, before the admin's own
addresses and outside the language prefix, like the admin itself.
"""

from django.contrib import admin
from django.urls import path

from . import statement_views

app_name = "billing_admin"

urlpatterns = [
    path(
        "",
        admin.site.admin_view(statement_views.statement_import),
        name="statement_import",
    ),
    path(
        "buchen/",
        admin.site.admin_view(statement_views.statement_book),
        name="statement_book",
    ),
]
