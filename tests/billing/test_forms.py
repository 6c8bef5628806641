import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from billing.forms import BillingDetailsForm, MoneyField, MoneyInput

VALID = {
    "billing_organisation": "Universitätsklinikum des Saarlandes",
    "billing_department": "Einkauf",
    "billing_street": "Kirrberger Straße 100",
    "billing_postcode": "66421",
    "billing_city": "Homburg",
    "billing_country": "de",
    "billing_vat_id": "DE 136 695 976",
    "billing_reference": "",
    "billing_email": "rechnung@example.org",
}


@pytest.mark.parametrize(
    ("typed", "cents"),
    [
        ("2.450,00", 245000),
        ("2450", 245000),
        ("2,450.00", 245000),
        ("2.450", 245000),
        ("95,5", 9550),
        ("0", 0),
    ],
)
def test_amounts_typed_as_people_write_them_become_cents(typed, cents):
    assert MoneyField().clean(typed) == cents


@pytest.mark.parametrize("typed", ["zwei Euro", "-5", "12.345,678", "1.2.3,4x"])
def test_amounts_that_are_not_amounts_are_refused_in_plain_words(typed):
    with pytest.raises(ValidationError):
        MoneyField().clean(typed)


def test_amounts_show_in_the_admins_locale():
    with translation.override("de"):
        assert MoneyInput().format_value(245000) == "2.450,00"
    with translation.override("en"):
        assert MoneyInput().format_value(245000) == "2,450.00"


def test_good_billing_details_are_kept_in_their_compact_form():
    form = BillingDetailsForm(VALID)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["billing_vat_id"] == "DE136695976"
    assert form.cleaned_data["billing_country"] == "DE"


def test_a_wrong_vat_id_gets_a_message_in_the_visitors_language():
    with translation.override("de"):
        form = BillingDetailsForm({**VALID, "billing_vat_id": "DE136695977"})
        assert not form.is_valid()
        assert "keine gültige USt-IdNr." in str(form.errors["billing_vat_id"])


def test_a_vat_id_of_another_country_than_the_address_is_refused():
    form = BillingDetailsForm({**VALID, "billing_country": "NL"})
    assert not form.is_valid()
    assert "billing_vat_id" in form.errors


def test_a_mistyped_leitweg_id_is_refused_and_an_order_number_is_kept():
    assert not BillingDetailsForm(
        {**VALID, "billing_reference": "04011000-1234512345-07"}
    ).is_valid()
    form = BillingDetailsForm({**VALID, "billing_reference": "04011000-1234512345-06"})
    assert form.is_valid()
    form = BillingDetailsForm({**VALID, "billing_reference": "PO 4711/2026"})
    assert form.is_valid()
    assert form.cleaned_data["billing_reference"] == "PO 4711/2026"
