"""Amounts of money: whole cents with their currency, shown in the reader's locale.

Money is never a float and never a Decimal in the database: cents are exact, and a sum of
lines is the sum of their cents. Babel knows how each locale writes an amount
("2.450,00 €" in German, "€2,450.00" in English).
"""

from decimal import Decimal

from babel.numbers import format_currency
from django.utils import translation

CENT = Decimal("0.01")


def to_units(cents: int) -> Decimal:
    """Cents as a decimal amount of the currency's units (245000 -> Decimal("2450.00"))."""
    return (Decimal(cents) * CENT).quantize(CENT)


def format_money(cents: int | None, currency: str = "EUR", *, language: str | None = None) -> str:
    """An amount as the reader's locale writes it; an empty string for no amount."""
    if cents is None:
        return ""
    language = language or translation.get_language() or "de"
    locale = translation.to_locale(language)
    return format_currency(to_units(cents), currency, locale=locale)
