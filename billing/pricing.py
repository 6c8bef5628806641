"""Prices and VAT: one set of rules for events, stand places and every invoice line.

A price is net, in cents, with a VAT rate, or VAT-exempt with the legal reason that an
invoice must name. VAT is rounded half up to the cent, per line for the line's own figure
and once per rate on the sum of that rate's nets for the invoice's totals (EN 16931, BT-117),
so the total never drifts with the number of lines.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class VatRate(models.TextChoices):
    STANDARD = "19.00", _("19 % VAT")
    REDUCED = "7.00", _("7 % VAT")
    EXEMPT = "0.00", _("VAT-exempt")


class VatExemption(models.TextChoices):
    """The legal reasons an exempt price names on its invoice (EN 16931: BT-120)."""

    EDUCATIONAL_EVENT = (
        "ustg_4_22a",
        _(
            "Exempt from VAT under § 4 No. 22 (a) UStG (lectures, courses and other events of "
            "a scientific or educational nature)"
        ),
    )
    SMALL_BUSINESS = "ustg_19", _("No VAT charged: small business under § 19 UStG")
    NON_PROFIT_SERVICE = (
        "ustg_4_22b",
        _("Exempt from VAT under § 4 No. 22 (b) UStG (cultural events of non-profit bodies)"),
    )


def vat_of(net_cents: int, rate: str | Decimal) -> int:
    """VAT in cents on a net amount, rounded half up (half a cent rounds away from zero)."""
    vat = Decimal(net_cents) * Decimal(rate) / Decimal(100)
    return int(vat.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class Line:
    """One invoice line: what is sold, how many, at which net unit price and rate."""

    description: str
    quantity: int
    unit_net_cents: int
    vat_rate: str = VatRate.STANDARD
    vat_exemption: str = ""

    def __post_init__(self):
        if self.quantity < 1:
            raise ValueError("An invoice line needs a quantity of at least 1.")
        if Decimal(self.vat_rate) == 0 and not self.vat_exemption:
            raise ValueError("An exempt line must name its legal reason.")

    @property
    def net_cents(self) -> int:
        return self.quantity * self.unit_net_cents

    @property
    def vat_cents(self) -> int:
        return vat_of(self.net_cents, self.vat_rate)


@dataclass(frozen=True)
class RateTotal:
    vat_rate: str
    vat_exemption: str
    net_cents: int
    vat_cents: int


@dataclass(frozen=True)
class Totals:
    by_rate: tuple[RateTotal, ...]
    net_cents: int
    vat_cents: int

    @property
    def gross_cents(self) -> int:
        return self.net_cents + self.vat_cents


def totals(lines: Iterable[Line]) -> Totals:
    """The invoice's totals: VAT once per rate (and exemption reason) on that rate's net sum."""
    groups: dict[tuple[str, str], int] = {}
    for line in lines:
        key = (str(Decimal(line.vat_rate).quantize(Decimal("0.01"))), line.vat_exemption)
        groups[key] = groups.get(key, 0) + line.net_cents
    by_rate = tuple(
        RateTotal(rate, exemption, net, vat_of(net, rate))
        for (rate, exemption), net in sorted(
            groups.items(), key=lambda item: (Decimal(item[0][0]), item[0][1]), reverse=True
        )
    )
    return Totals(
        by_rate=by_rate,
        net_cents=sum(group.net_cents for group in by_rate),
        vat_cents=sum(group.vat_cents for group in by_rate),
    )


class Priced(models.Model):
    """The price fields of whatever is sold (an event place, a stand place).

    No price means free of charge. Members of the network may pay less, everybody pays
    less until the early-bird date, and each member organisation's first places may be free.
    The concrete model adds `price_constraints(<prefix>)` to its `Meta.constraints`.
    """

    price_cents = models.PositiveIntegerField(
        _("price (net, in cents)"),
        null=True,
        blank=True,
        help_text=_("Net price for non-members in cents (2,450.00 EUR is 245000). Empty: free."),
    )
    member_price_cents = models.PositiveIntegerField(
        _("members' price (net, in cents)"),
        null=True,
        blank=True,
        help_text=_("Net price for member organisations in cents. Empty: the same price."),
    )
    early_bird_until = models.DateField(
        _("early-bird price until"),
        null=True,
        blank=True,
        help_text=_("Registrations up to and including this day pay the early-bird prices."),
    )
    early_bird_price_cents = models.PositiveIntegerField(
        _("early-bird price (net, in cents)"), null=True, blank=True
    )
    early_bird_member_price_cents = models.PositiveIntegerField(
        _("members' early-bird price (net, in cents)"), null=True, blank=True
    )
    free_places_per_member = models.PositiveSmallIntegerField(
        _("free places per member organisation"),
        default=0,
        help_text=_("This many places of each member organisation are free of charge."),
    )
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    vat_rate = models.CharField(
        _("VAT rate"), max_length=6, choices=VatRate.choices, default=VatRate.STANDARD
    )
    vat_exemption = models.CharField(
        _("reason for the VAT exemption"),
        max_length=20,
        choices=VatExemption.choices,
        blank=True,
        help_text=_("Required for VAT-exempt prices; the invoice names it."),
    )
    seller = models.ForeignKey(
        "billing.Seller",
        verbose_name=_("invoiced by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The body that writes the invoices. Required when there is a price."),
    )

    class Meta:
        abstract = True

    @property
    def is_paid(self) -> bool:
        """Whether anybody pays at all (a price above zero for members or non-members)."""
        return bool(self.price_cents or self.member_price_cents)

    def unit_price_cents(self, *, member: bool, on: dt.date) -> int:
        """The net price of one place for a member or not, booked on the given day."""
        early = self.early_bird_until is not None and on <= self.early_bird_until
        candidates = []
        if member:
            candidates += [self.early_bird_member_price_cents if early else None]
            candidates += [self.member_price_cents]
        candidates += [self.early_bird_price_cents if early else None, self.price_cents]
        return next((cents for cents in candidates if cents is not None), 0)

    def line(self, description: str, *, quantity: int, member: bool, on: dt.date) -> Line:
        return Line(
            description=description,
            quantity=quantity,
            unit_net_cents=self.unit_price_cents(member=member, on=on),
            vat_rate=self.vat_rate,
            vat_exemption=self.vat_exemption,
        )

    def clean_price(self) -> dict:
        """Friendly messages for `price_constraints`; the concrete model's clean() raises them."""
        errors = {}
        if self.vat_rate == VatRate.EXEMPT and not self.vat_exemption:
            errors["vat_exemption"] = _("A VAT-exempt price must name the legal reason.")
        if self.vat_rate != VatRate.EXEMPT and self.vat_exemption:
            errors["vat_exemption"] = _("Only a VAT-exempt price names a reason for exemption.")
        if self.is_paid and self.seller_id is None:
            errors["seller"] = _("Choose who writes the invoices for this price.")
        if self.early_bird_until is None and (
            self.early_bird_price_cents is not None
            or self.early_bird_member_price_cents is not None
        ):
            errors["early_bird_until"] = _("An early-bird price needs its last day.")
        return errors


def price_constraints(prefix: str) -> list[models.BaseConstraint]:
    """The database's side of `Priced.clean_price()`, named after the concrete model."""
    paid = Q(price_cents__gt=0) | Q(member_price_cents__gt=0)
    return [
        models.CheckConstraint(
            condition=(Q(vat_rate=VatRate.EXEMPT) & ~Q(vat_exemption=""))
            | (~Q(vat_rate=VatRate.EXEMPT) & Q(vat_exemption="")),
            name=f"{prefix}_vat_exemption_named_iff_exempt",
        ),
        models.CheckConstraint(
            condition=~paid | Q(seller__isnull=False),
            name=f"{prefix}_paid_price_has_seller",
        ),
        models.CheckConstraint(
            condition=Q(early_bird_until__isnull=False)
            | (
                Q(early_bird_price_cents__isnull=True)
                & Q(early_bird_member_price_cents__isnull=True)
            ),
            name=f"{prefix}_early_bird_price_has_date",
        ),
    ]
