"""Form pieces for money and billing details, shared by every form where money is due."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from .money import to_units
from .validation import clean_leitweg_id, clean_vat_id, is_leitweg_id


class MoneyInput(forms.TextInput):
    """Shows cents as an amount in the active locale's writing (245000 -> "2.450,00")."""

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "decimal", "size": 12, **(attrs or {})})

    def format_value(self, value):
        if value in (None, ""):
            return ""
        if isinstance(value, int):
            return number_format(to_units(value), decimal_pos=2, use_l10n=True, force_grouping=True)
        return value


class MoneyField(forms.Field):
    """An amount typed in euros ("2.450,00", "2450", "2,450.00"), cleaned to whole cents."""

    widget = MoneyInput
    default_error_messages = {
        "invalid": _("Enter an amount such as 2450 or 2.450,00."),
        "negative": _("An amount cannot be negative."),
        "cents": _("An amount has at most two decimal places."),
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, int):
            return value
        text = str(value).strip().replace("€", "").replace("EUR", "").replace("\xa0", "")
        text = text.replace(" ", "")
        # Whichever language the reader writes in: with both separators, the last one is the
        # decimal one; with one kind only, it is decimal when one or two digits follow it
        # ("95,5", "2450.00") and groups thousands otherwise ("2.450", "1,234").
        decimal_at = max(text.rfind(","), text.rfind("."))
        both = "," in text and "." in text
        if decimal_at != -1 and (both or len(text) - decimal_at - 1 in (1, 2)):
            units, fraction = text[:decimal_at], text[decimal_at + 1 :]
        else:
            units, fraction = text, ""
        units = units.replace(".", "").replace(",", "")
        try:
            amount = Decimal(f"{units or '0'}.{fraction or '0'}")
        except InvalidOperation:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        if not units.lstrip("-").isdigit() or (fraction and not fraction.isdigit()):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        if amount < 0:
            raise ValidationError(self.error_messages["negative"], code="negative")
        cents = amount * 100
        if cents != cents.to_integral_value():
            raise ValidationError(self.error_messages["cents"], code="cents")
        return int(cents)


class BillingDetailsChecks:
    """The checks of billing details, for the public form and the back office's forms alike:
    the country code, the VAT ID (python-stdnum) matching the country, the Leitweg-ID."""

    def clean_billing_country(self):
        country = self.cleaned_data["billing_country"].strip().upper()
        if not (len(country) == 2 and country.isalpha() and country.isascii()):
            raise ValidationError(_("Please enter the two-letter country code, e.g. DE."))
        return country

    def clean_billing_vat_id(self):
        return clean_vat_id(self.cleaned_data["billing_vat_id"])

    def clean_billing_reference(self):
        reference = self.cleaned_data["billing_reference"].strip()
        # Something shaped like a Leitweg-ID must be a valid one: a typo would send the
        # XRechnung nowhere. Anything else is the buyer's own order number.
        looks_like_leitweg = reference[:2].isdigit() and reference.count("-") >= 1
        if looks_like_leitweg and not is_leitweg_id(reference):
            return clean_leitweg_id(reference)
        return reference.upper() if is_leitweg_id(reference) else reference

    def clean(self):
        cleaned_data = super().clean()
        vat_id, country = cleaned_data.get("billing_vat_id"), cleaned_data.get("billing_country")
        if vat_id and country and country != "GR" and not vat_id.startswith(country):
            # Greece's VAT IDs start with EL; every other country's with its ISO code.
            self.add_error(
                "billing_vat_id", _("The VAT ID does not belong to the country of the address.")
            )
        return cleaned_data


class BillingDetailsForm(BillingDetailsChecks, forms.Form):
    """Whom to invoice: asked only where money is due (a paid event, a paid stand place).

    Its field names are those of billing.models.BillingAddress, so that `cleaned_data` goes
    straight onto a record with those fields, and `billing.services.Buyer.of()` reads them.
    """

    billing_organisation = forms.CharField(
        label=_("Invoice recipient (organisation)"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    billing_department = forms.CharField(label=_("Department"), max_length=200, required=False)
    billing_street = forms.CharField(
        label=_("Street and number"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "address-line1"}),
    )
    billing_postcode = forms.CharField(
        label=_("Postcode"),
        max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
    )
    billing_city = forms.CharField(
        label=_("City"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    billing_country = forms.CharField(
        label=_("Country"),
        max_length=2,
        initial="DE",
        help_text=_("Two-letter code, e.g. DE, NL, BE."),
        widget=forms.TextInput(attrs={"autocomplete": "country", "size": 2}),
    )
    billing_vat_id = forms.CharField(
        label=_("VAT ID"),
        max_length=20,
        required=False,
        help_text=_("For example DE123456789. Leave empty if your organisation has none."),
    )
    billing_reference = forms.CharField(
        label=_("Purchase order number or Leitweg-ID"),
        max_length=50,
        required=False,
        help_text=_(
            "Public bodies give their Leitweg-ID (e.g. 04011000-1234512345-06) and receive "
            "an XRechnung."
        ),
    )
    billing_email = forms.EmailField(
        label=_("E-mail address for the invoice"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
