"""The legal pages: imprint, privacy notice (with its earlier versions), accessibility
statement with the form to report a barrier, and the page in easy language."""

from urllib.parse import urlsplit

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.ratelimit import limited_response, refuse_if_limited
from core.site_urls import absolute_url

from . import services
from .forms import BarrierReportForm
from .models import LegalPage


def _legal_context(kind: str, page: LegalPage | None) -> dict:
    # The English text may still be missing: then the German one is shown, and says so
    # (the template's tags of `content`, as on every page with texts in two languages).
    return {"page": page, "default_title": LegalPage.Kind(kind).label}


def _legal_page(request, kind: str, template: str, **extra):
    page = LegalPage.objects.current(kind)
    return render(request, template, {**_legal_context(kind, page), **extra})


def imprint(request):
    return _legal_page(request, LegalPage.Kind.IMPRINT, "legal/imprint.html")


def privacy(request):
    page = LegalPage.objects.current(LegalPage.Kind.PRIVACY)
    earlier = LegalPage.objects.published().filter(kind=LegalPage.Kind.PRIVACY)
    if page is not None:
        earlier = earlier.exclude(pk=page.pk)
    context = {
        **_legal_context(LegalPage.Kind.PRIVACY, page),
        "earlier_versions": earlier.order_by("-version"),
    }
    return render(request, "legal/privacy.html", context)


def privacy_version(request, version: int):
    """One version of the privacy notice as it was agreed to, also after newer ones."""
    page = get_object_or_404(
        LegalPage.objects.published(), kind=LegalPage.Kind.PRIVACY, version=version
    )
    current = LegalPage.objects.current(LegalPage.Kind.PRIVACY)
    context = {**_legal_context(LegalPage.Kind.PRIVACY, page), "current": current}
    return render(request, "legal/privacy_version.html", context)


def easy_language(request):
    return _legal_page(request, LegalPage.Kind.EASY_LANGUAGE, "legal/easy_language.html")


def _reported_page(request) -> str:
    """The page the reporter came from, to fill in the form (only addresses of this site)."""
    candidate = request.GET.get("url", "")
    if not candidate:
        referer = urlsplit(request.META.get("HTTP_REFERER", ""))
        if referer.netloc == request.get_host():
            candidate = referer.path
    is_local = candidate.startswith("/") and not candidate.startswith("//")
    if is_local and candidate.split("?")[0] != request.path:
        return absolute_url(candidate)[:500]
    return ""


@require_http_methods(["GET", "HEAD", "POST"])
def accessibility(request):
    """The accessibility statement with the form to report a barrier."""
    refusal = None
    if request.method == "POST":
        form = BarrierReportForm(request.POST)
        refusal = refuse_if_limited(
            request, form, scope="barrier-report", email=request.POST.get("email")
        )
        if refusal is None and form.is_valid():
            report = form.save(commit=False)
            report.language = translation.get_language()
            services.barrier_report_submit(report=report)
            messages.success(
                request,
                _(
                    "Thank you for your report. It has reached the cluster management, "
                    "who will look into the barrier."
                ),
            )
            # Back to the top of the page, where the thank-you message is shown.
            return redirect("legal:accessibility")
    else:
        form = BarrierReportForm(initial={"page_url": _reported_page(request)})
    page = LegalPage.objects.current(LegalPage.Kind.ACCESSIBILITY)
    context = {**_legal_context(LegalPage.Kind.ACCESSIBILITY, page), "form": form}
    return limited_response(render(request, "legal/accessibility.html", context), refusal)
