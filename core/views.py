"""The kernel's own answers: a request too large (413), for RequestSizeLimitMiddleware and the
root URLconf's 400 handler."""

from django.conf import settings
from django.shortcuts import render


def request_too_large(request):
    """The answer to an oversized request or upload (RequestSizeLimitMiddleware, handler400)."""
    limit_mb = settings.MAX_REQUEST_BODY_SIZE // (1024 * 1024)
    return render(request, "413.html", {"limit_mb": limit_mb}, status=413)
