"""Incoming delegation visits: a group from abroad visits the network's members.

Outbound trips are events of the kind "delegation or market-exploration trip" (events app):
their programme is the event's agenda, their costs the event's fee and what it includes, the
application questions the event's registration questions, and the selection the
registration's approval step. This app only shows them beside the visits (templatetags).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cooperations.models import Country
from core.templatetags.portal import country_name


class DelegationVisitQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)

    def upcoming(self):
        return self.public().filter(end_date__gte=timezone.localdate()).order_by("start_date")

    def past(self):
        return self.public().filter(end_date__lt=timezone.localdate()).order_by("-start_date")

    def in_regions(self, region_ids):
        """Visits hosted in these regions (a region page passes its own and its sub-regions)."""
        return self.public().filter(region_id__in=region_ids)

    def for_organisation(self, organisation):
        """Visits the organisation hosts, is visited in, or takes part in through a cooperation."""
        # A semi-join (`pk IN (…)`): joining the three relations made duplicates that a
        # DISTINCT over the visits' wide rows had to remove.
        involved = self.model.objects.filter(
            Q(hosts=organisation)
            | Q(visited_organisations=organisation)
            | Q(cooperations__partners=organisation)
        ).values("pk")
        return self.public().filter(pk__in=involved)


class DelegationVisit(models.Model):
    """A foreign delegation visiting the network: who comes, when, and whom it meets."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    country = models.CharField(_("country of origin"), max_length=2, choices=Country.choices)
    size = models.PositiveSmallIntegerField(
        _("number of delegates"), null=True, blank=True, help_text=_("Empty if not known.")
    )
    topics = models.CharField(
        _("topics"),
        max_length=300,
        blank=True,
        help_text=_("What the delegation is interested in."),
    )
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("host region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="delegation_visits",
        help_text=_("The visit appears on this region's page and on the pages above it."),
    )
    hosts = models.ManyToManyField(
        "members.Organisation",
        verbose_name=_("host organisations"),
        blank=True,
        related_name="hosted_delegation_visits",
    )
    visited_organisations = models.ManyToManyField(
        "members.Organisation",
        verbose_name=_("members visited"),
        blank=True,
        related_name="delegation_visits",
    )
    cooperations = models.ManyToManyField(
        "cooperations.Cooperation",
        verbose_name=_("cooperations"),
        blank=True,
        related_name="delegation_visits",
    )
    innovation_fields = models.ManyToManyField(
        "members.InnovationField",
        verbose_name=_("innovation fields"),
        blank=True,
        related_name="delegation_visits",
    )
    is_public = models.BooleanField(
        _("show publicly"),
        default=True,
        help_text=_("Untick for visits that must not be announced."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = DelegationVisitQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "title"]
        verbose_name = _("delegation visit")
        verbose_name_plural = _("delegation visits")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="delegationvisit_end_not_before_start",
                violation_error_message=_("The last day cannot lie before the first day."),
            ),
        ]
        indexes = [
            models.Index(fields=["is_public", "start_date"], name="delegationvisit_public_start"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("delegations:detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The last day cannot lie before the first day.")})

    @property
    def country_label(self) -> str:
        return country_name(self.country)

    @property
    def is_past(self) -> bool:
        return self.end_date < timezone.localdate()


class ProgrammeItem(models.Model):
    """One point of a visit's programme: when, what, where, and which member is visited."""

    visit = models.ForeignKey(
        DelegationVisit,
        verbose_name=_("delegation visit"),
        on_delete=models.CASCADE,
        related_name="programme",
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=200)
    place = models.CharField(_("place"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        "members.Organisation",
        verbose_name=_("organisation visited"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="delegation_programme_items",
    )

    class Meta:
        ordering = ["visit", "start", "pk"]
        verbose_name = _("programme item")
        verbose_name_plural = _("programme")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                name="programmeitem_end_after_start",
                violation_error_message=_("The end cannot be before the start."),
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The end cannot be before the start.")})
