"""Spans of time as the portal's e-mails and pages state them."""

import pytest
from django.utils import translation

from core.durations import duration_in_words


@pytest.mark.parametrize(
    ("seconds", "days", "german", "english"),
    [
        (7 * 86400, True, "7 Tage", "7 days"),
        (86400, True, "1 Tag", "1 day"),
        (2 * 86400, False, "48 Stunden", "48 hours"),
        (3600, True, "1 Stunde", "1 hour"),
        (3599, True, "60 Minuten", "60 minutes"),
        (1799.2, True, "30 Minuten", "30 minutes"),
        (61, True, "2 Minuten", "2 minutes"),
        (0, True, "1 Minute", "1 minute"),
        (3 * 3600 + 1, True, "4 Stunden", "4 hours"),
    ],
)
def test_a_span_is_worded_in_the_readers_language_and_never_understated(
    seconds, days, german, english
):
    with translation.override("de"):
        assert duration_in_words(seconds, days=days) == german
    with translation.override("en"):
        assert duration_in_words(seconds, days=days) == english
