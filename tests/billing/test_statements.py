import datetime as dt
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from billing.models import Invoice, Payment
from billing.pricing import Line
from billing.services import payment_record
from billing.statements import Outcome, StatementError, book, invoice_numbers, match, parse
from tests.factories import make_invoice, make_seller

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).parent / "data" / "camt053_sample.xml"
IMPORT = "/admin/billing/kontoauszug/"
BOOK = "/admin/billing/kontoauszug/buchen/"
ISSUED = dt.date(2026, 11, 20)


@pytest.fixture
def invoices():
    """The three invoices the sample statement pays: 119,00 €, 238,00 € and 59,50 €."""
    seller = make_seller(invoice_prefix="GWMD")
    return [
        make_invoice(seller, lines=[Line("Teilnahme", 1, net)], today=ISSUED)
        for net in (10000, 20000, 5000)
    ]


@pytest.fixture
def manager(client):
    user = get_user_model().objects.create_user(
        username="buchhaltung", password="a-long-test-password", is_staff=True
    )
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="billing", codename="add_payment")
    )
    client.force_login(user)
    return client


def upload(client, data: bytes, name="auszug.xml"):
    return client.post(IMPORT, {"statement": SimpleUploadedFile(name, data, "text/xml")})


def test_the_sample_statement_reads_as_its_booked_credits():
    entries = parse(SAMPLE.read_bytes())
    assert [(e.reference, e.amount_cents) for e in entries] == [
        ("AS-2026-1201-001", 11900),
        ("AS-2026-1201-002", 10000),
        ("AS-2026-1201-003", 1234),
        ("NTRY-0004", 5950),
        ("AS-2026-1201-001", 11900),
    ]
    first = entries[0]
    assert first.currency == "EUR"
    assert first.booked_on == first.value_on == dt.date(2026, 12, 1)
    assert first.debtor == "MedTech Beispiel GmbH"
    assert first.remittance == "RE GWMD 2026 00001 Konferenz"
    assert entries[1].remittance == "Rechnung gwmd-2026-00002 Teilzahlung"
    assert entries[3].remittance == "GWMD202600003"
    assert entries[3].booked_on == dt.date(2026, 12, 1)
    assert entries[3].value_on == dt.date(2026, 12, 2)


def test_a_newer_camt_version_reads_alike_and_an_entry_without_reference_gets_a_stable_one():
    xml = b"""<?xml version="1.0"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt><Stmt>
<Ntry><Amt Ccy="EUR">1.50</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
<BookgDt><Dt>2026-12-03</Dt></BookgDt><NtryDtls><TxDtls><RltdPties><Dbtr><Pty>
<Nm>Neue Bank Kundin</Nm></Pty></Dbtr></RltdPties></TxDtls></NtryDtls></Ntry>
</Stmt></BkToCstmrStmt></Document>"""
    (entry,) = parse(xml)
    assert (entry.amount_cents, entry.debtor, entry.paid_on) == (
        150,
        "Neue Bank Kundin",
        dt.date(2026, 12, 3),
    )
    assert entry.reference.startswith("sha256:")
    assert parse(xml)[0].reference == entry.reference


def test_invoice_numbers_are_found_however_the_payer_wrote_them(invoices):
    assert invoice_numbers("RE GWMD 2026 00042") == ["GWMD-2026-00042"]
    assert invoice_numbers("rechnung gwmd-2026-00042, gwmd2026/00043") == [
        "GWMD-2026-00042",
        "GWMD-2026-00043",
    ]
    assert invoice_numbers("XGWMD-2026-00042 und 2026-00042") == []


def test_the_statement_is_sorted_into_good_ambiguous_unknown_and_already_booked(invoices):
    proposals = match(parse(SAMPLE.read_bytes()))
    assert [p.outcome for p in proposals] == [
        Outcome.GOOD,
        Outcome.AMBIGUOUS,
        Outcome.UNKNOWN,
        Outcome.GOOD,
        Outcome.ALREADY_BOOKED,
    ]
    assert proposals[0].invoice == invoices[0]
    assert proposals[1].invoice == invoices[1]
    assert "Teilzahlung" in str(proposals[1].note)
    assert proposals[3].invoice == invoices[2]
    assert [p.selected for p in proposals] == [True, False, False, True, False]
    assert "zweimal" in str(proposals[4].note)


def test_a_number_that_is_no_invoice_leaves_the_entry_unknown(invoices):
    xml = SAMPLE.read_bytes().replace(b"Spende Sommerfest", b"RE GWMD 2026 00099")
    proposal = match(parse(xml))[2]
    assert proposal.outcome == Outcome.UNKNOWN
    assert "GWMD-2026-00099" in str(proposal.note)


def test_an_entry_booked_before_shows_as_already_booked(invoices):
    payment_record(
        invoice=invoices[0],
        amount_cents=11900,
        paid_on=dt.date(2026, 12, 1),
        source=Payment.Source.STATEMENT,
        bank_reference="AS-2026-1201-001",
    )
    proposals = match(parse(SAMPLE.read_bytes()))
    assert proposals[0].outcome == Outcome.ALREADY_BOOKED
    assert not proposals[0].selected


def test_an_amount_without_number_that_fits_several_invoices_is_ambiguous(invoices):
    seller = invoices[0].seller
    make_invoice(seller, lines=[Line("Teilnahme", 1, 10000)], today=ISSUED)
    xml = SAMPLE.read_bytes().replace(b"RE GWMD 2026 00001 Konferenz", b"Konferenz")
    proposal = match(parse(xml))[0]
    assert proposal.outcome == Outcome.AMBIGUOUS
    assert len(proposal.candidates) == 2
    assert not proposal.selected


def test_the_manager_sees_a_preview_that_writes_nothing(manager, invoices):
    response = manager.get(IMPORT)
    assert response.status_code == 200
    assert 'accept=".xml' in response.text
    before = Payment.objects.count()
    response = upload(manager, SAMPLE.read_bytes())
    assert response.status_code == 200
    page = response.text
    assert "<caption" in page and 'scope="col"' in page
    assert "119,00\xa0€" in page
    assert "Zahlungen buchen" in page
    assert "GWMD-2026-00001" in page
    assert Payment.objects.count() == before
    assert {i.status for i in Invoice.objects.all()} == {Invoice.Status.OPEN}


def _preview_payload(client):
    response = upload(client, SAMPLE.read_bytes())
    return response.context["payload"]


def test_booking_the_selected_entries_pays_the_invoices(manager, invoices):
    payload = _preview_payload(manager)
    response = manager.post(
        BOOK,
        {
            "payload": payload,
            "entry": ["0", "1", "3"],
            "invoice-0": "GWMD-2026-00001",
            "invoice-1": "GWMD-2026-00002",
            "invoice-3": "GWMD-2026-00003",
        },
        follow=True,
    )
    assert response.status_code == 200
    assert "3 Zahlung(en) gebucht." in response.text
    for invoice in invoices:
        invoice.refresh_from_db()
    assert [i.status for i in invoices] == [
        Invoice.Status.PAID,
        Invoice.Status.PARTLY_PAID,
        Invoice.Status.PAID,
    ]
    payment = Payment.objects.get(bank_reference="AS-2026-1201-001")
    assert payment.source == Payment.Source.STATEMENT
    assert payment.payer == "MedTech Beispiel GmbH"
    assert payment.recorded_by.username == "buchhaltung"


def test_importing_the_same_statement_twice_books_nothing_twice(manager, invoices):
    entries = parse(SAMPLE.read_bytes())
    first = book(entries, {0: "GWMD-2026-00001", 3: "GWMD-2026-00003", 4: "GWMD-2026-00001"})
    assert (first.booked, first.skipped) == (2, 1)
    again = book(entries, {0: "GWMD-2026-00001", 3: "GWMD-2026-00003"})
    assert (again.booked, again.skipped) == (0, 2)
    assert Payment.objects.count() == 2

    payload = _preview_payload(manager)
    response = manager.post(BOOK, {"payload": payload, "entry": ["0"]}, follow=True)
    assert "übersprungen" in response.text
    assert Payment.objects.count() == 2


def test_a_changed_preview_is_refused(manager, invoices):
    payload = _preview_payload(manager)
    response = manager.post(BOOK, {"payload": payload + "x", "entry": ["0"]}, follow=True)
    assert response.status_code == 200
    assert "erneut hoch" in response.text
    assert not Payment.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        b"this is not xml",
        b"<?xml version='1.0'?><Document xmlns='urn:iso:std:iso:20022:tech:xsd:pain.001.001.03'/>",
        b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">&lol3;</Document>""",
        b"""<?xml version="1.0"?>
<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">&xxe;</Document>""",
    ],
    ids=["not-xml", "other-format", "billion-laughs", "external-entity"],
)
def test_a_file_that_is_no_statement_gets_a_clear_message(manager, data):
    with pytest.raises(StatementError):
        parse(data)
    response = upload(manager, data)
    assert response.status_code == 200
    assert "errorlist" in response.text
    assert any(
        text in response.text
        for text in ("kein lesbares XML", "kein CAMT.053", "Dokumenttyp", "Kontoauszug")
    )
    assert "root:" not in response.text
    assert not Payment.objects.exists()


def test_a_too_large_file_is_refused(manager):
    data = b"<x>" + b" " * (5 * 1024 * 1024) + b"</x>"
    with pytest.raises(StatementError) as refused:
        parse(data)
    assert "größer als 5" in str(refused.value.message)
    # The request itself may already be refused as too large (413): never a 500.
    assert upload(manager, data).status_code in (200, 413)
    assert not Payment.objects.exists()


def test_staff_without_the_payment_permission_gets_403(client, invoices):
    user = get_user_model().objects.create_user(
        username="redaktion", password="a-long-test-password", is_staff=True
    )
    client.force_login(user)
    assert client.get(IMPORT).status_code == 403
    assert client.post(BOOK, {"payload": "x", "entry": ["0"]}).status_code == 403
    assert not Payment.objects.exists()


def test_the_import_has_its_own_address_before_the_admin():
    assert reverse("billing_admin:statement_import") == IMPORT
    assert reverse("billing_admin:statement_book") == BOOK


# A regional manager's statement: their regions' invoices only ----------------------------------


def _regional_invoices(own_region, other_region):
    """GWMD-2026-00001 (119,00 €) in the manager's region; -00002 and -00003 elsewhere."""
    seller = make_seller(invoice_prefix="GWMD")
    return [
        make_invoice(seller, lines=[Line("Teilnahme", 1, net)], today=ISSUED, region=region)
        for net, region in ((10000, own_region), (20000, other_region), (5000, other_region))
    ]


def test_a_regional_manager_matches_and_books_only_invoices_of_their_regions(
    regional_client, muensterland, saarland
):
    own, foreign, foreign_exact = _regional_invoices(muensterland, saarland)
    response = upload(regional_client, SAMPLE.read_bytes())
    assert response.status_code == 200
    proposals = [row["proposal"] for row in response.context["rows"]]
    assert [p.outcome for p in proposals] == [
        Outcome.GOOD,
        Outcome.UNKNOWN,  # names -00002, of another region
        Outcome.UNKNOWN,
        Outcome.UNKNOWN,  # names -00003 and pays it exactly, but it is another region's
        Outcome.ALREADY_BOOKED,
    ]
    assert proposals[0].invoice == own
    offered = {p.invoice for p in proposals} | {c for p in proposals for c in p.candidates}
    assert offered == {own, None}

    # Even a forged choice books nothing outside the manager's regions.
    response = regional_client.post(
        BOOK,
        {
            "payload": response.context["payload"],
            "entry": ["0", "1", "3"],
            "invoice-0": own.number,
            "invoice-1": foreign.number,
            "invoice-3": foreign_exact.number,
        },
        follow=True,
    )
    assert "1 Zahlung(en) gebucht." in response.text
    assert list(Payment.objects.values_list("invoice", flat=True)) == [own.pk]
    foreign_exact.refresh_from_db()
    assert foreign_exact.status == Invoice.Status.OPEN


def test_a_superuser_matches_the_invoices_of_every_region(admin_client, muensterland, saarland):
    own, foreign, foreign_exact = _regional_invoices(muensterland, saarland)
    response = upload(admin_client, SAMPLE.read_bytes())
    proposals = [row["proposal"] for row in response.context["rows"]]
    assert [p.outcome for p in proposals][:4] == [
        Outcome.GOOD,
        Outcome.AMBIGUOUS,
        Outcome.UNKNOWN,
        Outcome.GOOD,
    ]
    assert (proposals[1].invoice, proposals[3].invoice) == (foreign, foreign_exact)


# A batch entry: several transfers booked as one credit ---------------------------------------

BATCH = b"""<?xml version="1.0"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt><Stmt>
<Acct><Id><IBAN>DE02 1203 0000 0000 2020 51</IBAN></Id></Acct>
<Ntry><Amt Ccy="EUR">178.50</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
<BookgDt><Dt>2026-12-03</Dt></BookgDt><AcctSvcrRef>SAMMLER-77</AcctSvcrRef>
<NtryDtls>
<TxDtls><Refs><EndToEndId>E2E-MEDTECH</EndToEndId></Refs><Amt Ccy="EUR">119.00</Amt>
<CdtDbtInd>CRDT</CdtDbtInd><RltdPties><Dbtr><Pty><Nm>MedTech Beispiel GmbH</Nm></Pty></Dbtr>
</RltdPties><RmtInf><Ustrd>GWMD-2026-00001</Ustrd></RmtInf></TxDtls>
<TxDtls><Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs><Amt Ccy="EUR">59.50</Amt>
<CdtDbtInd>CRDT</CdtDbtInd><RltdPties><Dbtr><Pty><Nm>Pflegedienst Sonnenschein</Nm></Pty>
</Dbtr></RltdPties><RmtInf><Ustrd>GWMD-2026-00003</Ustrd></RmtInf></TxDtls>
</NtryDtls></Ntry>
</Stmt></BkToCstmrStmt></Document>"""

# camt.053.001.02 has no TxDtls/Amt: the transfer's amount is AmtDtls/TxAmt/Amt.
BATCH_02 = b"""<?xml version="1.0"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt>
<Acct><Id><IBAN>DE02120300000000202051</IBAN></Id></Acct>
<Ntry><Amt Ccy="EUR">219.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
<BookgDt><Dt>2026-12-04</Dt></BookgDt>
<NtryDtls>
<TxDtls><AmtDtls><TxAmt><Amt Ccy="EUR">119.00</Amt></TxAmt></AmtDtls>
<RmtInf><Ustrd>GWMD-2026-00001</Ustrd></RmtInf></TxDtls>
<TxDtls><AmtDtls><TxAmt><Amt Ccy="EUR">100.00</Amt></TxAmt></AmtDtls>
<RmtInf><Ustrd>GWMD-2026-00002</Ustrd></RmtInf></TxDtls>
</NtryDtls></Ntry>
</Stmt></BkToCstmrStmt></Document>"""


def test_each_transfer_of_a_batch_entry_is_matched_and_booked_once(manager, invoices):
    entries = parse(BATCH)
    assert [(e.reference, e.amount_cents, e.debtor, e.remittance) for e in entries] == [
        ("SAMMLER-77/E2E-MEDTECH", 11900, "MedTech Beispiel GmbH", "GWMD-2026-00001"),
        ("SAMMLER-77/#2", 5950, "Pflegedienst Sonnenschein", "GWMD-2026-00003"),
    ]
    proposals = match(entries)
    assert [(p.outcome, p.invoice) for p in proposals] == [
        (Outcome.GOOD, invoices[0]),
        (Outcome.GOOD, invoices[2]),
    ]

    response = upload(manager, BATCH)
    data = {"payload": response.context["payload"], "entry": ["0", "1"]}
    data.update({f"invoice-{i}": p.invoice.number for i, p in enumerate(proposals)})
    assert "2 Zahlung(en) gebucht." in manager.post(BOOK, data, follow=True).text
    assert "übersprungen" in manager.post(BOOK, data, follow=True).text
    assert sorted(Payment.objects.values_list("bank_reference", "amount_cents")) == [
        ("SAMMLER-77/#2", 5950),
        ("SAMMLER-77/E2E-MEDTECH", 11900),
    ]
    again = [row["proposal"].outcome for row in upload(manager, BATCH).context["rows"]]
    assert again == [Outcome.ALREADY_BOOKED, Outcome.ALREADY_BOOKED]


def test_a_batch_in_the_oldest_camt_version_reads_its_transfers_amounts(invoices):
    entries = parse(BATCH_02)
    assert [e.amount_cents for e in entries] == [11900, 10000]
    assert len({e.reference for e in entries}) == 2
    assert all(e.reference.startswith("sha256:") for e in entries)
    assert [e.reference for e in parse(BATCH_02)] == [e.reference for e in entries]
    result = book(entries, {0: "GWMD-2026-00001", 1: "GWMD-2026-00002"})
    assert (result.booked, result.skipped) == (2, 0)
    invoices[1].refresh_from_db()
    assert invoices[1].status == Invoice.Status.PARTLY_PAID


# The statement's account must be an invoicing body's ------------------------------------------

OTHER_IBAN = b"DE89370400440532013000"


def test_a_statement_of_an_unknown_account_is_shown_but_books_nothing(manager, invoices):
    xml = SAMPLE.read_bytes().replace(b"DE02120300000000202051", OTHER_IBAN)
    response = upload(manager, xml)
    assert response.status_code == 200
    page = response.text
    assert "Dieser Kontoauszug gehört zu einem unbekannten Konto" in page
    assert "DE89370400440532013000 ist das Konto keines Rechnungsstellers" in page
    assert 'value="Zahlungen buchen"' not in page
    assert 'name="entry"' not in page
    rows = response.context["rows"]
    assert {row["proposal"].outcome for row in rows} == {Outcome.UNKNOWN_ACCOUNT}

    # A payload of that statement books nothing, whatever is ticked.
    response = manager.post(
        BOOK,
        {
            "payload": response.context["payload"],
            "entry": ["0", "3"],
            "invoice-0": "GWMD-2026-00001",
            "invoice-3": "GWMD-2026-00003",
        },
        follow=True,
    )
    assert "gebucht." not in response.text
    assert not Payment.objects.exists()


def test_a_statement_of_another_bodys_account_pays_none_of_this_bodys_invoices(invoices):
    make_seller(invoice_prefix="LZG", iban="DE02500105170137075030")
    xml = SAMPLE.read_bytes().replace(b"DE02120300000000202051", b"DE02500105170137075030")
    proposals = match(parse(xml))
    assert [p.outcome for p in proposals][:4] == [Outcome.UNKNOWN] * 4
    assert not any(p.candidates for p in proposals)


# Reaching the import ----------------------------------------------------------------------------


def test_whoever_records_payments_finds_the_import_on_the_index_and_the_invoice_list(
    admin_client, regional_client, client, invoices
):
    for staff in (admin_client, regional_client):
        index = staff.get("/admin/")
        billing = next(a for a in index.context["app_list"] if a["app_label"] == "billing")
        assert IMPORT in [model["admin_url"] for model in billing["models"]]
        assert f'href="{IMPORT}"' in index.text
        assert "Kontoauszug importieren" in index.text
        listing = staff.get("/admin/billing/invoice/").text
        assert f'<a href="{IMPORT}">Kontoauszug importieren</a>' in listing

    reader = get_user_model().objects.create_user(
        username="lesend", password="a-long-test-password", is_staff=True
    )
    reader.user_permissions.add(
        Permission.objects.get(content_type__app_label="billing", codename="view_invoice")
    )
    client.force_login(reader)
    assert f'href="{IMPORT}"' not in client.get("/admin/").text
    assert f'href="{IMPORT}"' not in client.get("/admin/billing/invoice/").text
