"""The invoice's documents: the EN 16931 XML, the Factur-X PDF that carries it, the XRechnung."""

import io
from pathlib import Path

import facturx
import pytest
from lxml import etree
from pypdf import PdfReader

from billing import documents
from billing.models import Invoice
from billing.pricing import Line, VatExemption, VatRate
from billing.services import credit_note_issue
from tests.factories import make_buyer, make_invoice, make_seller

pytestmark = pytest.mark.django_db

LEITWEG_ID = "04011000-1234512345-06"
NS = {
    "rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
    "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
}
# The official EN 16931 schema as the factur-x package ships it: a second, independent copy of
# the one drafthorse validates with while building.
FACTURX_XSD = (
    Path(facturx.__file__).resolve().parent
    / "xsd_and_schematron"
    / "facturx-en16931"
    / "Factur-X_EN16931.xsd"
)


def assert_valid(xml: bytes) -> etree._Element:
    schema = etree.XMLSchema(file=str(FACTURX_XSD))
    root = etree.fromstring(xml)
    assert schema.validate(root), schema.error_log
    return root


def text(root, path: str) -> list[str]:
    return [element.text for element in root.xpath(path, namespaces=NS)]


def embedded_xml(invoice: Invoice) -> bytes:
    _filename, xml = facturx.get_xml_from_pdf(bytes(invoice.pdf_document), check_xsd=True)
    return xml


def pdf_text(invoice: Invoice) -> str:
    reader = PdfReader(io.BytesIO(bytes(invoice.pdf_document)))
    # Babel writes a no-break space before the euro sign.
    return "\n".join(page.extract_text() for page in reader.pages).replace("\xa0", " ")


def test_an_issued_invoice_carries_its_valid_en16931_xml_in_the_pdf():
    invoice = make_invoice(lines=[Line("Teilnahme Konferenz", 2, 9500)])
    invoice.refresh_from_db()

    xml = embedded_xml(invoice)
    root = assert_valid(xml)
    assert xml == documents.build_xml(invoice)
    assert text(root, "//rsm:ExchangedDocumentContext//ram:ID") == ["urn:cen.eu:en16931:2017"]
    assert text(root, "//rsm:ExchangedDocument/ram:TypeCode") == ["380"]
    assert text(root, "//rsm:ExchangedDocument/ram:ID") == [invoice.number]
    assert text(root, "//ram:SpecifiedTradeSettlementPaymentMeans/ram:TypeCode") == ["58"]
    assert text(root, "//ram:PayeePartyCreditorFinancialAccount/ram:IBANID") == [
        "DE02120300000000202051"
    ]
    assert text(root, "//ram:ApplicableHeaderTradeSettlement/ram:PaymentReference") == [
        invoice.number
    ]
    assert text(root, "//ram:GrandTotalAmount") == ["226.10"]
    # Not a public buyer: no XRechnung beside the PDF.
    assert bytes(invoice.xml_document) == b""


def test_the_pdf_reads_as_a_german_invoice():
    invoice = make_invoice(lines=[Line("Teilnahme Konferenz", 2, 9500)])
    page = pdf_text(invoice)
    assert f"Rechnung {invoice.number}" in page
    assert "MedTech Beispiel GmbH" in page
    assert "Umsatzsteuer 19 % auf 190,00 €" in page
    assert "226,10 €" in page
    assert "DE02120300000000202051" in page


def test_mixed_rates_are_broken_down_per_rate_in_xml_and_pdf():
    invoice = make_invoice(
        lines=[
            Line("Teilnahme Konferenz", 4, 9500),
            Line("Tagungsband", 1, 2000, VatRate.REDUCED),
        ]
    )
    root = assert_valid(embedded_xml(invoice))
    breakdown = root.xpath(
        "//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax", namespaces=NS
    )
    assert [
        (
            tax.findtext("ram:RateApplicablePercent", namespaces=NS),
            tax.findtext("ram:BasisAmount", namespaces=NS),
            tax.findtext("ram:CalculatedAmount", namespaces=NS),
        )
        for tax in breakdown
    ] == [("19.00", "380.00", "72.20"), ("7.00", "20.00", "1.40")]
    assert text(root, "//ram:TaxTotalAmount") == ["73.60"]
    assert "Umsatzsteuer 7 % auf 20,00 €" in pdf_text(invoice)


def test_an_exempt_line_names_its_legal_reason_in_german():
    invoice = make_invoice(
        lines=[
            Line("Fachvortrag", 1, 5000, VatRate.EXEMPT, VatExemption.EDUCATIONAL_EVENT),
            Line("Ausstellerfläche", 1, 20000),
        ]
    )
    root = assert_valid(embedded_xml(invoice))
    assert text(root, "//ram:IncludedSupplyChainTradeLineItem//ram:CategoryCode") == ["E", "S"]
    reasons = text(root, "//ram:ApplicableHeaderTradeSettlement//ram:ExemptionReason")
    assert len(reasons) == 1 and "§ 4 Nr. 22" in reasons[0]
    assert "§ 4 Nr. 22" in pdf_text(invoice)


def test_a_credit_note_is_type_381_and_refers_to_the_invoice_it_cancels():
    invoice = make_invoice()
    credit_note = credit_note_issue(invoice=invoice)
    credit_note.refresh_from_db()

    root = assert_valid(embedded_xml(credit_note))
    assert text(root, "//rsm:ExchangedDocument/ram:TypeCode") == ["381"]
    assert text(root, "//ram:InvoiceReferencedDocument/ram:IssuerAssignedID") == [invoice.number]
    assert f"Gutschrift zu Rechnung {invoice.number}" in pdf_text(credit_note)


def test_a_public_buyer_gets_an_xrechnung_with_the_leitweg_id():
    invoice = make_invoice(
        make_seller(
            phone="0341 123456",
            contact_name="Rechnungsstelle",
            register_entry="Amtsgericht Leipzig VR 1234",
        ),
        buyer=make_buyer(reference=LEITWEG_ID),
    )
    invoice.refresh_from_db()
    assert invoice.is_public_buyer

    root = assert_valid(bytes(invoice.xml_document))
    assert text(
        root, "//rsm:ExchangedDocumentContext/ram:GuidelineSpecifiedDocumentContextParameter/ram:ID"
    ) == [documents.XRECHNUNG]
    assert text(root, "//ram:BuyerReference") == [LEITWEG_ID]
    assert text(root, "//ram:SellerTradeParty/ram:DefinedTradeContact/ram:PersonName") == [
        "Rechnungsstelle"
    ]
    assert text(root, "//ram:SellerTradeParty//ram:EmailURIUniversalCommunication/ram:URIID") == [
        "rechnung@example.org"
    ]
    assert text(root, "//ram:SellerTradeParty/ram:URIUniversalCommunication/ram:URIID") == [
        "rechnung@example.org"
    ]
    assert text(root, "//rsm:ExchangedDocument/ram:IncludedNote/ram:Content") == [
        "Amtsgericht Leipzig VR 1234"
    ]
    # The PDF carries the Factur-X variant of the same invoice, also with the Leitweg-ID.
    embedded = assert_valid(embedded_xml(invoice))
    assert text(embedded, "//ram:BuyerReference") == [LEITWEG_ID]


def test_an_xml_the_schema_refuses_rolls_the_invoice_back(monkeypatch, mailoutbox):
    seller = make_seller()
    # A broken build: the VAT breakdown (BG-23, required by the schema) goes missing.
    monkeypatch.setattr(documents, "_tax_breakdown", lambda by_rate: [])
    with pytest.raises(documents.InvalidDocument):
        make_invoice(seller)
    assert not Invoice.objects.filter(seller=seller).exists()
    assert mailoutbox == []
