"""The one rate limit for the portal's public forms.

Attempts are counted per client IP address and per e-mail address in Django's cache, so the
limit holds across every app process that shares the cache (Redis in production). Each counter
lives for one fixed window that starts with the first attempt.

    if not check_rate_limit(request, scope="barrier-report", email=email, limit=5, window=3600):
        form.add_error(None, RATE_LIMIT_MESSAGE)
        return render(request, template, context, status=429)

The answer is the same whichever counter ran over, and counting does not depend on whether
an address is known, so the limit never tells anyone whether an e-mail address is registered.

Behind a reverse proxy set `RATELIMIT_TRUSTED_PROXIES` to the number of proxies in front of
the app: the client address is then read from the right end of `X-Forwarded-For`, which the
client cannot forge. Without it, `REMOTE_ADDR` is used.
"""

import hashlib
import ipaddress
import logging

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

RATE_LIMIT_MESSAGE = _(
    "You have sent this form too often in a short time. Please wait a while and try again."
)
DEFAULT_LIMIT = 5
DEFAULT_WINDOW = 3600  # seconds
KEY_PREFIX = "ratelimit"


def client_ip(request) -> str:
    """The client's address; IPv6 clients are counted per /64, which one client usually holds."""
    address = request.META.get("REMOTE_ADDR", "")
    trusted_proxies = getattr(settings, "RATELIMIT_TRUSTED_PROXIES", 0)
    if trusted_proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= trusted_proxies:
            address = forwarded[-trusted_proxies]
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address or "unknown"
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def _key(scope: str, kind: str, value: str) -> str:
    # Hashed, so that the cache holds no e-mail or IP address in clear (and keys stay short).
    digest = hashlib.sha256(f"{scope}\0{kind}\0{value}".encode()).hexdigest()[:32]
    return f"{KEY_PREFIX}:{scope}:{kind}:{digest}"


def _hit(key: str, window: int) -> int:
    """Count one attempt and return the attempts in the current window (atomic in the cache)."""
    cache.add(key, 0, timeout=window)
    try:
        return cache.incr(key)
    except ValueError:
        # The counter expired between add and incr: this attempt opens a new window.
        cache.add(key, 1, timeout=window)
        return 1


def normalise_email(email: str | None) -> str:
    return (email or "").strip().lower()


def check_rate_limit(
    request,
    *,
    scope: str,
    email: str | None = None,
    limit: int = DEFAULT_LIMIT,
    window: int = DEFAULT_WINDOW,
) -> bool:
    """Count this attempt; True while the client and the e-mail address are within the limit.

    Call it once per submission (every POST, valid or not, so that bots trying variations are
    counted too). `scope` keeps the forms apart ("barrier-report", "event-registration", ...).
    """
    counts = [_hit(_key(scope, "ip", client_ip(request)), window)]
    address = normalise_email(email)
    if address:
        counts.append(_hit(_key(scope, "email", address), window))
    allowed = max(counts) <= limit
    if not allowed:
        logger.info("Rate limit reached for %s.", scope)
    return allowed


def form_limit(scope: str) -> tuple[int, int]:
    """(limit, window) of a public form: `settings.RATE_LIMITS[scope]`, else the default."""
    return getattr(settings, "RATE_LIMITS", {}).get(scope, (DEFAULT_LIMIT, DEFAULT_WINDOW))


def refuse_if_limited(request, form, *, scope: str, email: str | None = None) -> int | None:
    """Count one submission of a public form; over the limit, put the message on the form.

    Returns the Retry-After seconds when the submission is refused (answer it with 429 and
    the form), else None. Counting never depends on whether the address is known.
    """
    limit, window = form_limit(scope)
    if check_rate_limit(request, scope=scope, email=email, limit=limit, window=window):
        return None
    form.add_error(None, RATE_LIMIT_MESSAGE)
    return window
