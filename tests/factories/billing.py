import datetime as dt

from billing.models import Seller
from billing.pricing import Line
from billing.services import Buyer, invoice_issue

from .base import unique


def make_seller(**overrides) -> Seller:
    values = {
        "name": "Gesundheitswirtschaft Mitteldeutschland e. V.",
        "street": "Markt 1",
        "postcode": "04109",
        "city": "Leipzig",
        "vat_id": "DE136695976",
        "email": "rechnung@example.org",
        "phone": "0341 123456",
        "iban": "DE02120300000000202051",
        "bic": "BYLADEM1001",
        "bank_name": "Deutsche Kreditbank",
        "invoice_prefix": unique("S").upper().replace("-", "")[:10],
    }
    values.update(overrides)
    return Seller.objects.create(**values)


def make_buyer(**overrides) -> Buyer:
    values = {
        "organisation": "MedTech Beispiel GmbH",
        "street": "Hauptstraße 5",
        "postcode": "66111",
        "city": "Saarbrücken",
        "email": "buchhaltung@example.com",
    }
    values.update(overrides)
    return Buyer(**values)


def make_invoice(seller=None, *, lines=None, buyer=None, **overrides):
    return invoice_issue(
        seller=seller or make_seller(),
        buyer=buyer or make_buyer(),
        lines=lines or [Line("Teilnahme Konferenz", 1, 9500)],
        service_date=overrides.pop("service_date", dt.date(2026, 11, 20)),
        **overrides,
    )
