import datetime as dt
import re

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.links import make_token
from events.models import Event, Registration
from legal.models import ConsentRecord

from .apps import DIGEST_UNSUBSCRIBE_PURPOSE, MEMBER_VIEW_PURPOSE

COUNTRY_CODE = re.compile(r"^[A-Z]{2}$")


class PostQuerySet(models.QuerySet):
    def on_board(self):
        """Published and still valid: an expired post leaves the board on its own."""
        return self.filter(status=Post.Status.PUBLISHED, valid_until__gte=timezone.localdate())

    def public(self):
        return self.filter(visibility=Post.Visibility.PUBLIC)

    def members_only(self):
        return self.filter(visibility=Post.Visibility.MEMBERS)

    def new_since(self, days: int = 30):
        return self.filter(published_at__gte=timezone.now() - dt.timedelta(days=days))

    def for_cards(self):
        return self.select_related("organisation__region").prefetch_related("innovation_fields")


class Post(models.Model):
    """An offer or request a member organisation publishes on the partnering board."""

    class Kind(models.TextChoices):
        TECHNOLOGY_OFFER = "technology_offer", _("Technology offer")
        TECHNOLOGY_REQUEST = "technology_request", _("Technology request")
        BUSINESS_OFFER = "business_offer", _("Business / supply offer")
        BUSINESS_REQUEST = "business_request", _("Business / supply request")
        RESEARCH_PARTNER = "research_partner", _("Research or project partner search")
        SKILLED_STAFF = "skilled_staff", _("Skilled-staff cooperation")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public")
        MEMBERS = "members", _("Members only")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted, awaiting approval")
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        REJECTED = "rejected", _("Rejected")

    organisation = models.ForeignKey(
        "members.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="partnering_posts",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    innovation_fields = models.ManyToManyField(
        "members.InnovationField",
        verbose_name=_("innovation fields"),
        blank=True,
        related_name="partnering_posts",
    )
    sectors = models.ManyToManyField(
        "members.Sector", verbose_name=_("sectors"), blank=True, related_name="partnering_posts"
    )
    target_regions = models.ManyToManyField(
        "regions.Region",
        verbose_name=_("target regions"),
        blank=True,
        related_name="partnering_posts",
    )
    target_countries = ArrayField(
        models.CharField(max_length=2),
        verbose_name=_("target countries"),
        default=list,
        blank=True,
        help_text=_("ISO 3166 country codes, for example DE, NL, FR."),
    )
    valid_until = models.DateField(_("valid until"))
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED
    )
    submitted_by_email = models.EmailField(
        _("submitted by (e-mail)"),
        help_text=_("Receives expressions of interest; never shown on the portal."),
    )
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    access_link_id = models.CharField(
        _("access link"),
        max_length=40,
        null=True,
        blank=True,
        editable=False,
        help_text=_("The one-time link the post was submitted with; a link serves one post."),
    )
    digest_unsubscribed_at = models.DateTimeField(
        _("weekly matches e-mail unsubscribed at"),
        null=True,
        blank=True,
        help_text=_(
            "Set when the poster unsubscribed from the weekly e-mail of new matches; "
            "empty: the e-mail is sent."
        ),
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    search_vector = SearchVectorField(_("search vector"), null=True, editable=False)

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-created_at"]
        verbose_name = _("partnering post")
        verbose_name_plural = _("partnering posts")
        indexes = [
            models.Index(fields=["status", "valid_until"], name="post_board_idx"),
            models.Index(fields=["-published_at"], name="post_published_idx"),
            models.Index(fields=["kind"], name="post_kind_idx"),
            GinIndex(fields=["search_vector"], name="post_search_idx"),
            GinIndex(fields=["title"], name="post_title_trgm_idx", opclasses=["gin_trgm_ops"]),
        ]
        constraints = [
            models.UniqueConstraint(fields=["access_link_id"], name="post_one_post_per_link"),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="post_published_has_date",
            ),
            models.CheckConstraint(condition=~Q(title=""), name="post_has_title"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # Kept in the row (not computed per search) so that the GIN index serves the board.
        Post.objects.filter(pk=self.pk).update(
            search_vector=SearchVector("title", weight="A", config="german")
            + SearchVector("description", weight="B", config="german")
        )

    def get_absolute_url(self):
        return reverse("partnering:detail", kwargs={"pk": self.pk})

    def digest_unsubscribe_url(self) -> str:
        """The signed link that unsubscribes this post's poster from the weekly digest."""
        token = make_token(purpose=DIGEST_UNSUBSCRIBE_PURPOSE, pk=self.pk)
        return reverse("partnering:digest_unsubscribe", kwargs={"token": token})

    def member_view_url(self, *, organisation) -> str:
        """A link to this post for a member organisation, also when it is members-only."""
        token = make_token(purpose=MEMBER_VIEW_PURPOSE, pk=self.pk, state=str(organisation.pk))
        return reverse("partnering:member_view", kwargs={"token": token})

    def clean(self):
        invalid = [code for code in self.target_countries if not COUNTRY_CODE.match(code)]
        if invalid:
            raise ValidationError(
                {
                    "target_countries": _(
                        "Use two-letter country codes in capitals (for example DE, NL): %(codes)s"
                    )
                    % {"codes": ", ".join(invalid)}
                }
            )

    @property
    def is_on_board(self) -> bool:
        return self.status == self.Status.PUBLISHED and self.valid_until >= timezone.localdate()


OPPOSITE_KINDS = {
    Post.Kind.TECHNOLOGY_OFFER: Post.Kind.TECHNOLOGY_REQUEST,
    Post.Kind.TECHNOLOGY_REQUEST: Post.Kind.TECHNOLOGY_OFFER,
    Post.Kind.BUSINESS_OFFER: Post.Kind.BUSINESS_REQUEST,
    Post.Kind.BUSINESS_REQUEST: Post.Kind.BUSINESS_OFFER,
    Post.Kind.RESEARCH_PARTNER: Post.Kind.RESEARCH_PARTNER,
    Post.Kind.SKILLED_STAFF: Post.Kind.SKILLED_STAFF,
}


class ExpressionOfInterest(ConsentRecord):
    """A company's answer to a post, passed on to the poster by e-mail (brokered contact)."""

    post = models.ForeignKey(
        Post, verbose_name=_("post"), on_delete=models.CASCADE, related_name="interests"
    )
    sender_name = models.CharField(_("name"), max_length=120)
    sender_organisation = models.CharField(_("organisation"), max_length=200)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    message = models.TextField(_("message"))
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("expression of interest")
        verbose_name_plural = _("expressions of interest")
        indexes = [models.Index(fields=["-created_at"], name="interest_created_idx")]

    def __str__(self):
        return f"{self.sender_organisation} → {self.post}"


class DigestEntry(models.Model):
    """A match already reported to the poster, so that the weekly digest only tells news."""

    post = models.ForeignKey(
        Post, verbose_name=_("post"), on_delete=models.CASCADE, related_name="digest_entries"
    )
    matched_post = models.ForeignKey(
        Post,
        verbose_name=_("matched post"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    matched_organisation = models.ForeignKey(
        "members.Organisation",
        verbose_name=_("matched organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    score = models.PositiveIntegerField(_("score"), default=0)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("digest entry")
        verbose_name_plural = _("digest entries")
        constraints = [
            models.CheckConstraint(
                condition=Q(matched_post__isnull=True, matched_organisation__isnull=False)
                | Q(matched_post__isnull=False, matched_organisation__isnull=True),
                name="digestentry_one_match",
            ),
            models.UniqueConstraint(
                fields=["post", "matched_post"],
                condition=Q(matched_post__isnull=False),
                name="digestentry_unique_post",
            ),
            models.UniqueConstraint(
                fields=["post", "matched_organisation"],
                condition=Q(matched_organisation__isnull=False),
                name="digestentry_unique_organisation",
            ),
        ]

    def __str__(self):
        return f"{self.post} ↔ {self.matched_post or self.matched_organisation}"


# B2B meetings at events ---------------------------------------------------------------------


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
