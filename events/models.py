from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EventQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def upcoming(self):
        return self.published().filter(end__gte=timezone.now()).order_by("start")

    def past(self):
        return self.published().filter(end__lt=timezone.now()).order_by("-start")


class Event(models.Model):
    class Kind(models.TextChoices):
        CONGRESS = "congress", _("Congress")
        CONFERENCE = "conference", _("Conference")
        SYMPOSIUM = "symposium", _("Symposium")
        WORKSHOP = "workshop", _("Workshop")
        NETWORK_MEETING = "network_meeting", _("Network meeting")
        WORKING_GROUP = "working_group", _("Working group")
        B2B_EXCHANGE = "b2b", _("International B2B exchange")
        DELEGATION_TRIP = "trip", _("Delegation or market-exploration trip")
        TRADE_FAIR = "trade_fair", _("Trade-fair participation")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    country = models.CharField(_("country"), max_length=2, default="DE")
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
    )
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    innovation_fields = models.ManyToManyField(
        "members.InnovationField",
        verbose_name=_("innovation fields"),
        blank=True,
        related_name="events",
    )
    is_published = models.BooleanField(_("published"), default=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["start"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=F("start")), name="event_end_after_start"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:detail", kwargs={"slug": self.slug})
