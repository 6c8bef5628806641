"""Demo invoicing bodies: the bodies that run the network and sell its conference places and
stand places. Addresses and phones are the seeds'; VAT IDs, register entries and bank accounts
are invented test values (valid check digits, no real account), marked as such in the bank name.

The XRechnung needs the seller contact's phone (BR-DE-6): saar.is has the public number the
seeds give for healthcare.saarland; the seeds name no phone of GWMD or LZG.NRW, so theirs stay
empty rather than invented (a manager enters them, the admin asks for them).
"""

from core.demo import register, upsert

from .models import Seller

SELLERS = {
    "GWMD": {
        "name": "Gesundheitswirtschaft Mitteldeutschland e. V.",
        "street": "Markt 8",
        "postcode": "04109",
        "city": "Leipzig",
        "email": "info@gesundheitswirtschaft-mitteldeutschland.de",
        "vat_id": "DE136695976",
        "register_entry": "Amtsgericht Leipzig (Demo-Eintrag)",
        "iban": "DE02120300000000202051",
        "bic": "BYLADEM1001",
        "bank_name": "Demo-Konto (kein echtes Konto)",
    },
    "LZG": {
        "name": "LZG.NRW – Landeszentrum Gesundheit Nordrhein-Westfalen",
        "street": "Gesundheitscampus 10",
        "postcode": "44801",
        "city": "Bochum",
        "email": "rechnung@lzg.nrw.de",
        "tax_number": "306/5928/0457",
        "iban": "DE02500105170137075030",
        "bic": "INGDDEFFXXX",
        "bank_name": "Demo-Konto (kein echtes Konto)",
    },
    "SAARIS": {
        "name": "saar.is saarland.innovation&standort e. V.",
        "street": "Franz-Josef-Röder-Straße 9",
        "postcode": "66119",
        "city": "Saarbrücken",
        "email": "info@saar-is.de",
        "phone": "0681 9520-459",
        "vat_id": "DE811569869",
        "register_entry": "Amtsgericht Saarbrücken (Demo-Eintrag)",
        "iban": "DE02100100100006820101",
        "bic": "PBNKDEFF",
        "bank_name": "Demo-Konto (kein echtes Konto)",
    },
}


def seller(prefix: str) -> Seller:
    """One of the demo's invoicing bodies, by its invoice prefix (loaded by `load`)."""
    return Seller.objects.get(invoice_prefix=prefix)


def load():
    for prefix, values in SELLERS.items():
        upsert(Seller, values, invoice_prefix=prefix)


register("billing", load, position=25)
