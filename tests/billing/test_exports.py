"""Accounting exports the invoices: the list as CSV and Excel, and the invoice journal (one row
per invoice and VAT rate, totals per rate), filtered, scoped and safe for spreadsheets."""

import datetime as dt

import pytest

from billing.pricing import Line, VatExemption, VatRate
from billing.services import credit_note_issue
from tests.backoffice.test_exports import CSV, EXCEL, FORMULA, column, export, rows
from tests.factories import make_buyer, make_invoice, make_seller

pytestmark = pytest.mark.django_db

INVOICES = "/admin/billing/invoice/"


@pytest.fixture
def invoices(muensterland, saarland):
    seller = make_seller(invoice_prefix="GWMD")
    mixed = make_invoice(
        seller,
        region=muensterland,
        buyer=make_buyer(organisation=FORMULA),
        lines=[
            Line("Teilnahme", 4, 9500),  # 380.00 + 72.20
            Line("Tagungsband", 1, 2000, VatRate.REDUCED),  # 20.00 + 1.40
            Line("Workshop", 1, 5000, VatRate.EXEMPT, VatExemption.EDUCATIONAL_EVENT),
        ],
    )
    cancelled = make_invoice(seller, region=muensterland)  # 95.00 + 18.05
    credit_note = credit_note_issue(invoice=cancelled)
    foreign = make_invoice(seller, region=saarland, buyer=make_buyer(organisation="Saar AG"))
    return {"mixed": mixed, "cancelled": cancelled, "credit": credit_note, "foreign": foreign}


@pytest.mark.parametrize("file_format", [CSV, EXCEL])
def test_accounting_exports_the_filtered_invoice_list_without_formulas(
    admin_client, invoices, file_format
):
    table = rows(export(admin_client, INVOICES, file_format, "?kind__exact=invoice"))
    numbers = column(table, "Nummer")
    assert sorted(numbers) == sorted(
        invoice.number for key, invoice in invoices.items() if key != "credit"
    )
    assert f"'{FORMULA}" in column(table, "Rechnungsempfänger")
    # In the manager's writing in the CSV, a number in Excel.
    assert ("523,60" if file_format == CSV else 523.6) in column(table, "Brutto")


def test_a_regional_manager_exports_only_their_regions_invoices(regional_client, invoices):
    numbers = column(rows(export(regional_client, INVOICES, CSV)), "Nummer")
    assert invoices["foreign"].number not in numbers
    assert invoices["mixed"].number in numbers


def test_the_journal_lists_each_invoice_per_vat_rate_with_totals(regional_client, invoices):
    response = regional_client.get(f"{INVOICES}journal.csv", headers={"accept-language": "de"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    table = rows(response)
    assert table[0][:2] == ["Nummer", "Art"]
    lines = [row for row in table[1:] if row[0].startswith("GWMD")]
    mixed = [row for row in lines if row[0] == invoices["mixed"].number]
    assert [(row[7], row[8], row[9], row[10]) for row in mixed] == [
        ("19 % USt.", "380.00", "72.20", "452.20"),
        ("7 % USt.", "20.00", "1.40", "21.40"),
        (mixed[2][7], "50.00", "0.00", "50.00"),
    ]
    assert "§ 4 Nr. 22" in mixed[2][7]
    # The credit note takes back what the cancelled invoice charged.
    credit = [row for row in lines if row[0] == invoices["credit"].number]
    assert [(row[8], row[9], row[10]) for row in credit] == [("-95.00", "-18.05", "-113.05")]
    assert invoices["foreign"].number not in {row[0] for row in lines}
    totals = {row[7]: row[8:11] for row in table if row[0] == "Summe"}
    assert totals["19 % USt."] == ["380.00", "72.20", "452.20"]
    assert totals["7 % USt."] == ["20.00", "1.40", "21.40"]
    overall = next(row for row in table if row[0] == "Summe aller Steuersätze")
    assert overall[8:11] == ["450.00", "73.60", "523.60"]


def test_the_journal_in_excel_follows_the_filters_and_keeps_numbers(admin_client, invoices):
    response = admin_client.get(
        f"{INVOICES}journal.xlsx?kind__exact=invoice&status__exact=open",
        headers={"accept-language": "de"},
    )
    assert response.status_code == 200
    table = rows(response)
    numbers = {row[0] for row in table[1:] if row[0] and str(row[0]).startswith("GWMD")}
    assert numbers == {invoices["mixed"].number, invoices["foreign"].number}
    first = next(row for row in table if row[0] == invoices["mixed"].number)
    assert first[2] == dt.datetime.combine(invoices["mixed"].issue_date, dt.time())
    assert first[8] == 380
    overall = next(row for row in table if row[0] == "Summe aller Steuersätze")
    assert overall[8:11] == [545, 91.65, 636.65]
