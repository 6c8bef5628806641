"""Where the portal keeps personal data, and how to export, erase and purge it.

One registry of sources serves the manager's export and erasure by e-mail address (admin,
"Personal data by e-mail") and `manage.py purge_personal_data` alike, so a new kind of
personal data is added in one place: the `privacy.py` of the app that keeps it registers a
`Source` (`register(Source(...), position=…)`; see `core.portal`). Anonymising keeps every row
and its status, so counts per event, status or decision stay as they were; only what
identifies a person is replaced.
"""

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from . import ratelimit
from .models import ErasureRecord
from .portal import Registry

# What an anonymised record shows instead of the person's name.
ANONYMOUS_NAME = "—"


def anonymous_email(pk: int) -> str:
    # Unique per row (the one-active-registration constraint) and never deliverable.
    return f"anonymised-{pk}@anonymised.invalid"


@dataclass(frozen=True)
class Source:
    """One kind of record holding personal data.

    `matching(email)` finds the rows about an address, `export_fields` are written to the
    export, `anonymise(queryset, now)` neutralises rows and returns how many it changed, and
    `due(now)` (if the kind has a retention period) finds rows whose time is up. `erase(queryset,
    now, email)`, where given, takes the place of `anonymise` for an erasure by address (for
    rows that also hold other people's data, of which only the address's part goes).
    `kept`, where given, says why an erasure leaves the rows as they are (a legal duty to keep
    them, such as invoices); the erasure page shows it beside them.
    """

    key: str
    label: str
    matching: Callable[[str], QuerySet]
    export_fields: tuple[str, ...]
    anonymise: Callable[[QuerySet, dt.datetime], int]
    due: Callable[[dt.datetime], QuerySet] | None = None
    erase: Callable[[QuerySet, dt.datetime, str], int] | None = None
    kept: str = ""


sources = Registry("personal-data source")


def register(source: Source, *, position: int) -> Source:
    return sources.register(source.key, source, position=position)


def retention_days(key: str) -> int:
    return int(settings.PERSONAL_DATA_RETENTION[key])


def normalise(email: str) -> str:
    return (email or "").strip().lower()


def hash_email(email: str) -> str:
    """A keyed hash: the same address always gives the same value, which cannot be reversed."""
    return salted_hmac(
        # The salt keeps the module's name from before the move to core: records made since
        # must go on matching.
        "cluster_portal.privacy.erasure",
        normalise(email),
        algorithm="sha256",
    ).hexdigest()


# --- export, erase, purge ----------------------------------------------------------------------


def collect(email: str) -> dict[str, list[dict]]:
    """Everything stored about an address, by source key (empty lists included)."""
    address = normalise(email)
    if not address:
        return {source.key: [] for source in sources.values()}
    return {
        source.key: list(source.matching(address).values(*source.export_fields))
        for source in sources.values()
    }


def export_json(email: str) -> str:
    data = {"email": normalise(email), "exported_at": timezone.now(), "data": collect(email)}
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


def export_rows(email: str):
    """Rows for the CSV export: one line per stored value (kind, record, field, value)."""
    for key, rows in collect(email).items():
        for row in rows:
            for field, value in row.items():
                if isinstance(value, dict | list):
                    value = json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)
                elif isinstance(value, dt.datetime):
                    value = value.isoformat()
                yield [key, row.get("id"), field, value]


@transaction.atomic
def erase(*, email: str, by=None) -> ErasureRecord:
    """Anonymise everything about an address and record that it was done (not the address)."""
    address = normalise(email)
    now = timezone.now()
    counts = {}
    for source in sources.values():
        queryset = source.matching(address)
        if source.erase is not None:
            counts[source.key] = source.erase(queryset, now, address)
        else:
            counts[source.key] = source.anonymise(queryset, now)
    return ErasureRecord.objects.create(
        email_hash=hash_email(address), erased_by=by, erased_at=now, counts=counts
    )


def purge(*, now: dt.datetime | None = None, days: dict | None = None, dry_run=False) -> dict:
    """Anonymise what has been kept longer than its retention period; counts by source key.

    `days` overrides `settings.PERSONAL_DATA_RETENTION` per key. With `dry_run`, only counts.
    """
    now = now or timezone.now()
    days = days or {}
    report = {}
    for source in sources.values():
        if source.due is None:
            continue
        queryset = source.due(now, days.get(source.key))
        if dry_run:
            report[source.key] = queryset.count()
        else:
            report[source.key] = source.anonymise(queryset, now)
    return report


# The kernel's own personal data: the rate limit's counters (keys are hashes of addresses).
register(
    Source(
        key="rate_limit_counters",
        label=_("Rate-limit counters of public forms (hashed)"),
        matching=ratelimit.counters_about,
        export_fields=("scope", "hits", "window_ends"),
        anonymise=ratelimit.delete_counters,
        due=ratelimit.expired_counters,
    ),
    position=100,
)
