import datetime as dt
import functools

from babel import Locale
from django import template
from django.conf import settings
from django.utils import timezone, translation

from core.site_urls import absolute_url

register = template.Library()


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (filters survive paging)."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        if value is None or value == "":
            query.pop(key, None)
        else:
            query[key] = value
    return query.urlencode()


@register.filter
def machine_datetime(value):
    """A date or time for `<time datetime>`: ISO 8601 in local time, to the second (the HTML
    standard allows at most three decimals, and no reader needs them)."""
    if not value:
        return ""
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).replace(microsecond=0).isoformat()
    return value.isoformat()


@register.filter
def absolute(path):
    """A path on the portal's address (PORTAL_BASE_URL), for links that leave the page."""
    return absolute_url(path) if path else ""


# Babel's CLDR data knows each locale's separators and where the currency sign goes
# ("2.450,00 €", "€2,450.00"); Django's number formatting would need USE_THOUSAND_SEPARATOR for
# all numbers (years and postcodes too) and has no currency patterns.
BABEL_LOCALES = {"de": "de_DE", "en": "en_GB"}


def _babel_locale() -> str:
    language = (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return BABEL_LOCALES.get(language, language)


@functools.cache
def _territories(locale: str) -> dict[str, str]:
    return dict(Locale.parse(locale).territories)


@register.filter
def country_name(code):
    """The name of a country (ISO 3166 code, "IN") in the page's (or mail's) language:
    "Indien", "India". The one place that turns country codes into names; an unknown code
    shows as itself rather than failing."""
    if not code:
        return ""
    code = str(code).strip().upper()
    return _territories(_babel_locale()).get(code, code)
