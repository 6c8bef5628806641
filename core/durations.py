"""Spans of time in words, as e-mails and pages state them ("7 days", "45 minutes")."""

import math

from django.utils.translation import ngettext

MINUTE = 60
HOUR = 60 * MINUTE
DAY = 24 * HOUR


def duration_in_words(seconds: float, *, days: bool = True) -> str:
    """`seconds` in the active language: whole days or hours when it is exactly that many,
    else hours from two hours on and minutes below, rounded up (a wait is never understated).

    `days=False` counts in hours at most, for sentences after "in" ("in 30 Minuten", "in 48
    Stunden"), where German would need the dative of days ("in 2 Tagen")."""
    seconds = max(math.ceil(seconds), 1)
    if days and seconds % DAY == 0:
        return _days(seconds // DAY)
    if seconds % HOUR == 0 or seconds >= 2 * HOUR:
        return _hours(math.ceil(seconds / HOUR))
    return _minutes(math.ceil(seconds / MINUTE))


def _days(count: int) -> str:
    return ngettext("%(count)d day", "%(count)d days", count) % {"count": count}


def _hours(count: int) -> str:
    return ngettext("%(count)d hour", "%(count)d hours", count) % {"count": count}


def _minutes(count: int) -> str:
    return ngettext("%(count)d minute", "%(count)d minutes", count) % {"count": count}
