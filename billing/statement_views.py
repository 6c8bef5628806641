"""Importing a bank statement in the back office: upload, preview, then book.

Step 1 takes a CAMT.053 file, step 2 shows each credit with the invoice proposed for it and
writes nothing; the entries travel to step 3 signed (the client can neither change an amount
nor add an entry), where the ticked ones are booked in one transaction. Staff with the
permission to add payments only (`billing.add_payment`), and within the invoice admin's scope:
a regional manager sees, matches and books only invoices of their regions.
"""

from django import forms
from django.contrib import admin, messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from .apps import STATEMENT_PERMISSION
from .models import Invoice
from .money import format_money
from .statements import (
    MAX_BYTES,
    Entry,
    Outcome,
    StatementError,
    book,
    match,
    read,
    unknown_accounts,
)

SALT = "billing.statement_views.entries"
MAX_AGE = 60 * 60  # seconds a preview stays bookable


class StatementUploadForm(forms.Form):
    statement = forms.FileField(
        label=_("Bank statement (CAMT.053, XML)"),
        help_text=_("The account statement as your bank exports it, at most 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xml,application/xml,text/xml"}),
    )


def _require_permission(request):
    if not request.user.has_perm(STATEMENT_PERMISSION):
        raise PermissionDenied


def _invoices(request):
    """The invoices the user may work on: the invoice admin's, scoped to a regional manager's
    regions (backoffice.scoping)."""
    return admin.site.get_model_admin(Invoice).get_queryset(request)


def _context(request, **extra) -> dict:
    return {
        **admin.site.each_context(request),
        "title": _("Import bank statement"),
        **extra,
    }


def _rows(proposals):
    for index, proposal in enumerate(proposals):
        entry = proposal.entry
        yield {
            "index": index,
            "proposal": proposal,
            "entry": entry,
            "amount": format_money(entry.amount_cents, entry.currency),
            "choice": proposal.invoice.number if proposal.invoice else "",
        }


@require_http_methods(["GET", "POST"])
def statement_import(request):
    """Step 1 (the form) and step 2 (the preview of what the file would book)."""
    _require_permission(request)
    form = StatementUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["statement"]
        try:
            if upload.size > MAX_BYTES:
                raise StatementError(
                    _("The file is larger than %(size)d MB.") % {"size": MAX_BYTES // 1024**2}
                )
            statement = read(upload.read(MAX_BYTES + 1))
        except StatementError as error:
            form.add_error("statement", error.message)
        else:
            entries = statement.entries
            proposals = match(entries, invoices=_invoices(request))
            payload = signing.dumps(
                [entry.to_data() for entry in entries], salt=SALT, compress=True
            )
            counts = {
                outcome: sum(1 for p in proposals if p.outcome == outcome) for outcome in Outcome
            }
            return render(
                request,
                "billing/admin/statement_preview.html",
                _context(
                    request,
                    title=_("Bank statement: preview"),
                    rows=list(_rows(proposals)),
                    payload=payload,
                    file_name=upload.name,
                    counts=[(outcome.label, counts[outcome]) for outcome in Outcome],
                    unknown_accounts=unknown_accounts(statement.accounts),
                    bookable=any(proposal.selectable for proposal in proposals),
                ),
            )
    return render(request, "billing/admin/statement_upload.html", _context(request, form=form))


@require_POST
def statement_book(request):
    """Step 3: book the ticked entries against the chosen invoices."""
    _require_permission(request)
    try:
        data = signing.loads(request.POST.get("payload", ""), salt=SALT, max_age=MAX_AGE)
        entries = [Entry.from_data(item) for item in data]
    except signing.SignatureExpired:
        messages.error(request, _("The preview has expired; please upload the statement again."))
        return redirect(reverse("billing_admin:statement_import"))
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        messages.error(request, _("The preview could not be read; please upload it again."))
        return redirect(reverse("billing_admin:statement_import"))
    choices = {}
    for value in request.POST.getlist("entry"):
        try:
            index = int(value)
        except ValueError:
            continue
        choices[index] = request.POST.get(f"invoice-{index}", "")
    if not choices:
        messages.warning(request, _("No entry was selected; nothing was booked."))
        return redirect(reverse("billing_admin:statement_import"))
    result = book(entries, choices, by=request.user, invoices=_invoices(request))
    if result.booked:
        messages.success(request, _("%(count)d payment(s) booked.") % {"count": result.booked})
    if result.skipped:
        messages.warning(
            request,
            _("%(count)d selected entry(ies) skipped: booked already or no open invoice.")
            % {"count": result.skipped},
        )
    return redirect(reverse("billing_admin:statement_import"))
