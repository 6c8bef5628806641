from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core import structured_data as schema
from core.templatetags.portal import country_name
from core.textsearch import both, weighted_vector


class Country(models.TextChoices):
    """ISO 3166-1 alpha-2 codes of the countries the network's cooperations reach."""

    GERMANY = "DE", _("Germany")
    NETHERLANDS = "NL", _("Netherlands")
    BELGIUM = "BE", _("Belgium")
    LUXEMBOURG = "LU", _("Luxembourg")
    FRANCE = "FR", _("France")
    DENMARK = "DK", _("Denmark")
    AUSTRIA = "AT", _("Austria")
    SWITZERLAND = "CH", _("Switzerland")
    POLAND = "PL", _("Poland")
    ITALY = "IT", _("Italy")
    SPAIN = "ES", _("Spain")
    SWEDEN = "SE", _("Sweden")
    UNITED_KINGDOM = "GB", _("United Kingdom")
    UNITED_STATES = "US", _("United States")
    BRAZIL = "BR", _("Brazil")
    INDIA = "IN", _("India")
    CHINA = "CN", _("China")
    JAPAN = "JP", _("Japan")
    SINGAPORE = "SG", _("Singapore")
    UNITED_ARAB_EMIRATES = "AE", _("United Arab Emirates")


class FundingProgramme(models.Model):
    """A public programme that funds a cooperation (e.g. EFRE, ERP transatlantic programme)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    funder = models.CharField(
        _("funder"), max_length=200, help_text=_("Who pays, e.g. a ministry or the EU.")
    )
    url = models.URLField(_("web address"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("funding programme")
        verbose_name_plural = _("funding programmes")

    def __str__(self):
        return self.name


class CooperationQuerySet(models.QuerySet):
    def ongoing(self):
        """Without an end, or ending today or later."""
        return self.filter(Q(ended_on__isnull=True) | Q(ended_on__gte=timezone.localdate()))

    def finished(self):
        return self.filter(ended_on__lt=timezone.localdate())

    def in_country(self, code):
        return self.filter(countries__contains=[code])

    def for_organisation(self, organisation):
        """The cooperations an organisation takes part in, each once, with its roles.

        Each cooperation gets `organisation_roles`: that organisation's roles in it.
        """
        return self.filter(
            pk__in=CooperationPartner.objects.filter(organisation=organisation).values(
                "cooperation_id"
            )
        ).prefetch_related(
            Prefetch(
                "partner_roles",
                queryset=CooperationPartner.objects.filter(organisation=organisation),
                to_attr="organisation_roles",
            )
        )

    def for_event(self, event):
        """The cooperations an event came out of."""
        return self.filter(events=event)

    def with_partners(self):
        """Partners (with their organisations) fetched in one query, for lists and cards."""
        return self.prefetch_related(
            Prefetch(
                "partner_roles",
                queryset=CooperationPartner.objects.select_related("organisation"),
            )
        )


# The site search's vector of a cooperation (cooperations/search.py), which
# `cooperation_site_search` indexes.
COOPERATION_SITE_SEARCH_FIELDS = [
    *both("title", "A"),
    *both("summary", "B"),
    *both("description", "C"),
]


class Cooperation(models.Model):
    class Kind(models.TextChoices):
        CO_ORGANISED_EVENT = "co_organised", _("Co-organised congress or conference")
        JOINT_STAND = "joint_stand", _("Joint trade-fair stand")
        TRIP = "trip", _("Delegation or market-exploration trip")
        DELEGATION_RECEPTION = "reception", _("Reception of foreign delegations")
        CROSS_BORDER = "cross_border", _("Cross-border exchange")
        PARTNERSHIP = "partnership", _("Association or network partnership")
        FUNDED_PROGRAMME = "funded", _("Funded programme")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    goals = models.TextField(_("goals"), blank=True)
    description = models.TextField(_("description"), blank=True)
    outcomes = models.TextField(_("outcomes"), blank=True)
    started_on = models.DateField(
        _("start"), null=True, blank=True, help_text=_("Leave empty if the start is not known.")
    )
    ended_on = models.DateField(
        _("end"), null=True, blank=True, help_text=_("Leave empty while the cooperation goes on.")
    )
    countries = ArrayField(
        models.CharField(max_length=2, choices=Country.choices),
        verbose_name=_("countries involved"),
        default=list,
        blank=True,
    )
    funding_programme = models.ForeignKey(
        FundingProgramme,
        verbose_name=_("funding programme"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cooperations",
    )
    partners = models.ManyToManyField(
        "members.Organisation",
        verbose_name=_("partners"),
        through="CooperationPartner",
        related_name="cooperations",
        blank=True,
    )
    innovation_fields = models.ManyToManyField(
        "members.InnovationField",
        verbose_name=_("innovation fields"),
        blank=True,
        related_name="cooperations",
    )
    events = models.ManyToManyField(
        "events.Event",
        verbose_name=_("events"),
        blank=True,
        related_name="cooperations",
        help_text=_("Events that came out of this cooperation."),
    )

    # The site search's vector (core.search), computed by PostgreSQL whenever the row is
    # written: ranking many hits reads it instead of computing every hit's vector anew.
    site_search_vector = models.GeneratedField(
        expression=weighted_vector(COOPERATION_SITE_SEARCH_FIELDS),
        output_field=SearchVectorField(),
        db_persist=True,
        verbose_name=_("site search vector"),
    )

    objects = CooperationQuerySet.as_manager()

    class Meta:
        ordering = [F("started_on").desc(nulls_last=True), "title"]
        verbose_name = _("cooperation")
        verbose_name_plural = _("cooperations")
        constraints = [
            models.CheckConstraint(
                condition=Q(started_on__isnull=True)
                | Q(ended_on__isnull=True)
                | Q(ended_on__gte=F("started_on")),
                name="cooperation_end_not_before_start",
                violation_error_message=_("The end cannot lie before the start."),
            ),
            models.CheckConstraint(
                condition=Q(countries__contained_by=Country.values),
                name="cooperation_known_countries",
                violation_error_message=_("Choose countries from the list."),
            ),
        ]
        indexes = [
            models.Index(fields=["kind"], name="cooperation_kind_idx"),
            models.Index(fields=["started_on", "title"], name="cooperation_start_idx"),
            # Exactly the list's ordering (Meta.ordering): a backward scan of the index above
            # would put the cooperations without a start first.
            models.Index(
                F("started_on").desc(nulls_last=True), "title", name="cooperation_order_idx"
            ),
            models.Index(fields=["ended_on"], name="cooperation_end_idx"),
            # The site search (core.search): its vector and its misspelt titles (`%>`).
            GinIndex(fields=["site_search_vector"], name="cooperation_site_search"),
            *(
                GinIndex(
                    fields=[column], opclasses=["gin_trgm_ops"], name=f"cooperation_{column}_trgm"
                )
                for column in both("title")
            ),
            GinIndex(fields=["countries"], name="cooperation_countries_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("cooperations:detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": _("The end cannot lie before the start.")})
        if self.slug in RESERVED_SLUGS:
            raise ValidationError(
                {"slug": _("This address is taken by another page; choose another slug.")}
            )

    def structured_data(self) -> dict:
        """schema.org markup for the cooperation page: a WebPage that mentions the partner
        organisations (`partner_roles` with their organisations prefetched by the page).

        schema.org has no type for a cooperation between organisations, so the page is
        described as what it is, and the partners as the Organizations it names.
        """
        partners = {}
        for partner_role in self.partner_roles.all():
            partners.setdefault(partner_role.organisation_id, partner_role.organisation)
        return schema.compact(
            {
                "@context": schema.SCHEMA,
                "@type": "WebPage",
                "name": self.title,
                "url": schema.page_url(self),
                "description": self.summary or schema.plain_text(self.description, 300),
                "inLanguage": schema.language(),
                "mentions": [organisation.schema_reference() for organisation in partners.values()],
            }
        )

    @property
    def is_ongoing(self):
        return self.ended_on is None or self.ended_on >= timezone.localdate()

    @property
    def period(self):
        """The years, e.g. "2014–2015", "2017" or "since 2015"."""
        start = self.started_on.year if self.started_on else None
        end = self.ended_on.year if self.ended_on else None
        if start and end:
            return str(start) if start == end else f"{start}–{end}"
        if start:
            return _("since %(year)s") % {"year": start}
        if end:
            return _("until %(year)s") % {"year": end}
        return ""

    @property
    def country_names(self):
        """Translated country names; an unknown code shows as itself rather than failing."""
        return [name for _code, name in self.country_pairs]

    @property
    def country_pairs(self):
        """(code, name in the current language) for each country involved."""
        return [(code, country_name(code)) for code in self.countries]


# Slugs whose cooperation page would be hidden behind another page of the section.
RESERVED_SLUGS = {"partner", "partners"}


class CooperationPartner(models.Model):
    """One organisation in one role in a cooperation (an organisation may hold several)."""

    class Role(models.TextChoices):
        CO_ORGANISER = "co_organiser", _("Co-organiser")
        HOST = "host", _("Host")
        FUNDER = "funder", _("Funder")
        OPERATOR = "operator", _("Operator")
        MEMBER = "member", pgettext_lazy("role in a cooperation", "Member")

    cooperation = models.ForeignKey(
        Cooperation,
        verbose_name=_("cooperation"),
        on_delete=models.CASCADE,
        related_name="partner_roles",
    )
    organisation = models.ForeignKey(
        "members.Organisation",
        verbose_name=_("organisation"),
        # An organisation with cooperations on record is not deleted by accident.
        on_delete=models.PROTECT,
        related_name="cooperation_roles",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Smaller numbers are listed first.")
    )

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("partner role")
        verbose_name_plural = _("partner roles")
        constraints = [
            models.UniqueConstraint(
                fields=["cooperation", "organisation", "role"],
                name="cooperation_partner_role_unique",
                violation_error_message=_("This organisation already has this role here."),
            ),
        ]

    def __str__(self):
        return f"{self.organisation} ({self.get_role_display()})"


def organisation_page_url(organisation):
    """Where a partner's name links to: members to their directory profile, other
    partners to their partner page; "" for an organisation without a public page."""
    return organisation.public_page_url()
