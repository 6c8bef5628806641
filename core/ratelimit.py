"""The one rate limit for the portal's public forms.

Every public form that sends e-mail or stores what a visitor typed is limited per client
address and per e-mail address, with the limits of `settings.RATE_LIMITS[scope]`:

    RATE_LIMITS = {"event-registration": {"per_email": 10, "per_address": 100, "window": 3600}}

The per-address limit is generous, against floods: the staff of a hospital or a company share
one address behind their NAT, and the eleventh colleague must still get through. The strict
limit is the one per e-mail address. A view counts a submission with one call and answers a
refusal with another:

    refusal = refuse_if_limited(request, form, scope="barrier-report", email=email)
    if refusal is None and form.is_valid():
        ...
    return limited_response(render(request, template, context), refusal)

A refused submission gets 429 with `Retry-After` (the seconds until the counter that ran over
starts again) and, on the form (or as a message where a page has no form), the translated
"please try again in 45 minutes (from 14:35)".

Attempts are counted in PostgreSQL (`RateLimitCounter`), so the limit holds across every app
process that shares the database. One check is one SQL statement for both counters, an upsert
that counts atomically: parallel requests on several processes can neither lose an attempt
nor both see the same count. Each counter lives for one fixed window that starts with the first
attempt; the next attempt after the window has ended starts a new one, and
`manage.py purge_personal_data` deletes counters whose window has ended.

The answer is the same whichever counter ran over, and counting does not depend on whether
an address is known, so the limit never tells anyone whether an e-mail address is registered.
Counters are stored under a keyed hash (HMAC with the secret key) of form, kind and address:
no e-mail or IP address is kept in clear, and none can be found again by trying addresses
without the key.

Behind a reverse proxy set `RATELIMIT_TRUSTED_PROXIES` to the number of proxies in front of
the app: the client address is then read from the right end of `X-Forwarded-For`, which the
client cannot forge. Without it, `REMOTE_ADDR` is used.
"""

import datetime as dt
import ipaddress
import logging
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ImproperlyConfigured
from django.db import connections, router
from django.utils import formats, timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from .durations import duration_in_words
from .models import RateLimitCounter

logger = logging.getLogger(__name__)

DEFAULT_LIMIT = 5
DEFAULT_WINDOW = 3600  # seconds
# The module's name before it moved to core: counters counted since keep their keys.
KEY_SALT = "cluster_portal.ratelimit"

# One row per counter; an existing counter whose window has ended starts again at 1.
# The database's clock decides, so that app processes with skewed clocks agree.
_UPSERT = """
INSERT INTO {table} AS counter ("key", "scope", "hits", "window_ends")
SELECT key, %s, 1, statement_timestamp() + %s * interval '1 second'
FROM unnest(%s::uuid[]) WITH ORDINALITY AS keys (key, position){local_setting}
ORDER BY position
ON CONFLICT ("key") DO UPDATE SET
    "hits" = CASE WHEN counter."window_ends" <= statement_timestamp() THEN 1
                  ELSE counter."hits" + 1 END,
    "window_ends" = CASE WHEN counter."window_ends" <= statement_timestamp()
                         THEN EXCLUDED."window_ends" ELSE counter."window_ends" END
RETURNING "key", "hits",
    GREATEST(1, CEIL(EXTRACT(EPOCH FROM "window_ends" - statement_timestamp())))::integer
"""
# A counter's commit need not wait for the disk: a database crash may lose the last moment's
# attempts, which only lets a few more through, and a durable commit waits for its WAL flush.
# Only where the upsert is its own transaction: inside a transaction (the registration counts
# inside its own) the setting would also cover that transaction's commit.
_ASYNCHRONOUS_COMMIT = ", (SELECT set_config('synchronous_commit', 'off', true)) AS local_setting"


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


def _hit(scope: str, keys: list[uuid.UUID], window: int) -> dict[uuid.UUID, tuple[int, int]]:
    """Count one attempt on each counter: key -> (attempts in its window, seconds it has left)."""
    # Rows are locked in key order, so two checks that share counters cannot deadlock.
    keys = sorted(keys)
    table = RateLimitCounter._meta.db_table
    connection = connections[router.db_for_write(RateLimitCounter)]
    sql = _UPSERT.format(
        table=connection.ops.quote_name(table),
        local_setting="" if connection.in_atomic_block else _ASYNCHRONOUS_COMMIT,
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [scope, window, keys])
        return {key: (hits, left) for key, hits, left in cursor.fetchall()}


def normalise_email(email: str | None) -> str:
    return (email or "").strip().lower()


def _count(
    request, *, scope: str, email: str | None, per_email: int, per_address: int, window: int
) -> int | None:
    """Count one attempt; None within the limits, else the seconds until it may be tried again."""
    limits = {_key(scope, "ip", client_ip(request)): per_address}
    address = normalise_email(email)
    if address:
        limits[_key(scope, "email", address)] = per_email
    counted = _hit(scope, list(limits), window)
    over = [left for key, (hits, left) in counted.items() if hits > limits[key]]
    if not over:
        return None
    logger.info("Rate limit reached for %s.", scope)
    return max(over)


def check_rate_limit(
    request,
    *,
    scope: str,
    email: str | None = None,
    limit: int = DEFAULT_LIMIT,
    window: int = DEFAULT_WINDOW,
) -> bool:
    """Count this attempt against one `limit` for the client and the e-mail address alike;
    True while both are within it. The counters themselves; forms use `refuse_if_limited`."""
    refused = _count(
        request, scope=scope, email=email, per_email=limit, per_address=limit, window=window
    )
    return refused is None


@dataclass(frozen=True)
class FormLimit:
    per_email: int  # submissions per e-mail address in a window: the strict limit
    per_address: int  # per client address (a whole organisation behind NAT): against floods
    window: int  # seconds


def form_limit(scope: str) -> FormLimit:
    """The limits of a public form, `settings.RATE_LIMITS[scope]`."""
    try:
        return FormLimit(**settings.RATE_LIMITS[scope])
    except KeyError:
        raise ImproperlyConfigured(f"settings.RATE_LIMITS has no entry {scope!r}") from None


@dataclass(frozen=True)
class Refusal:
    """A submission over the limit: when it may be tried again, and what the visitor reads."""

    retry_after: int  # seconds

    @property
    def message(self) -> str:
        """In the active language: "... Please try again in 45 minutes (from 14:35)."""
        now = timezone.localtime()
        again = now + dt.timedelta(seconds=self.retry_after)
        if again.date() == now.date():
            moment = formats.time_format(again, "TIME_FORMAT")
        else:
            moment = formats.date_format(again, "DATETIME_FORMAT")
        return _(
            "You have sent this form too often in a short time. Please try again in %(wait)s "
            "(from %(time)s)."
        ) % {"wait": duration_in_words(self.retry_after, days=False), "time": moment}


def refuse_if_limited(request, form=None, *, scope: str, email: str | None = None):
    """Count one submission of the public form `scope`; None while it is within the limits.

    Over a limit, the translated message goes on the form (as a flash message where the page
    has no form) and the Refusal is returned: answer with `limited_response`, and do not act
    on the submission. Call it for every POST, valid or not, so that bots trying variations
    are counted too; counting never depends on whether the address is known.
    """
    limit = form_limit(scope)
    retry_after = _count(
        request,
        scope=scope,
        email=email,
        per_email=limit.per_email,
        per_address=limit.per_address,
        window=limit.window,
    )
    if retry_after is None:
        return None
    refusal = Refusal(retry_after=retry_after)
    if form is not None:
        form.add_error(None, refusal.message)
    else:
        messages.error(request, refusal.message)
    return refusal


def limited_response(response, refusal: Refusal | None):
    """`response` as the answer to a refused submission: 429 with Retry-After."""
    if refusal is not None:
        response.status_code = 429
        response["Retry-After"] = str(refusal.retry_after)
    return response


# --- the counters in the personal-data registry (core/privacy.py) ----------------------------


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
