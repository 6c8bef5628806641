"""Joint trade-fair stands of the network and the member organisations' applications to
co-exhibit on them."""

import datetime as dt

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from billing.models import BillingAddress
from billing.pricing import Priced, price_constraints
from core.allocation import places_left
from events.models import Event
from legal.models import ConsentRecord


class JointStandQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True, event__is_published=True)

    def upcoming(self):
        return self.published().filter(event__end__gte=timezone.now()).order_by("event__start")

    def past(self):
        return self.published().filter(event__end__lt=timezone.now()).order_by("-event__start")

    def open_for_applications(self):
        """Stands whose application deadline has not passed and whose fair has not begun."""
        return self.published().filter(
            application_deadline__gte=timezone.localdate(), event__start__gt=timezone.now()
        )

    def with_places_taken(self):
        """Annotate `places_taken` (the places of accepted applications) in the same query."""
        return self.annotate(
            places_taken=models.functions.Coalesce(
                models.Sum(
                    "applications__places_needed",
                    filter=Q(applications__status=CoExhibitorApplication.Status.ACCEPTED),
                ),
                0,
            )
        )

    def for_organisation(self, organisation):
        """Stands the organisation exhibited (or exhibits) on as an accepted co-exhibitor."""
        accepted = CoExhibitorApplication.objects.filter(
            organisation=organisation, status=CoExhibitorApplication.Status.ACCEPTED
        ).values("stand_id")
        return self.filter(pk__in=accepted)


class JointStand(Priced):
    """The network's joint stand at a trade fair, on which member organisations co-exhibit.

    The price fields (`billing.pricing.Priced`) are the price of one place, net, in cents.
    """

    class Service(models.TextChoices):
        FURNITURE = "furniture", _("Furniture and counter")
        POWER = "power", _("Power supply")
        INTERNET = "internet", _("Internet access")
        CATERING = "catering", _("Catering and drinks")
        STORAGE = "storage", _("Storage room")
        CATALOGUE = "catalogue", _("Listing in the fair catalogue")
        MEETING_AREA = "meeting", _("Shared meeting area")

    event = models.OneToOneField(
        Event,
        verbose_name=_("trade fair"),
        on_delete=models.CASCADE,
        related_name="joint_stand",
        limit_choices_to={"kind": Event.Kind.TRADE_FAIR},
    )
    title = models.CharField(_("title"), max_length=200)
    hall = models.CharField(_("hall"), max_length=40, blank=True)
    stand_number = models.CharField(_("stand number"), max_length=40, blank=True)
    total_area = models.DecimalField(
        _("total area (m²)"), max_digits=7, decimal_places=1, null=True, blank=True
    )
    places = models.PositiveSmallIntegerField(
        _("co-exhibitor places"),
        help_text=_("How many counters or modules co-exhibitors can take."),
    )
    place_size = models.DecimalField(
        _("size of a place (m²)"), max_digits=6, decimal_places=1, null=True, blank=True
    )
    application_deadline = models.DateField(
        _("application deadline"),
        null=True,
        blank=True,
        help_text=_("Last day on which members can apply. Empty: no applications online."),
    )
    services = ArrayField(
        models.CharField(max_length=20, choices=Service.choices),
        verbose_name=_("the stand provides"),
        default=list,
        blank=True,
    )
    description = models.TextField(_("description"), blank=True)
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible manager"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="joint_stands",
    )
    is_published = models.BooleanField(_("published"), default=True)

    objects = JointStandQuerySet.as_manager()

    class Meta:
        ordering = ["event__start"]
        verbose_name = _("joint stand")
        verbose_name_plural = _("joint stands")
        constraints = [
            models.CheckConstraint(condition=Q(places__gte=1), name="jointstand_places_positive"),
            models.CheckConstraint(
                condition=Q(total_area__isnull=True) | Q(total_area__gt=0),
                name="jointstand_area_positive",
            ),
            models.CheckConstraint(
                condition=Q(place_size__isnull=True) | Q(place_size__gt=0),
                name="jointstand_place_size_positive",
            ),
            *price_constraints("jointstand"),
        ]
        indexes = [models.Index(fields=["is_published", "event"], name="jointstand_published")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return self.event.get_absolute_url() + "#joint-stand"

    def clean(self):
        errors = self.clean_price()
        if self.event_id and self.event.kind != Event.Kind.TRADE_FAIR:
            errors["event"] = _("A joint stand belongs to a trade-fair event.")
        area_needed = (self.place_size or 0) * (self.places or 0)
        if self.total_area and area_needed > self.total_area:
            errors["places"] = _("The places together are larger than the stand's total area.")
        fair_begins = timezone.localtime(self.event.start).date() if self.event_id else None
        if self.application_deadline and fair_begins and self.application_deadline > fair_begins:
            errors["application_deadline"] = _(
                "The application deadline cannot be after the fair has begun."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def service_names(self) -> list[str]:
        names = dict(self.Service.choices)
        return [str(names.get(code, code)) for code in self.services]

    def get_places_taken(self) -> int:
        taken = getattr(self, "places_taken", None)
        if taken is None:
            taken = (
                self.applications.filter(status=CoExhibitorApplication.Status.ACCEPTED).aggregate(
                    total=models.Sum("places_needed")
                )["total"]
                or 0
            )
        return taken

    @property
    def places_left(self) -> int:
        return places_left(self.places, self.get_places_taken())

    def accepts_applications(self, today: dt.date | None = None) -> bool:
        """Open while the deadline has not passed and the fair has not begun."""
        today = today or timezone.localdate()
        return (
            self.is_published
            and self.application_deadline is not None
            and today <= self.application_deadline
            and self.event.start > timezone.now()
        )


class CoExhibitorApplicationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status__in=CoExhibitorApplication.ACTIVE)

    def accepted(self):
        return self.filter(status=CoExhibitorApplication.Status.ACCEPTED)


class CoExhibitorApplication(ConsentRecord):
    """A member organisation's application for places on a joint stand."""

    class Status(models.TextChoices):
        APPLIED = "applied", _("Applied")
        ACCEPTED = "accepted", _("Accepted")
        WAITING = "waiting", _("On the waiting list")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    # An organisation has at most one application in these states per stand.
    ACTIVE = [Status.APPLIED, Status.ACCEPTED, Status.WAITING]

    stand = models.ForeignKey(
        JointStand,
        verbose_name=_("joint stand"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    organisation = models.ForeignKey(
        "members.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="stand_applications",
    )
    contact_person = models.ForeignKey(
        "members.ContactPerson",
        verbose_name=_("contact person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stand_applications",
    )
    contact_name = models.CharField(_("name of the contact person"), max_length=120)
    contact_email = models.EmailField(_("contact e-mail"))
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    products = models.TextField(
        _("products and services shown"),
        help_text=_("What the organisation will present; used for the fair catalogue."),
    )
    places_needed = models.PositiveSmallIntegerField(_("places needed"), default=1)
    remarks = models.TextField(_("remarks"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.APPLIED
    )
    language = models.CharField(
        _("language"), max_length=5, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    created_at = models.DateTimeField(_("applied at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = CoExhibitorApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["stand", "created_at", "pk"]
        verbose_name = _("co-exhibitor application")
        verbose_name_plural = _("co-exhibitor applications")
        constraints = [
            models.UniqueConstraint(
                fields=["stand", "organisation"],
                condition=Q(status__in=["applied", "accepted", "waiting"]),
                name="coexhibitor_one_active_per_organisation",
                violation_error_message=_(
                    "This organisation has already applied for this joint stand."
                ),
            ),
            models.CheckConstraint(
                condition=Q(places_needed__gte=1), name="coexhibitor_places_needed_positive"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["applied", "accepted", "waiting", "declined", "withdrawn"]),
                name="coexhibitor_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(contact_email=""), name="coexhibitor_contact_email_given"
            ),
        ]
        indexes = [
            models.Index(fields=["stand", "status"], name="coexhibitor_stand_status"),
            models.Index(fields=["organisation", "status"], name="coexhibitor_org_status"),
        ]

    def __str__(self):
        return f"{self.organisation} – {self.stand}"

    def clean(self):
        errors = {}
        if (
            self.contact_person_id
            and self.organisation_id
            and self.contact_person.organisation_id != self.organisation_id
        ):
            errors["contact_person"] = _("The contact person works for another organisation.")
        if self.places_needed is not None and self.places_needed < 1:
            errors["places_needed"] = _("At least one place is needed.")
        if self.stand_id and self.places_needed and self.places_needed > self.stand.places:
            errors["places_needed"] = _("The stand has only %(places)s places.") % {
                "places": self.stand.places
            }
        if errors:
            raise ValidationError(errors)

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE


class CoExhibitorBilling(BillingAddress):
    """Whom to invoice for an application's places: given only for a paid stand.

    A record of its own rather than columns on the application: its fields stay required as
    an invoice needs them, applications for free stands carry no empty billing columns, the
    application's audit history does not copy them, and the retention purge can delete the
    record as a whole (the invoice keeps its own frozen copy for the ten years it must).
    """

    application = models.OneToOneField(
        CoExhibitorApplication,
        verbose_name=_("co-exhibitor application"),
        on_delete=models.CASCADE,
        related_name="billing",
    )

    class Meta:
        verbose_name = _("billing details")
        verbose_name_plural = _("billing details")
        constraints = [
            models.CheckConstraint(
                condition=Q(billing_country__regex=r"^[A-Z]{2}$"),
                name="coexhibitorbilling_country_iso",
            ),
        ]

    def __str__(self):
        return self.billing_organisation
