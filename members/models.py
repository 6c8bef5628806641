from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


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

    class PartnerCategory(models.TextChoices):
        CLUSTER = "cluster", _("State cluster")
        STATE_AGENCY = "agency", _("State agency")
        ASSOCIATION = "association", _("Association")
        NETWORK = "network", _("Network")
        ABROAD = "abroad", _("Partner abroad")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
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
    city = models.CharField(_("city"), max_length=120, blank=True)
    country = models.CharField(_("country"), max_length=2, default="DE")
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    joined_on = models.DateField(_("member since"), null=True, blank=True)
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

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("members:detail", kwargs={"slug": self.slug})
