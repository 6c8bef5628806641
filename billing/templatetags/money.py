from django import template

from billing.money import format_money

register = template.Library()


@register.filter
def money(cents, currency="EUR"):
    """`{{ invoice.gross_cents|money:invoice.currency }}`: "2.450,00 €" on German pages."""
    if cents is None or cents == "":
        return ""
    return format_money(int(cents), currency or "EUR")
