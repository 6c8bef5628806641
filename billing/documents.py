"""The invoice's documents: the EN 16931 XML in CII syntax, and the PDF that carries it.

Every invoice gets a German PDF (fpdf2) with its EN 16931 XML embedded as Factur-X/ZUGFeRD,
which a buyer's accounting software reads without typing anything off. A public buyer (its
billing reference is a Leitweg-ID) gets the XRechnung variant of the same XML as well, which
the German public e-invoicing portals require.

Each XML is checked against the official Factur-X EN 16931 schema (bundled with drafthorse)
before anything is stored: a document that fails raises `InvalidDocument`, which rolls back the
invoice's transaction with it, so an invalid document is never issued.
"""

import datetime as dt
import threading
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import facturx
from django.utils import formats, translation
from drafthorse.models.accounting import ApplicableTradeTax
from drafthorse.models.document import Document
from drafthorse.models.note import IncludedNote
from drafthorse.models.party import TaxRegistration
from drafthorse.models.payment import PaymentMeans, PaymentTerms
from drafthorse.models.tradelines import LineItem
from fpdf import FPDF, FontFace
from fpdf.enums import Align, XPos, YPos
from lxml import etree

from .models import Invoice
from .money import format_money, to_units
from .pricing import Line, VatExemption, totals

EN16931 = "urn:cen.eu:en16931:2017"
XRECHNUNG = "urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0"
# XRechnung 3.0 names the business process (BT-23); Peppol's billing process is the usual one.
BILLING_PROCESS = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"
TYPE_INVOICE, TYPE_CREDIT_NOTE = "380", "381"
SEPA_CREDIT_TRANSFER = "58"
UNIT_ONE = "C62"  # UN/ECE Rec. 20: "one" (a place, a stand share)

FONTS = Path(__file__).resolve().parent.parent / "events" / "fonts"
FONT = "DejaVu"
INK = (6, 58, 77)
RULE = (10, 85, 112)


class InvalidDocument(Exception):
    """An XML that the EN 16931 schema refuses: the invoice must not be issued with it."""


@dataclass(frozen=True)
class Documents:
    pdf: bytes
    # The XRechnung for a public buyer; empty for everybody else.
    xml: bytes


def schema_path() -> Path:
    """The official Factur-X EN 16931 XSD as drafthorse ships it (CII D16B subset)."""
    import drafthorse

    return Path(drafthorse.__file__).resolve().parent / "schema" / "Factur-X_1.0.07_EN16931.xsd"


_parsed = threading.local()


def _schema() -> etree.XMLSchema:
    """The schema, parsed once per thread: parsing the XSD costs more than validating an
    invoice, and lxml's schema objects are not to be shared between threads."""
    schema = getattr(_parsed, "schema", None)
    if schema is None:
        schema = _parsed.schema = etree.XMLSchema(file=str(schema_path()))
    return schema


def validate(xml: bytes) -> None:
    """Raise InvalidDocument unless `xml` is valid against the EN 16931 CII schema."""
    schema = _schema()
    try:
        document = etree.fromstring(xml)
    except etree.XMLSyntaxError as error:
        raise InvalidDocument(str(error)) from error
    if not schema.validate(document):
        raise InvalidDocument(str(schema.error_log))


def _exemption_text(code: str) -> str:
    # The reason is printed on a German invoice, so the XML names it in German as well.
    with translation.override("de"):
        return str(VatExemption(code).label) if code else ""


def _lines(invoice: Invoice) -> list[Line]:
    return [
        Line(
            description=line.description,
            quantity=line.quantity,
            unit_net_cents=line.unit_net_cents,
            vat_rate=line.vat_rate,
            vat_exemption=line.vat_exemption,
        )
        for line in invoice.lines.all()
    ]


def _category(rate: str) -> str:
    """VAT category (UNTDID 5305): S standard rate (19 % or 7 %), E exempt."""
    return "E" if Decimal(rate) == 0 else "S"


def _party_address(party, *, street, postcode, city, country, extra=""):
    party.address.line_one = street
    if extra:
        party.address.line_two = extra
    party.address.postcode = postcode
    party.address.city_name = city
    party.address.country_id = country


def build_xml(invoice: Invoice, *, xrechnung: bool = False) -> bytes:
    """The invoice as EN 16931 CII XML (the XRechnung variant with `xrechnung`), validated."""
    seller = invoice.seller_details
    currency = invoice.currency
    doc = Document()
    doc.context.guideline_parameter.id = XRECHNUNG if xrechnung else EN16931
    if xrechnung:
        doc.context.business_parameter.id = BILLING_PROCESS

    credit_note = invoice.kind == Invoice.Kind.CREDIT_NOTE
    doc.header.id = invoice.number
    doc.header.type_code = TYPE_CREDIT_NOTE if credit_note else TYPE_INVOICE
    doc.header.issue_date_time = invoice.issue_date
    if seller.get("register_entry"):
        # BT-33, the seller's additional legal information (register court and number).
        note = IncludedNote()
        note.content = seller["register_entry"]
        note.subject_code = "REG"
        doc.header.notes.add(note)

    agreement = doc.trade.agreement
    if invoice.billing_reference:
        # BT-10: the Leitweg-ID for public buyers, otherwise the buyer's order reference.
        agreement.buyer_reference = invoice.billing_reference

    agreement.seller.name = seller["name"]
    # BG-6: XRechnung requires a contact point with name, phone and e-mail (BR-DE-5/6/7).
    agreement.seller.contact.person_name = seller.get("contact_name") or seller["name"]
    if seller.get("phone"):
        agreement.seller.contact.telephone.number = seller["phone"]
    agreement.seller.contact.email.address = seller["email"]
    _party_address(
        agreement.seller,
        street=seller["street"],
        postcode=seller["postcode"],
        city=seller["city"],
        country=seller["country"],
    )
    # BT-34: the seller's electronic address (XRechnung requires one; e-mail is scheme EM).
    agreement.seller.electronic_address.uri_ID = ("EM", seller["email"])
    if seller.get("vat_id"):
        agreement.seller.tax_registrations.add(TaxRegistration(id=("VA", seller["vat_id"])))
    if seller.get("tax_number"):
        agreement.seller.tax_registrations.add(TaxRegistration(id=("FC", seller["tax_number"])))

    buyer = agreement.buyer
    buyer.name = invoice.billing_organisation
    _party_address(
        buyer,
        street=invoice.billing_street,
        postcode=invoice.billing_postcode,
        city=invoice.billing_city,
        country=invoice.billing_country,
        extra=invoice.billing_department,
    )
    buyer.electronic_address.uri_ID = ("EM", invoice.billing_email)
    if invoice.billing_vat_id:
        buyer.tax_registrations.add(TaxRegistration(id=("VA", invoice.billing_vat_id)))

    # BT-72: the day of the conference or fair invoiced.
    doc.trade.delivery.event.occurrence = invoice.service_date

    lines = _lines(invoice)
    for position, line in enumerate(lines, start=1):
        item = LineItem()
        item.document.line_id = str(position)
        item.product.name = line.description
        item.agreement.net.amount = to_units(line.unit_net_cents)
        item.delivery.billed_quantity = (Decimal(line.quantity), UNIT_ONE)
        item.settlement.trade_tax.type_code = "VAT"
        item.settlement.trade_tax.category_code = _category(line.vat_rate)
        item.settlement.trade_tax.rate_applicable_percent = Decimal(line.vat_rate)
        item.settlement.monetary_summation.total_amount = to_units(line.net_cents)
        doc.trade.items.add(item)

    settlement = doc.trade.settlement
    settlement.payment_reference = invoice.number  # BT-83: what the buyer's transfer names
    settlement.currency_code = currency
    means = PaymentMeans()
    means.type_code = SEPA_CREDIT_TRANSFER
    means.information.add("SEPA-Überweisung")
    means.payee_account.iban = seller["iban"].replace(" ", "")
    means.payee_account.account_name = seller["name"]
    if seller.get("bic"):
        means.payee_institution.bic = seller["bic"]
    settlement.payment_means.add(means)

    sums = totals(lines)
    for breakdown in _tax_breakdown(sums.by_rate):
        settlement.trade_tax.add(breakdown)

    terms = PaymentTerms()
    terms.description = "Zahlbar ohne Abzug bis {}".format(invoice.due_date.strftime("%d.%m.%Y"))
    terms.due = invoice.due_date
    settlement.terms.add(terms)

    if credit_note:
        # BT-25/BT-26: the invoice this credit note cancels.
        settlement.invoice_referenced_document.issuer_assigned_id = invoice.corrects.number
        settlement.invoice_referenced_document.issue_date_time = invoice.corrects.issue_date

    summation = settlement.monetary_summation
    summation.line_total = to_units(sums.net_cents)
    summation.charge_total = Decimal("0.00")
    summation.allowance_total = Decimal("0.00")
    summation.tax_basis_total = to_units(sums.net_cents)
    summation.tax_total = (to_units(sums.vat_cents), currency)
    summation.grand_total = to_units(sums.gross_cents)
    summation.due_amount = to_units(sums.gross_cents)

    # Validated once, by `validate` (drafthorse would parse the XSD anew for every document).
    xml = doc.serialize(schema=None)
    validate(xml)
    return xml


def _tax_breakdown(by_rate) -> list[ApplicableTradeTax]:
    """BG-23, one per rate; EN 16931 allows one exempt breakdown only (BR-E-1), so exempt
    lines with different legal reasons share it and name all their reasons."""
    breakdowns = []
    exempt = [group for group in by_rate if _category(group.vat_rate) == "E"]
    for group in by_rate:
        if _category(group.vat_rate) == "E":
            continue
        tax = ApplicableTradeTax()
        tax.calculated_amount = to_units(group.vat_cents)
        tax.type_code = "VAT"
        tax.basis_amount = to_units(group.net_cents)
        tax.category_code = "S"
        tax.rate_applicable_percent = Decimal(group.vat_rate)
        breakdowns.append(tax)
    if exempt:
        tax = ApplicableTradeTax()
        tax.calculated_amount = Decimal("0.00")
        tax.type_code = "VAT"
        tax.exemption_reason = "; ".join(
            dict.fromkeys(_exemption_text(group.vat_exemption) for group in exempt)
        )
        tax.basis_amount = to_units(sum(group.net_cents for group in exempt))
        tax.category_code = "E"
        tax.rate_applicable_percent = Decimal("0.00")
        breakdowns.append(tax)
    return breakdowns


# --- The PDF -------------------------------------------------------------------------------


def _date(value: dt.date) -> str:
    return formats.date_format(value, "d.m.Y")


def _money(cents: int, currency: str) -> str:
    return format_money(cents, currency, language="de")


def _rate_label(rate: str) -> str:
    if Decimal(rate) == 0:
        return "frei"
    return f"{Decimal(rate).normalize():f} %".replace(".", ",")


class InvoicePDF(FPDF):
    def __init__(self, title: str):
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.add_font(FONT, "", str(FONTS / "DejaVuSans.ttf"))
        self.add_font(FONT, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
        self.set_font(FONT, size=10)
        self.set_title(title)
        self.set_lang("de")
        self.set_text_color(*INK)
        self.set_margins(20, 18, 20)
        self.set_auto_page_break(True, margin=25)

    def text_line(self, text: str, *, size: float = 10, bold: bool = False, height: float = 5):
        self.set_font(FONT, "B" if bold else "", size)
        self.multi_cell(0, height, text, align=Align.L, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font(FONT, "", 10)


def _seller_footer(seller: dict) -> list[str]:
    tax = []
    if seller.get("vat_id"):
        tax.append(f"USt-IdNr. {seller['vat_id']}")
    if seller.get("tax_number"):
        tax.append(f"Steuernummer {seller['tax_number']}")
    bank = f"IBAN {seller['iban']}"
    if seller.get("bic"):
        bank += f" · BIC {seller['bic']}"
    if seller.get("bank_name"):
        bank += f" · {seller['bank_name']}"
    rows = [" · ".join(tax), bank]
    if seller.get("register_entry"):
        rows.append(seller["register_entry"])
    return [row for row in rows if row]


def title_of(invoice: Invoice) -> str:
    kind = "Gutschrift" if invoice.kind == Invoice.Kind.CREDIT_NOTE else "Rechnung"
    return f"{kind} {invoice.number}"


def render_pdf(invoice: Invoice) -> bytes:
    """The invoice as a German A4 page (without the XML; `embed_xml` adds it)."""
    seller = invoice.seller_details
    credit_note = invoice.kind == Invoice.Kind.CREDIT_NOTE
    title = title_of(invoice)
    pdf = InvoicePDF(title)
    pdf.set_author(seller["name"])
    pdf.set_creator(seller["name"])
    pdf.add_page()

    # Sender line and header: who writes the invoice.
    pdf.text_line(seller["name"], size=13, bold=True, height=6)
    pdf.text_line(f"{seller['street']} · {seller['postcode']} {seller['city']}")
    contact = [seller["email"]] + ([seller["phone"]] if seller.get("phone") else [])
    pdf.text_line(" · ".join(contact))
    pdf.ln(10)

    # The buyer's address, as for a window envelope.
    address = [invoice.billing_organisation, invoice.billing_department, invoice.billing_street]
    address.append(f"{invoice.billing_postcode} {invoice.billing_city}")
    if invoice.billing_country != "DE":
        address.append(invoice.billing_country)
    for row in filter(None, address):
        pdf.text_line(row)
    pdf.ln(8)

    pdf.text_line(title, size=15, bold=True, height=8)
    if credit_note:
        pdf.text_line(
            f"Gutschrift zu Rechnung {invoice.corrects.number} "
            f"vom {_date(invoice.corrects.issue_date)}"
        )
    facts = [
        ("Rechnungsdatum" if not credit_note else "Datum", _date(invoice.issue_date)),
        ("Leistungsdatum", _date(invoice.service_date)),
    ]
    if invoice.billing_reference:
        label = "Leitweg-ID" if invoice.is_public_buyer else "Ihre Bestellnummer"
        facts.append((label, invoice.billing_reference))
    if invoice.billing_vat_id:
        facts.append(("Ihre USt-IdNr.", invoice.billing_vat_id))
    for label, value in facts:
        pdf.set_font(FONT, "", 10)
        pdf.cell(45, 5, label + ":")
        pdf.cell(0, 5, value, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(6)

    lines = list(invoice.lines.all())
    heading = FontFace(emphasis="BOLD", color=(255, 255, 255), fill_color=RULE)
    with pdf.table(
        col_widths=(12, 76, 16, 28, 14, 28),
        text_align=(Align.R, Align.L, Align.R, Align.R, Align.R, Align.R),
        headings_style=heading,
        line_height=5,
        borders_layout="HORIZONTAL_LINES",
    ) as table:
        row = table.row()
        for text in ("Pos.", "Beschreibung", "Menge", "Einzelpreis", "USt.", "Netto"):
            row.cell(text)
        for line in lines:
            row = table.row()
            row.cell(str(line.position))
            row.cell(line.description)
            row.cell(str(line.quantity))
            row.cell(_money(line.unit_net_cents, invoice.currency))
            row.cell(_rate_label(line.vat_rate))
            row.cell(_money(line.net_cents, invoice.currency))
    pdf.ln(4)

    sums = totals(_lines(invoice))
    rows = [("Summe netto", _money(sums.net_cents, invoice.currency), False)]
    for group in sums.by_rate:
        if Decimal(group.vat_rate) == 0:
            label = f"Umsatzsteuerfrei ({_money(group.net_cents, invoice.currency)})"
        else:
            label = (
                f"Umsatzsteuer {_rate_label(group.vat_rate)} "
                f"auf {_money(group.net_cents, invoice.currency)}"
            )
        rows.append((label, _money(group.vat_cents, invoice.currency), False))
    total_label = "Gutschriftsbetrag" if credit_note else "Rechnungsbetrag"
    rows.append((total_label, _money(sums.gross_cents, invoice.currency), True))
    for label, value, bold in rows:
        pdf.set_font(FONT, "B" if bold else "", 10)
        pdf.cell(120, 6, label, align=Align.R)
        pdf.cell(0, 6, value, align=Align.R, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, "", 10)
    pdf.ln(4)

    for code in dict.fromkeys(line.vat_exemption for line in lines if line.vat_exemption):
        pdf.text_line(_exemption_text(code) + ".")
    if any(Decimal(line.vat_rate) == 0 for line in lines):
        pdf.ln(2)

    if credit_note:
        pdf.text_line(
            "Der Betrag wird mit Ihrer Zahlung verrechnet oder Ihnen auf Ihr Konto erstattet."
        )
    else:
        pdf.text_line(
            f"Bitte überweisen Sie den Rechnungsbetrag ohne Abzug bis zum "
            f"{_date(invoice.due_date)} auf das unten genannte Konto und geben Sie als "
            f"Verwendungszweck die Rechnungsnummer {invoice.number} an."
        )
        pdf.ln(2)
        pdf.text_line(f"Kontoinhaber: {seller['name']}")
        pdf.text_line(
            f"IBAN: {seller['iban']}" + (f" · BIC: {seller['bic']}" if seller.get("bic") else "")
        )
    pdf.ln(6)

    pdf.set_draw_color(*RULE)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.ln(2)
    for row in _seller_footer(seller):
        pdf.text_line(row, size=8, height=4)
    return bytes(pdf.output())


def embed_xml(pdf: bytes, xml: bytes, *, title: str, author: str) -> bytes:
    """The PDF with its EN 16931 XML attached as Factur-X (ZUGFeRD 2) at level EN 16931."""
    return facturx.generate_from_binary(
        pdf,
        xml,
        flavor="factur-x",
        level="en16931",
        # `xml` has passed `validate` against the same EN 16931 schema just before.
        check_xsd=False,
        pdf_metadata={
            "author": author,
            "keywords": "Factur-X, Rechnung",
            "title": title,
            "subject": title,
        },
        lang="de-DE",
    )


def render(invoice: Invoice) -> Documents:
    """Both documents of an issued invoice, every XML validated; raises InvalidDocument."""
    xml = build_xml(invoice)
    pdf = embed_xml(
        render_pdf(invoice), xml, title=title_of(invoice), author=invoice.seller_details["name"]
    )
    xrechnung = build_xml(invoice, xrechnung=True) if invoice.is_public_buyer else b""
    return Documents(pdf=pdf, xml=xrechnung)


def store(invoice: Invoice) -> Invoice:
    """Render and write the documents of a freshly issued invoice, in its transaction.

    Only the two document columns are written: the database allows that once, while they
    are empty (migration 0002), so a document can never be swapped after issue.
    """
    documents = render(invoice)
    Invoice.objects.filter(pk=invoice.pk).update(
        pdf_document=documents.pdf, xml_document=documents.xml
    )
    invoice.pdf_document = documents.pdf
    invoice.xml_document = documents.xml
    return invoice
