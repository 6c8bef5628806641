"""B2B meetings at B2B exchange events: what each participant offers and seeks, the meetings
they ask each other for, and the slots and tables the accepted meetings are scheduled to."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models import Event, Registration


def _is_b2b_event(event) -> bool:
    return event.kind == Event.Kind.B2B_EXCHANGE


class B2BProfileQuerySet(models.QuerySet):
    def published_for(self, event):
        """The published profiles of the event's confirmed participants."""
        return (
            self.filter(
                registration__event=event,
                registration__status=Registration.Status.CONFIRMED,
                is_published=True,
            )
            .select_related("registration", "organisation")
            .prefetch_related("innovation_fields")
            .order_by("registration__organisation_name", "registration__name", "pk")
        )


class B2BProfile(models.Model):
    """What a participant of a B2B exchange offers and seeks, shown to the other participants."""

    registration = models.OneToOneField(
        "events.Registration",
        verbose_name=_("registration"),
        on_delete=models.CASCADE,
        related_name="b2b_profile",
    )
    organisation = models.ForeignKey(
        "members.Organisation",
        verbose_name=_("member organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="b2b_profiles",
        help_text=_("Only if the participant comes from a member organisation."),
    )
    offer = models.TextField(_("what we offer"), max_length=1500, blank=True)
    seek = models.TextField(_("what we are looking for"), max_length=1500, blank=True)
    innovation_fields = models.ManyToManyField(
        "members.InnovationField",
        verbose_name=_("innovation fields"),
        blank=True,
        related_name="b2b_profiles",
    )
    is_published = models.BooleanField(
        _("visible to the other participants"),
        default=True,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = B2BProfileQuerySet.as_manager()

    class Meta:
        ordering = ["registration__event", "registration__organisation_name", "pk"]
        verbose_name = _("B2B profile")
        verbose_name_plural = _("B2B profiles")
        constraints = [
            models.CheckConstraint(condition=~Q(offer="") | ~Q(seek=""), name="b2bprofile_has_text")
        ]

    def __str__(self):
        return str(self.registration)

    def clean(self):
        if self.registration_id and not _is_b2b_event(self.registration.event):
            raise ValidationError(
                {"registration": _("Profiles exist only for B2B exchange events.")}
            )


class MeetingSlot(models.Model):
    """A time slot of a B2B exchange in which every table hosts one meeting."""

    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="meeting_slots",
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))

    class Meta:
        ordering = ["event", "start", "pk"]
        verbose_name = _("meeting slot")
        verbose_name_plural = _("meeting slots")
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="slot_end_after"),
            models.UniqueConstraint(fields=["event", "start"], name="slot_unique_start"),
        ]
        indexes = [models.Index(fields=["event", "start"], name="slot_event_start_idx")]

    def __str__(self):
        start, end = timezone.localtime(self.start), timezone.localtime(self.end)
        return f"{start:%d.%m.%Y %H:%M}–{end:%H:%M}"

    def clean(self):
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("The slot must end after it starts.")})
        if self.event_id and not _is_b2b_event(self.event):
            raise ValidationError({"event": _("Meeting slots belong to B2B exchange events.")})
        overlapping = MeetingSlot.objects.filter(
            event_id=self.event_id, start__lt=self.end, end__gt=self.start
        ).exclude(pk=self.pk)
        if self.start and self.end and overlapping.exists():
            raise ValidationError(_("This slot overlaps another slot of the event."))


class MeetingTable(models.Model):
    """A table of a B2B exchange; it hosts one meeting per slot."""

    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="meeting_tables",
    )
    name = models.CharField(_("name or number"), max_length=40)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["event", "position", "name", "pk"]
        verbose_name = _("meeting table")
        verbose_name_plural = _("meeting tables")
        constraints = [
            models.UniqueConstraint(fields=["event", "name"], name="table_unique_name"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.event_id and not _is_b2b_event(self.event):
            raise ValidationError({"event": _("Meeting tables belong to B2B exchange events.")})


class MeetingQuerySet(models.QuerySet):
    def for_registration(self, registration):
        return self.filter(Q(requester=registration) | Q(recipient=registration))

    def accepted(self):
        return self.filter(status=Meeting.Status.ACCEPTED)

    def with_people(self):
        return self.select_related(
            "requester__b2b_profile", "recipient__b2b_profile", "slot", "table"
        )


class Meeting(models.Model):
    """A meeting one participant asked another for; once accepted, it gets a slot and table."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    class Unplaced(models.TextChoices):
        NO_COMMON_SLOT = "no_common_slot", _("The two participants have no free slot in common.")
        NO_TABLE = "no_table", _("No table is free in the slots both participants have free.")
        NO_SLOTS = "no_slots", _("The event has no meeting slots or tables yet.")
        NOT_CONFIRMED = "not_confirmed", _("One of the two is no longer a confirmed participant.")

    event = models.ForeignKey(
        "events.Event", verbose_name=_("event"), on_delete=models.CASCADE, related_name="meetings"
    )
    requester = models.ForeignKey(
        "events.Registration",
        verbose_name=_("requested by"),
        on_delete=models.CASCADE,
        related_name="meetings_requested",
    )
    recipient = models.ForeignKey(
        "events.Registration",
        verbose_name=_("requested from"),
        on_delete=models.CASCADE,
        related_name="meetings_received",
    )
    message = models.TextField(_("message"), max_length=1000, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.REQUESTED
    )
    # PROTECT: a slot or table with meetings is emptied (rescheduled) before it can go.
    slot = models.ForeignKey(
        MeetingSlot,
        verbose_name=_("slot"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
    )
    table = models.ForeignKey(
        MeetingTable,
        verbose_name=_("table"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
    )
    unplaced_reason = models.CharField(
        _("why it could not be scheduled"),
        max_length=20,
        choices=Unplaced.choices,
        blank=True,
    )
    created_at = models.DateTimeField(_("requested at"), default=timezone.now)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["event", "slot__start", "table__position", "created_at", "pk"]
        verbose_name = _("B2B meeting")
        verbose_name_plural = _("B2B meetings")
        constraints = [
            models.CheckConstraint(
                condition=~Q(requester=models.F("recipient")), name="meeting_two_people"
            ),
            # One request per pair, whoever asked first.
            models.UniqueConstraint(
                models.functions.Least("requester", "recipient"),
                models.functions.Greatest("requester", "recipient"),
                name="meeting_one_per_pair",
            ),
            models.UniqueConstraint(
                fields=["slot", "table"],
                condition=Q(slot__isnull=False),
                name="meeting_one_per_table_and_slot",
            ),
            models.CheckConstraint(
                condition=Q(slot__isnull=True, table__isnull=True)
                | Q(slot__isnull=False, table__isnull=False, status="accepted"),
                name="meeting_placed_has_slot_and_table",
            ),
        ]
        indexes = [
            models.Index(fields=["event", "status"], name="meeting_event_status_idx"),
            models.Index(fields=["created_at"], name="meeting_created_idx"),
        ]

    def __str__(self):
        return f"{self.requester.name} ↔ {self.recipient.name}"

    @property
    def is_placed(self) -> bool:
        return self.slot_id is not None

    def partner_id_of(self, registration) -> int:
        return self.recipient_id if registration.pk == self.requester_id else self.requester_id

    def partner_of(self, registration):
        return self.recipient if registration.pk == self.requester_id else self.requester

    def clean(self):
        errors = {}
        if self.slot_id and self.slot.event_id != self.event_id:
            errors["slot"] = _("The slot belongs to another event.")
        if self.table_id and self.table.event_id != self.event_id:
            errors["table"] = _("The table belongs to another event.")
        if bool(self.slot_id) != bool(self.table_id):
            errors["table" if self.slot_id else "slot"] = _("Choose both a slot and a table.")
        if self.slot_id and self.status != self.Status.ACCEPTED:
            errors["slot"] = _("Only accepted meetings are scheduled.")
        if errors:
            raise ValidationError(errors)
        if not self.slot_id:
            return
        others = Meeting.objects.filter(slot_id=self.slot_id).exclude(pk=self.pk)
        if others.filter(table_id=self.table_id).exists():
            raise ValidationError(
                {"table": _("Another meeting already takes this table in this slot.")}
            )
        people = [self.requester_id, self.recipient_id]
        busy = others.filter(Q(requester_id__in=people) | Q(recipient_id__in=people))
        if busy.exists():
            raise ValidationError(
                {"slot": _("One of the two participants already has a meeting in this slot.")}
            )


class MeetingSeat(models.Model):
    """A participant's place in a scheduled meeting: one per person and slot, by constraint."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="seats"
    )
    registration = models.ForeignKey(
        "events.Registration",
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="meeting_seats",
    )
    slot = models.ForeignKey(
        MeetingSlot, verbose_name=_("slot"), on_delete=models.CASCADE, related_name="seats"
    )

    class Meta:
        ordering = ["slot__start", "pk"]
        verbose_name = _("meeting seat")
        verbose_name_plural = _("meeting seats")
        constraints = [
            models.UniqueConstraint(
                fields=["slot", "registration"], name="seat_one_meeting_per_person_and_slot"
            ),
            models.UniqueConstraint(fields=["meeting", "registration"], name="seat_unique"),
        ]

    def __str__(self):
        return f"{self.registration} · {self.slot}"


class B2BExchangeManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(kind=Event.Kind.B2B_EXCHANGE)


class B2BExchange(Event):
    """A B2B exchange event as the back office plans its meetings (slots, tables, schedule)."""

    objects = B2BExchangeManager()

    class Meta:
        proxy = True
        verbose_name = _("B2B exchange (meeting plan)")
        verbose_name_plural = _("B2B exchanges (meeting plans)")
