import datetime as dt

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connections, models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import structured_data as schema
from legal.models import ConsentRecord

from .logos import validate_logo

FIRST_FOUNDING_YEAR = 1300
# Slugs that the directory's own pages use in either language (see members/urls.py).
RESERVED_SLUGS = frozenset({"apply", "mitglied-werden", "profile", "profil"})


class InnovationField(models.Model):
    """The network's shared taxonomy of innovation fields, reused by events and cooperations."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("innovation field")
        verbose_name_plural = _("innovation fields")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("members:list") + f"?innovation_field={self.slug}"


class Sector(models.Model):
    """A sector of the health-economy value chain."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")

    def __str__(self):
        return self.name


class OrganisationQuerySet(models.QuerySet):
    def members(self):
        return self.filter(status=Organisation.Status.MEMBER)

    def partners(self):
        return self.filter(is_partner=True)

    def member_cities(self) -> list[str]:
        """The members' distinct cities (none empty), in order: one probe of the
        `organisation_status_city` index per city (a "loose index scan"), where DISTINCT
        would read the index entry of every member (60 ms at 75,000 members)."""
        connection = connections[self.db]
        table = connection.ops.quote_name(self.model._meta.db_table)
        sql = f"""
            WITH RECURSIVE cities(city) AS (
                (SELECT city FROM {table} WHERE status = %(member)s AND city > ''
                 ORDER BY city LIMIT 1)
                UNION ALL
                SELECT (SELECT o.city FROM {table} o WHERE o.status = %(member)s
                        AND o.city > cities.city ORDER BY o.city LIMIT 1)
                FROM cities WHERE cities.city IS NOT NULL
            )
            SELECT city FROM cities WHERE city IS NOT NULL
        """  # noqa: S608 - the table name is the model's own, quoted
        with connection.cursor() as cursor:
            cursor.execute(sql, {"member": Organisation.Status.MEMBER})
            return [row[0] for row in cursor.fetchall()]

    def due_for_confirmation(self, today: dt.date | None = None):
        """Members whose profile was last confirmed (and last reminded) over a year ago."""
        today = today or timezone.localdate()
        year_ago = today - dt.timedelta(days=365)
        return (
            self.members()
            .filter(Q(last_confirmed_on__isnull=True) | Q(last_confirmed_on__lte=year_ago))
            .filter(
                Q(confirmation_reminded_on__isnull=True) | Q(confirmation_reminded_on__lte=year_ago)
            )
        )


class Organisation(models.Model):
    """Every organisation the portal knows: members, applicants, former members, partners.

    One table serves the directory, the partners, the exhibitors and the posts; the status
    and the partner flag decide where an organisation appears.
    """

    class Kind(models.TextChoices):
        INDUSTRY = "industry", _("Industry / manufacturing")
        MEDICAL_TECHNOLOGY = "medtech", _("Medical technology / medical products")
        PHARMA = "pharma", _("Pharmaceutical industry")
        OPTICS = "optics", _("Optical products")
        CLINIC = "clinic", _("Hospital / rehabilitation clinic")
        CARE_HOME = "care_home", _("Care home")
        SERVICE_PROVIDER = "services", _("Service provider")
        RESEARCH = "research", _("Research / education institution")
        ASSOCIATION = "association", _("Association / network")
        POLITICS = "politics", _("Politics / ministry")

    class Status(models.TextChoices):
        APPLICANT = "applicant", _("Applicant")
        MEMBER = "member", _("Member")
        FORMER_MEMBER = "former", _("Former member")
        NON_MEMBER = "none", _("Not a member")

    class EmployeeBand(models.TextChoices):
        MICRO = "1-9", _("1–9 employees")
        SMALL = "10-49", _("10–49 employees")
        MEDIUM = "50-249", _("50–249 employees")
        LARGE = "250-999", _("250–999 employees")
        VERY_LARGE = "1000+", _("1,000 employees or more")

    class PartnerCategory(models.TextChoices):
        CLUSTER = "cluster", _("State cluster")
        STATE_AGENCY = "agency", _("State agency")
        ASSOCIATION = "association", _("Association")
        NETWORK = "network", _("Network")
        ABROAD = "abroad", _("Partner abroad")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    legal_form = models.CharField(
        _("legal form"), max_length=60, blank=True, help_text=_("For example GmbH, e. V., AG.")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    status = models.CharField(
        _("membership status"), max_length=20, choices=Status.choices, default=Status.APPLICANT
    )
    is_partner = models.BooleanField(
        _("cooperation partner"),
        default=False,
        help_text=_("Listed among the network's partners, whether or not it is a member."),
    )
    partner_category = models.CharField(
        _("partner category"),
        max_length=20,
        choices=PartnerCategory.choices,
        blank=True,
        help_text=_("How the partners overview groups this organisation."),
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
    )
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    country = models.CharField(
        _("country"), max_length=2, default="DE", help_text=_("Two-letter ISO code, e.g. DE.")
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("public e-mail"), blank=True)
    phone = models.CharField(_("public phone"), max_length=40, blank=True)
    employee_band = models.CharField(
        _("employees"), max_length=10, choices=EmployeeBand.choices, blank=True
    )
    founded_year = models.PositiveSmallIntegerField(_("founding year"), null=True, blank=True)
    logo = models.ImageField(
        _("logo"),
        upload_to="logos/",
        blank=True,
        validators=[validate_logo],
        help_text=_("PNG, JPEG or WebP, at most 2 MB and 4000 × 4000 pixels."),
    )
    logo_thumbnail = models.ImageField(
        _("logo thumbnail"), upload_to="logos/thumbnails/", blank=True, editable=False
    )
    logo_thumbnail_large = models.ImageField(
        _("large logo thumbnail"), upload_to="logos/thumbnails/", blank=True, editable=False
    )
    joined_on = models.DateField(_("member since"), null=True, blank=True)
    last_confirmed_on = models.DateField(
        _("profile last confirmed on"),
        null=True,
        blank=True,
        help_text=_("When the organisation last confirmed or updated its profile."),
    )
    confirmation_reminded_on = models.DateField(
        _("last reminded to confirm on"), null=True, blank=True, editable=False
    )
    search_vector = SearchVectorField(_("search vector"), null=True, editable=False)
    sectors = models.ManyToManyField(
        Sector, verbose_name=_("sectors"), blank=True, related_name="organisations"
    )
    innovation_fields = models.ManyToManyField(
        InnovationField,
        verbose_name=_("innovation fields"),
        blank=True,
        related_name="organisations",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        indexes = [
            # The directory's two orders, with the primary key that ends each: a deep page
            # finds where it starts from these indexes alone (core.pagination).
            models.Index(fields=["status", "name", "id"], name="organisation_status_name"),
            models.Index(
                fields=["status", "-joined_on", "name", "id"], name="organisation_status_joined"
            ),
            models.Index(fields=["city"], name="organisation_city"),
            # The directory's city choices: an index-only scan instead of reading every row.
            models.Index(fields=["status", "city"], name="organisation_status_city"),
            # The directory filtered by region: counted from the index alone.
            models.Index(
                fields=["status", "region"], include=["id"], name="organisation_status_region"
            ),
            # The back office's list, ordered by name with the primary key as tie-breaker.
            models.Index(fields=["name", "id"], name="organisation_name_id"),
            # Every search is a search of members (directory, site search), so the two search
            # indexes hold members only: smaller, and no intersection with a status index.
            GinIndex(
                fields=["search_vector"],
                name="organisation_member_search",
                condition=Q(status="member"),
            ),
            GinIndex(
                fields=["name"],
                opclasses=["gin_trgm_ops"],
                name="organisation_member_name_trgm",
                condition=Q(status="member"),
            ),
            # The back office searches every organisation, whatever its status: the partial
            # indexes above cannot serve it.
            GinIndex(fields=["search_vector"], name="organisation_search"),
            GinIndex(fields=["name"], opclasses=["gin_trgm_ops"], name="organisation_name_trgm"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(founded_year__isnull=True)
                | Q(founded_year__gte=FIRST_FOUNDING_YEAR, founded_year__lte=2100),
                name="organisation_founded_year_plausible",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__gte=-90, latitude__lte=90, longitude__gte=-180, longitude__lte=180),
                name="organisation_coordinate_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status="member") | Q(joined_on__isnull=False),
                name="organisation_member_has_joined_on",
            ),
            models.CheckConstraint(
                condition=Q(country__regex=r"^[A-Z]{2}$"), name="organisation_country_iso"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("members:detail", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        this_year = timezone.localdate().year
        if self.founded_year is not None and not (
            FIRST_FOUNDING_YEAR <= self.founded_year <= this_year
        ):
            errors["founded_year"] = _(
                "Please enter a founding year between %(first)s and %(last)s."
            ) % {
                "first": FIRST_FOUNDING_YEAR,
                "last": this_year,
            }
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = _("Please enter both latitude and longitude, or neither.")
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = _("This address is used by the portal itself; please choose another.")
        if self.status == self.Status.MEMBER and self.joined_on is None:
            errors["joined_on"] = _("A member needs the date it joined.")
        if self.country:
            self.country = self.country.upper()
            if not (len(self.country) == 2 and self.country.isalpha()):
                errors["country"] = _("Please enter the two-letter country code, e.g. DE.")
        if errors:
            raise ValidationError(errors)

    @property
    def has_coordinate(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def address_lines(self) -> list[str]:
        place = " ".join(part for part in [self.postcode, self.city] if part)
        return [line for line in [self.street, place] if line]

    def public_page_url(self) -> str:
        """The organisation's page on the portal: a member's profile, another partner's
        partner page; "" for an organisation without a public page."""
        if self.status == self.Status.MEMBER:
            return self.get_absolute_url()
        if self.is_partner:
            return reverse("cooperations:partner", kwargs={"slug": self.slug})
        return ""

    def schema_reference(self) -> dict:
        """The organisation as another page names it (organiser, partner): schema.org
        Organization with its name, its page on the portal and its own website."""
        page = self.public_page_url()
        return schema.compact(
            {
                "@type": "Organization",
                "name": self.name,
                "url": schema.absolute_url(page) if page else "",
                "sameAs": [self.website] if self.website else [],
            }
        )

    def _schema_address(self, *, street: bool) -> dict | None:
        if not (self.city or (street and (self.street or self.postcode))):
            return None
        return schema.thing(
            "PostalAddress",
            streetAddress=self.street if street else "",
            postalCode=self.postcode if street else "",
            addressLocality=self.city,
            addressCountry=self.country,
        )

    def structured_data(self) -> dict:
        """schema.org Organization for the member profile: what the profile shows publicly.

        E-mail and phone are the organisation's public ones. Contact persons stay out, even
        those who agreed to be shown on the page: their names and personal addresses are not
        the organisation's contact points, and search engines need not index them.
        """
        band = EMPLOYEE_RANGES.get(self.employee_band)
        return schema.compact(
            {
                "@context": schema.SCHEMA,
                **self.schema_reference(),
                "description": schema.plain_text(self.description, 500),
                "logo": schema.file_url(self.logo),
                "address": self._schema_address(street=True),
                "email": self.email,
                "telephone": self.phone,
                "foundingDate": str(self.founded_year) if self.founded_year else "",
                "numberOfEmployees": (
                    schema.thing("QuantitativeValue", minValue=band[0], maxValue=band[1])
                    if band
                    else None
                ),
                "knowsAbout": [field.name for field in self.innovation_fields.all()],
                "memberOf": schema.network_organization() if self.is_member else None,
            }
        )

    def partner_structured_data(self) -> dict:
        """schema.org Organization for the partner page, which shows less than a profile."""
        return schema.compact(
            {
                "@context": schema.SCHEMA,
                **self.schema_reference(),
                "description": schema.plain_text(self.description, 500),
                "address": self._schema_address(street=False),
                "memberOf": schema.network_organization() if self.is_member else None,
            }
        )

    @property
    def is_member(self) -> bool:
        return self.status == self.Status.MEMBER


# Employees of each band as (at least, at most) for schema.org numberOfEmployees.
EMPLOYEE_RANGES = {
    Organisation.EmployeeBand.MICRO: (1, 9),
    Organisation.EmployeeBand.SMALL: (10, 49),
    Organisation.EmployeeBand.MEDIUM: (50, 249),
    Organisation.EmployeeBand.LARGE: (250, 999),
    Organisation.EmployeeBand.VERY_LARGE: (1000, None),
}


class ContactPerson(models.Model):
    """Someone to talk to at an organisation; shown publicly only with their agreement."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="contact_persons",
    )
    name = models.CharField(_("name"), max_length=120)
    role = models.CharField(_("role"), max_length=120, blank=True)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    is_public = models.BooleanField(
        _("show publicly"),
        default=False,
        help_text=_("The person agreed to be shown on the public profile."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["organisation", "position", "name"]
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        constraints = [
            models.UniqueConstraint(
                "organisation",
                models.functions.Lower("email"),
                name="contactperson_unique_email_per_organisation",
            ),
        ]
        indexes = [models.Index(models.functions.Lower("email"), name="contactperson_email")]

    def __str__(self):
        return self.name

    def clean(self):
        if self.email:
            self.email = self.email.strip()
            clash = ContactPerson.objects.filter(
                organisation_id=self.organisation_id, email__iexact=self.email
            ).exclude(pk=self.pk)
            if self.organisation_id and clash.exists():
                raise ValidationError(
                    {"email": _("This organisation already has a contact person with this e-mail.")}
                )


class Decision(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")


def _decision_constraints(prefix: str) -> list:
    return [
        models.CheckConstraint(
            condition=Q(decision=Decision.PENDING, decided_at__isnull=True)
            | (~Q(decision=Decision.PENDING) & Q(decided_at__isnull=False)),
            name=f"{prefix}_decided_at_matches_decision",
        ),
    ]


class MembershipApplication(ConsentRecord):
    """An organisation's application to join the network, reviewed by the cluster managers."""

    organisation = models.OneToOneField(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="application",
    )
    contact = models.ForeignKey(
        ContactPerson,
        verbose_name=_("contact person"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    message = models.TextField(_("message"), blank=True)
    language = models.CharField(_("language"), max_length=8, default="de")
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    decision = models.CharField(
        _("decision"), max_length=10, choices=Decision.choices, default=Decision.PENDING
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("membership application")
        verbose_name_plural = _("membership applications")
        constraints = _decision_constraints("membershipapplication")
        indexes = [models.Index(fields=["decision", "-submitted_at"], name="application_open")]

    def __str__(self):
        return str(self.organisation)


class AccessLink(ConsentRecord):
    """A password-less one-time link mailed to a contact person of an organisation.

    The token names this row; using the link sets `used_at`, which changes the token state,
    so a second use says "already used". Other flows reuse it with their own `purpose`.
    """

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="access_links",
    )
    email = models.EmailField(_("e-mail"))
    purpose = models.CharField(_("purpose"), max_length=40)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("access link")
        verbose_name_plural = _("access links")

    def __str__(self):
        return f"{self.organisation} · {self.purpose} · {self.email}"

    @property
    def state(self) -> str:
        return "used" if self.used_at else "open"


class ProfileChangeRequest(ConsentRecord):
    """Changes a member proposed to its profile; public only once a manager approves them."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="change_requests",
    )
    submitted_by = models.EmailField(_("submitted by"))
    proposed = models.JSONField(_("proposed values"), default=dict)
    previous = models.JSONField(
        _("values before approval"),
        default=dict,
        blank=True,
        help_text=_("Kept on approval, so that the change stays visible afterwards."),
    )
    logo = models.ImageField(
        _("proposed logo"),
        upload_to="logos/proposed/",
        blank=True,
        validators=[validate_logo],
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    decision = models.CharField(
        _("decision"), max_length=10, choices=Decision.choices, default=Decision.PENDING
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("profile change request")
        verbose_name_plural = _("profile change requests")
        constraints = _decision_constraints("profilechangerequest")
        indexes = [models.Index(fields=["decision", "-submitted_at"], name="change_request_open")]

    def __str__(self):
        return _("Changes to %(organisation)s") % {"organisation": self.organisation}


class ContactMessage(ConsentRecord):
    """A visitor's message to a member, sent through the form on its profile.

    The recipient's address never reaches the visitor: the form names the organisation and its
    public contact persons, the portal sends the message with the visitor as reply-to, and the
    visitor's copy names no address. The row is the network's record for its own follow-up
    (admin, "Messages to members"); its personal data is anonymised after the retention period.
    """

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="contact_messages",
    )
    contact_person = models.ForeignKey(
        ContactPerson,
        verbose_name=_("to contact person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty: to the organisation's general address."),
    )
    recipients = models.JSONField(_("sent to"), default=list, blank=True)
    via_management = models.BooleanField(
        _("via the cluster management"),
        default=False,
        help_text=_("The member had no address yet; the managers were asked to pass it on."),
    )
    sender_name = models.CharField(_("name"), max_length=120)
    sender_email = models.EmailField(_("e-mail"))
    sender_organisation = models.CharField(
        _("organisation of the sender"), max_length=200, blank=True
    )
    subject = models.CharField(_("subject"), max_length=150)
    message = models.TextField(_("message"))
    language = models.CharField(_("language"), max_length=8, default="de")
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    handled = models.BooleanField(
        _("followed up"), default=False, help_text=_("The network has looked after this contact.")
    )
    note = models.TextField(_("internal note"), blank=True)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("message to a member")
        verbose_name_plural = _("messages to members")
        indexes = [models.Index(fields=["-sent_at"], name="contactmessage_sent")]
        constraints = [
            # What a visitor typed is only kept with the consent they gave.
            models.CheckConstraint(
                condition=Q(anonymised_at__isnull=False) | Q(consented_at__isnull=False),
                name="contactmessage_has_consent",
            ),
        ]

    def __str__(self):
        return f"{self.organisation} · {self.subject}"
