"""Checks of what is typed into billing details: VAT IDs, Leitweg-IDs and IBANs.

The VAT ID's format and check digits come from python-stdnum (every EU country's rules);
whether the number is registered only the VIES service can say, which a form must not call
(no external requests while a visitor waits).
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum import iban
from stdnum.eu import vat
from stdnum.exceptions import ValidationError as NumberInvalid
from stdnum.iso7064 import mod_97_10

# Coarse address (2-12 digits), optional fine address (up to 30 letters or digits), two
# check digits (ISO 7064 MOD 97-10 over the rest): the KoSIT's "Leitweg-ID" format.
LEITWEG_ID = re.compile(r"^(\d{2,12})(?:-([0-9A-Z]{1,30}))?-(\d{2})$")


def is_leitweg_id(value: str) -> bool:
    match = LEITWEG_ID.match((value or "").strip().upper())
    if not match:
        return False
    coarse, fine, check = match.groups()
    return mod_97_10.is_valid(coarse + (fine or "") + check)


def clean_vat_id(value: str) -> str:
    """The VAT ID in its compact form (DE123456789), or a ValidationError in plain words."""
    value = (value or "").strip()
    if not value:
        return ""
    try:
        return vat.validate(value)
    except NumberInvalid as error:
        raise ValidationError(
            _(
                "This is not a valid VAT ID: check the country code and the digits "
                "(for example DE123456789)."
            ),
            code="vat_id",
        ) from error


def clean_leitweg_id(value: str) -> str:
    value = (value or "").strip().upper()
    if value and not is_leitweg_id(value):
        raise ValidationError(
            _("This is not a valid Leitweg-ID (for example 04011000-1234512345-06)."),
            code="leitweg_id",
        )
    return value


def clean_iban(value: str) -> str:
    """The IBAN in its compact form (DE02120300000000202051), or a ValidationError.

    python-stdnum checks the check digits and the country's length and format.
    """
    value = (value or "").strip()
    if not value:
        return ""
    try:
        return iban.validate(value)
    except NumberInvalid as error:
        raise ValidationError(
            _(
                "This is not a valid IBAN: check the country code and the digits "
                "(for example DE02 1203 0000 0000 2020 51)."
            ),
            code="iban",
        ) from error


def compact_iban(value: str) -> str:
    """The IBAN without spaces, in capitals: how two IBANs are compared."""
    return iban.compact(value or "")
