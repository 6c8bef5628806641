"""The answer to a locked admin login (django-axes' AXES_LOCKOUT_CALLABLE): 429 with Retry-After,
like every other 429 of the portal, and the page says how long the lock lasts."""

from axes.helpers import get_cool_off
from django.conf import settings
from django.shortcuts import render

from core.durations import duration_in_words


def locked_out(request, original_response=None, credentials=None):
    seconds = int(get_cool_off(request).total_seconds())
    response = render(
        request,
        settings.AXES_LOCKOUT_TEMPLATE,
        {"locked_for": duration_in_words(seconds)},
        status=429,
    )
    response["Retry-After"] = str(seconds)
    return response
