import datetime as dt
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from billing.money import format_money
from billing.pricing import Line, Priced, VatExemption, VatRate, totals, vat_of
from billing.validation import clean_leitweg_id, clean_vat_id, is_leitweg_id


def test_amounts_are_written_as_the_readers_locale_writes_them():
    assert format_money(245000, "EUR", language="de") == "2.450,00\xa0€"
    assert format_money(245000, "EUR", language="en") == "€2,450.00"


def test_amounts_follow_the_active_language():
    with translation.override("en"):
        assert format_money(9500) == "€95.00"


@pytest.mark.parametrize(
    ("net", "rate", "vat"),
    [
        (9500, "19.00", 1805),
        (9500, "7.00", 665),
        (9500, "0.00", 0),
        (5, "19.00", 1),
        (2, "19.00", 0),
    ],
)
def test_vat_is_rounded_half_up_to_the_cent(net, rate, vat):
    assert vat_of(net, rate) == vat


def test_vat_of_the_total_is_rounded_once_per_rate_not_summed_from_rounded_lines():
    # Three lines of 0.05 EUR: each line's VAT rounds 0.95 ct up to 1 ct, the total's VAT is
    # 19 % of 0.15 EUR = 2.85 ct, rounded to 3 ct (not 3 × 1 ct).
    lines = [Line("Kaffee", 1, 5) for _ in range(3)]
    assert sum(line.vat_cents for line in lines) == 3
    result = totals(lines + [Line("Pauschale", 1, 1)])
    assert result.net_cents == 16
    assert result.vat_cents == 3  # 19 % of 16 ct = 3.04 ct
    assert result.gross_cents == 19


def test_totals_keep_each_rate_and_exemption_apart():
    result = totals(
        [
            Line("Teilnahme", 2, 9500, VatRate.STANDARD),
            Line("Tagungsband", 1, 2000, VatRate.REDUCED),
            Line("Workshop", 1, 10000, VatRate.EXEMPT, VatExemption.EDUCATIONAL_EVENT),
        ]
    )
    assert [(group.vat_rate, group.net_cents, group.vat_cents) for group in result.by_rate] == [
        ("19.00", 19000, 3610),
        ("7.00", 2000, 140),
        ("0.00", 10000, 0),
    ]
    assert result.net_cents == 31000
    assert result.vat_cents == 3750
    assert result.gross_cents == 34750


def test_an_exempt_line_must_name_its_legal_reason():
    with pytest.raises(ValueError):
        Line("Workshop", 1, 10000, VatRate.EXEMPT)


def test_leitweg_ids_are_checked_by_their_check_digits():
    assert is_leitweg_id("04011000-1234512345-06")
    assert is_leitweg_id("991-33333TEST-33")
    assert not is_leitweg_id("04011000-1234512345-07")
    assert not is_leitweg_id("PO-4711")
    with pytest.raises(ValidationError):
        clean_leitweg_id("04011000-1234512345-07")


def test_vat_ids_are_checked_for_format_and_check_digits_and_kept_compact():
    assert clean_vat_id("DE 136 695 976") == "DE136695976"
    assert clean_vat_id("") == ""
    with pytest.raises(ValidationError):
        clean_vat_id("DE136695977")


def test_members_and_early_birds_pay_their_own_prices():
    offer = SimpleNamespace(
        price_cents=12000,
        member_price_cents=9500,
        early_bird_until=dt.date(2026, 9, 30),
        early_bird_price_cents=10000,
        early_bird_member_price_cents=8000,
    )

    def price(member, day):
        return Priced.unit_price_cents(offer, member=member, on=day)

    assert price(False, dt.date(2026, 9, 30)) == 10000
    assert price(True, dt.date(2026, 9, 30)) == 8000
    assert price(False, dt.date(2026, 10, 1)) == 12000
    assert price(True, dt.date(2026, 10, 1)) == 9500


def test_a_members_price_falls_back_to_the_price_and_no_price_is_free():
    offer = SimpleNamespace(
        price_cents=12000,
        member_price_cents=None,
        early_bird_until=None,
        early_bird_price_cents=None,
        early_bird_member_price_cents=None,
    )
    assert Priced.unit_price_cents(offer, member=True, on=dt.date(2026, 1, 1)) == 12000
    offer.price_cents = None
    assert Priced.unit_price_cents(offer, member=False, on=dt.date(2026, 1, 1)) == 0
