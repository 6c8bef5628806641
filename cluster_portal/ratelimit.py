"""The one rate limit for the portal's public forms.

Attempts are counted per client IP address and per e-mail address in PostgreSQL
(`RateLimitCounter`), so the limit holds across every app process that shares the database.
One check is one SQL statement for both counters, an upsert that counts atomically: parallel
requests on several processes can neither lose an attempt nor both see the same count. Each
counter lives for one fixed window that starts with the first attempt; the next attempt after
the window has ended starts a new one, and `manage.py purge_personal_data` deletes counters
whose window has ended.

    if not check_rate_limit(request, scope="barrier-report", email=email, limit=5, window=3600):
        form.add_error(None, RATE_LIMIT_MESSAGE)
        return render(request, template, context, status=429)

The answer is the same whichever counter ran over, and counting does not depend on whether
an address is known, so the limit never tells anyone whether an e-mail address is registered.
Counters are stored under a keyed hash (HMAC with the secret key) of form, kind and address:
no e-mail or IP address is kept in clear, and none can be found again by trying addresses
without the key.

Behind a reverse proxy set `RATELIMIT_TRUSTED_PROXIES` to the number of proxies in front of
the app: the client address is then read from the right end of `X-Forwarded-For`, which the
client cannot forge. Without it, `REMOTE_ADDR` is used.
"""

import ipaddress
import logging
import uuid

from django.conf import settings
from django.db import connections, router
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from .models import RateLimitCounter

logger = logging.getLogger(__name__)

RATE_LIMIT_MESSAGE = _(
    "You have sent this form too often in a short time. Please wait a while and try again."
)
DEFAULT_LIMIT = 5
DEFAULT_WINDOW = 3600  # seconds
KEY_SALT = "cluster_portal.ratelimit"

# One row per counter; an existing counter whose window has ended starts again at 1.
# The database's clock decides, so that app processes with skewed clocks agree.
_UPSERT = """
INSERT INTO {table} AS counter ("key", "scope", "hits", "window_ends")
VALUES {rows}
ON CONFLICT ("key") DO UPDATE SET
    "hits" = CASE WHEN counter."window_ends" <= statement_timestamp() THEN 1
                  ELSE counter."hits" + 1 END,
    "window_ends" = CASE WHEN counter."window_ends" <= statement_timestamp()
                         THEN EXCLUDED."window_ends" ELSE counter."window_ends" END
RETURNING "hits"
"""
_ROW = "(%s, %s, 1, statement_timestamp() + %s * interval '1 second')"


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


def _key(scope: str, kind: str, value: str) -> uuid.UUID:
    digest = salted_hmac(KEY_SALT, f"{scope}\0{kind}\0{value}", algorithm="sha256").digest()
    return uuid.UUID(bytes=digest[:16])


def _hit(scope: str, keys: list[uuid.UUID], window: int) -> list[int]:
    """Count one attempt on each counter; the attempts in each counter's current window."""
    # Rows are locked in key order, so two checks that share counters cannot deadlock.
    keys = sorted(keys)
    table = RateLimitCounter._meta.db_table
    connection = connections[router.db_for_write(RateLimitCounter)]
    sql = _UPSERT.format(table=connection.ops.quote_name(table), rows=", ".join([_ROW] * len(keys)))
    params = [value for key in keys for value in (key, scope, window)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


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
    keys = [_key(scope, "ip", client_ip(request))]
    address = normalise_email(email)
    if address:
        keys.append(_key(scope, "email", address))
    allowed = max(_hit(scope, keys, window)) <= limit
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


# --- the counters in the personal-data registry (cluster_portal/privacy.py) ----------------


def counters_about(email: str):
    """The e-mail counters of an address, whichever form counted them."""
    address = normalise_email(email)
    scopes = RateLimitCounter.objects.order_by().values_list("scope", flat=True).distinct()
    return RateLimitCounter.objects.filter(
        key__in=[_key(scope, "email", address) for scope in scopes]
    )


def expired_counters(now, days=None):
    """Counters whose window has ended: they no longer count and are only kept until purged."""
    return RateLimitCounter.objects.filter(window_ends__lte=now)


def delete_counters(queryset, now) -> int:
    deleted, _by_model = queryset.delete()
    return deleted
