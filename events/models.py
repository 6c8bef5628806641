import datetime as dt
import secrets

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from billing.models import BillingAddress
from billing.pricing import Priced, VatRate, price_constraints
from core import structured_data as schema
from core.allocation import places_left
from core.textsearch import SearchText, both, weighted_vector
from legal.models import ConsentRecord
from pictures.models import PictureField


class EventSeries(models.Model):
    """An event that recurs, for example a conference held every year at another place."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("event series")
        # German tells the list ("Veranstaltungsreihen") from one series; English does not.
        verbose_name_plural = pgettext_lazy("plural", "event series")

    def __str__(self):
        return self.name


class RegistrationState(models.TextChoices):
    """What the event page can offer a visitor who wants to take part."""

    DISABLED = "disabled", _("Registration is not offered")
    NOT_YET_OPEN = "not_yet_open", _("Registration has not opened yet")
    CLOSED = "closed", _("Registration is closed")
    OVER = "over", _("The event is over")
    OPEN = "open", _("Registration is open")
    WAITING_LIST = "waiting_list", _("Fully booked: waiting list")


class EventQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def upcoming(self):
        return self.published().filter(end__gte=timezone.now()).order_by("start")

    def past(self):
        return self.published().filter(end__lt=timezone.now()).order_by("-start")

    def with_known_date(self):
        """Events whose start and end are real dates, not the placeholder of `date_unknown`
        (calendar files and feeds, the month filter)."""
        return self.filter(date_unknown=False)

    def for_organisation(self, organisation):
        """Events the organisation organises or co-organises.

        A semi-join (`pk IN (…)`) rather than a join with DISTINCT, which compared every wide
        row of the events to drop the duplicates (6 ms of a profile's 17 ms of SQL)."""
        co_organised = self.model.co_organisers.through.objects.filter(
            organisation=organisation
        ).values("event_id")
        return self.filter(Q(organiser=organisation) | Q(pk__in=co_organised))

    def with_places_taken(self):
        """Annotate `places_taken` (confirmed and offered places) in the same query.

        A correlated subquery rather than a JOIN with GROUP BY: grouping every selected column
        made PostgreSQL spend milliseconds planning the event page's query.
        """
        taken = (
            Registration.objects.filter(event=OuterRef("pk"), status__in=Registration.HOLDING_PLACE)
            .order_by()
            .values("event")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return self.annotate(
            places_taken=Coalesce(Subquery(taken, output_field=models.IntegerField()), 0)
        )

    def with_registration_counts(self):
        """Per-status counts for the admin list, one query for the whole page."""
        status = Registration.Status

        def count(*states):
            return Count("registrations", filter=Q(registrations__status__in=states))

        return self.annotate(
            confirmed_count=count(status.CONFIRMED),
            waiting_count=count(status.WAITING_LIST, status.OFFERED),
            cancelled_count=count(status.CANCELLED),
            pending_count=count(status.PENDING, status.AWAITING_APPROVAL),
        )

    def registration_open(self, now=None):
        now = now or timezone.now()
        return self.filter(registration_enabled=True, start__gt=now).filter(
            Q(registration_opens__isnull=True) | Q(registration_opens__lte=now),
            Q(registration_closes__isnull=True) | Q(registration_closes__gt=now),
        )


# The languages an event is held in (wider than the portal's own two).
EVENT_LANGUAGES = [
    ("de", _("German")),
    ("en", _("English")),
    ("nl", _("Dutch")),
    ("fr", _("French")),
]


def language_names(codes) -> list[str]:
    names = dict(EVENT_LANGUAGES)
    return [str(names.get(code, code)) for code in codes]


def default_languages():
    return ["de"]


# The columns the back office searches, joined in this order by its trigram index.
EVENT_SEARCH_COLUMNS = ("title_de", "title_en", "city", "venue_name")
# The site search's vector of an event (events/search.py), which `event_site_search` indexes.
EVENT_SITE_SEARCH_FIELDS = [
    *both("title", "A"),
    *both("summary", "B"),
    ("city", "B"),
    *both("description", "C"),
]
REGISTRATION_SEARCH_COLUMNS = ("name", "organisation_name", "email")


class Event(Priced):
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
    series = models.ForeignKey(
        EventSeries,
        verbose_name=_("series"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    venue_address = models.CharField(_("address"), max_length=300, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    country = models.CharField(_("country"), max_length=2, default="DE")
    is_online = models.BooleanField(_("online event"), default=False)
    online_link = models.URLField(
        _("online link"),
        blank=True,
        help_text=_("Sent only to confirmed participants, never shown on the public page."),
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
    )
    languages = ArrayField(
        models.CharField(max_length=5, choices=EVENT_LANGUAGES),
        verbose_name=_("languages"),
        default=default_languages,
        blank=True,
        help_text=_("Language codes separated by commas: de, en, nl, fr."),
    )
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    picture = PictureField(_("picture"))
    organiser = models.ForeignKey(
        "members.Organisation",
        verbose_name=_("organiser"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organised_events",
    )
    co_organisers = models.ManyToManyField(
        "members.Organisation",
        verbose_name=_("co-organisers"),
        blank=True,
        related_name="co_organised_events",
    )
    innovation_fields = models.ManyToManyField(
        "members.InnovationField",
        verbose_name=_("innovation fields"),
        blank=True,
        related_name="events",
    )
    fee_includes = models.TextField(
        _("what the fee includes"),
        blank=True,
        help_text=_(
            "Costs in words, shown beside the fee: what it covers (programme, transfers, "
            "meals) and what participants pay themselves (travel, hotel)."
        ),
    )
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Empty means no limit.")
    )
    registration_enabled = models.BooleanField(_("registration enabled"), default=False)
    registration_opens = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes = models.DateTimeField(_("registration closes"), null=True, blank=True)
    requires_approval = models.BooleanField(
        _("registrations need approval"),
        default=False,
        help_text=_("A manager approves or declines every registration (trips, closed workshops)."),
    )
    offer_hold_hours = models.PositiveIntegerField(
        _("hours to accept a waiting-list offer"), default=48
    )
    pending_lapse_hours = models.PositiveIntegerField(
        _("hours until an unconfirmed registration lapses"), default=48
    )
    date_unknown = models.BooleanField(
        _("exact date not recorded"),
        default=False,
        help_text=_(
            "For archive entries whose date is not known: start and end then only hold a "
            "placeholder, which the pages never show; the event gets no calendar file."
        ),
    )
    is_published = models.BooleanField(_("published"), default=True)

    # The site search's vector (core.search), computed by PostgreSQL whenever the row is
    # written: ranking many hits reads it instead of computing every hit's vector anew.
    site_search_vector = models.GeneratedField(
        expression=weighted_vector(EVENT_SITE_SEARCH_FIELDS),
        output_field=SearchVectorField(),
        db_persist=True,
        verbose_name=_("site search vector"),
    )

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["start"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=F("start")), name="event_end_after_start"),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gte=0),
                name="event_capacity_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(registration_opens__isnull=True)
                | Q(registration_closes__isnull=True)
                | Q(registration_closes__gt=F("registration_opens")),
                name="event_registration_closes_after_opens",
            ),
            *price_constraints("event"),
        ]
        indexes = [
            models.Index(fields=["is_published", "start"], name="event_published_start"),
            # The back office's search (backoffice/search.py: EventAdmin.search_text_columns).
            GinIndex(
                OpClass(SearchText(*EVENT_SEARCH_COLUMNS), name="gin_trgm_ops"),
                name="event_search_trgm",
            ),
            # The site search (core.search): its vector and its misspelt titles (`%>`).
            GinIndex(fields=["site_search_vector"], name="event_site_search"),
            *(
                GinIndex(fields=[column], opclasses=["gin_trgm_ops"], name=f"event_{column}_trgm")
                for column in both("title")
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:detail", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("The end cannot be before the start.")
        if (
            self.registration_opens
            and self.registration_closes
            and self.registration_closes <= self.registration_opens
        ):
            errors["registration_closes"] = _("Registration must close after it opens.")
        if self.is_online is False and self.online_link:
            errors["is_online"] = _("Tick 'online event' when you give an online link.")
        errors.update(self.clean_price())
        if errors:
            raise ValidationError(errors)

    @property
    def is_vat_exempt(self) -> bool:
        return self.vat_rate == VatRate.EXEMPT

    @property
    def has_member_price(self) -> bool:
        return self.member_price_cents is not None and self.member_price_cents != self.price_cents

    @property
    def is_past(self) -> bool:
        return self.end < timezone.now()

    @property
    def language_names(self) -> list[str]:
        return language_names(self.languages)

    @property
    def place(self) -> str:
        """Where it happens, in one line, for pages, e-mails and calendars."""
        if self.is_online and not (self.venue_name or self.city):
            return str(_("Online"))
        parts = [self.venue_name, self.venue_address, self.city]
        return ", ".join(part for part in parts if part)

    def get_places_taken(self) -> int:
        taken = getattr(self, "places_taken", None)
        if taken is None:
            taken = self.registrations.filter(status__in=Registration.HOLDING_PLACE).count()
        return taken

    @property
    def places_left(self) -> int | None:
        return places_left(self.capacity, self.get_places_taken())

    def registration_state(self, now=None) -> str:
        now = now or timezone.now()
        if not self.registration_enabled:
            return RegistrationState.DISABLED
        if self.start <= now:
            return RegistrationState.OVER
        if self.registration_opens and now < self.registration_opens:
            return RegistrationState.NOT_YET_OPEN
        if self.registration_closes and now >= self.registration_closes:
            return RegistrationState.CLOSED
        if self.places_left == 0:
            return RegistrationState.WAITING_LIST
        return RegistrationState.OPEN

    @property
    def accepts_registrations(self) -> bool:
        return self.registration_state() in (
            RegistrationState.OPEN,
            RegistrationState.WAITING_LIST,
        )

    @property
    def has_known_date(self) -> bool:
        """False when start and end only hold a placeholder (`date_unknown`, e.g. a trade fair
        abroad in the archive): pages say the date is not recorded, and calendar files, feeds
        and structured data leave the event out."""
        return not self.date_unknown

    def structured_data(self) -> dict | None:
        """schema.org Event for the event page; None for an event without a known date.

        Built from the event's own fields: no eventStatus (the model records no cancellation
        or postponement), no image (events have none), no postalCode (the venue address is one
        line, street and number). The online link never appears: a VirtualLocation points at
        the event page, where one registers to receive it.
        """
        if not self.has_known_date:
            return None
        url = schema.page_url(self)
        place = schema.thing(
            "Place",
            name=self.venue_name or self.city,
            address=schema.thing(
                "PostalAddress",
                streetAddress=self.venue_address,
                addressLocality=self.city,
                addressCountry=self.country if (self.venue_address or self.city) else "",
            ),
        )
        virtual = {"@type": "VirtualLocation", "url": url} if self.is_online else None
        if place and virtual:
            mode = "MixedEventAttendanceMode"
        elif virtual:
            mode = "OnlineEventAttendanceMode"
        elif place:
            mode = "OfflineEventAttendanceMode"
        else:
            mode = None
        organisers = [self.organiser, *self.co_organisers.all()]
        return schema.compact(
            {
                "@context": schema.SCHEMA,
                "@type": "Event",
                "name": self.title,
                "description": self.summary or schema.plain_text(self.description, 300),
                "url": url,
                "startDate": schema.iso(self.start),
                "endDate": schema.iso(self.end),
                "eventAttendanceMode": schema.enumeration(mode) if mode else None,
                "location": schema.one_or_many([place, virtual]),
                "organizer": schema.one_or_many(
                    [organiser.schema_reference() for organiser in organisers if organiser]
                ),
                "offers": self.structured_offer(url),
                "inLanguage": schema.one_or_many(list(self.languages or [])),
            }
        )

    def structured_offer(self, url: str) -> dict | None:
        """The registration as a schema.org Offer; None when the portal takes no registrations.

        No price means free of charge, hence price 0; the price is the non-members' net price
        (the one anybody can book at) in the event's currency. Availability
        follows the places left: sold out when none is left, in stock otherwise (also when
        there is no limit). Registration's opening and closing times bound the offer.
        """
        if not self.registration_enabled:
            return None
        cents = self.price_cents or 0
        return schema.compact(
            {
                "@type": "Offer",
                "url": url,
                "price": f"{cents // 100}.{cents % 100:02d}",
                "priceCurrency": self.currency or "EUR",
                # The event page puts a live part here (events/fragments.py), so that its cached
                # fragment never holds the places of an earlier moment.
                "availability": getattr(self, "availability_marker", None)
                or schema.enumeration("SoldOut" if self.places_left == 0 else "InStock"),
                "validFrom": schema.iso(self.registration_opens),
                "validThrough": schema.iso(self.registration_closes),
            }
        )


class Speaker(models.Model):
    name = models.CharField(_("name"), max_length=200)
    position = models.CharField(_("position"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        "members.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="speakers",
    )
    organisation_name = models.CharField(
        _("organisation (if not in the directory)"), max_length=200, blank=True
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")

    def __str__(self):
        return self.name

    @property
    def organisation_label(self) -> str:
        return self.organisation.name if self.organisation_id else self.organisation_name


class Session(models.Model):
    """One item of an event's agenda."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="sessions"
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    speakers = models.ManyToManyField(
        Speaker, verbose_name=_("speakers"), blank=True, related_name="sessions"
    )

    class Meta:
        ordering = ["event", "start"]
        verbose_name = _("session")
        verbose_name_plural = _("agenda")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                name="session_end_after_start",
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The end cannot be before the start.")})


class RegistrationQuestion(models.Model):
    """An extra question a manager asks everyone who registers for one event."""

    class Kind(models.TextChoices):
        TEXT = "text", _("Free text")
        SINGLE_CHOICE = "single", _("Single choice")
        MULTIPLE_CHOICE = "multiple", _("Multiple choice")
        YES_NO = "yes_no", _("Yes or no")

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="questions"
    )
    text = models.CharField(_("question"), max_length=300)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.TEXT)
    required = models.BooleanField(_("required"), default=False)
    choices = models.TextField(
        _("choices"), blank=True, help_text=_("One choice a line (for single and multiple choice).")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["event", "position", "pk"]
        verbose_name = _("registration question")
        verbose_name_plural = _("registration questions")

    def __str__(self):
        return self.text

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]

    def clean(self):
        is_choice = self.kind in (self.Kind.SINGLE_CHOICE, self.Kind.MULTIPLE_CHOICE)
        if is_choice and len(self.choice_list) < 2:
            raise ValidationError({"choices": _("Give at least two choices, one a line.")})


def new_ticket_code() -> str:
    return secrets.token_urlsafe(12)


class Booking(BillingAddress):
    """Who books and pays for places of a paid event: the billing details, given once.

    A booking has one registration per participant: the booker's, and in a group booking
    one for each further participant of their organisation, each with its own ticket,
    personal page and mails. The places confirmed together are invoiced on one invoice to
    the booking (a place confirmed later, on its own), at the members' price when the
    booker's organisation is a member.
    """

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.PROTECT, related_name="bookings"
    )
    booker_name = models.CharField(_("booked by"), max_length=200)
    booker_email = models.EmailField(_("booker's e-mail"))
    member_price = models.BooleanField(
        _("members' price"),
        default=False,
        help_text=_("The booker's organisation is a member of the network."),
    )
    created_at = models.DateTimeField(_("booked at"), auto_now_add=True)

    class Meta:
        ordering = ["event", "created_at", "pk"]
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        constraints = [
            models.CheckConstraint(
                condition=Q(billing_country__regex=r"^[A-Z]{2}$"), name="booking_country_iso"
            ),
        ]

    def __str__(self):
        return f"{self.billing_organisation} – {self.event}"


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status__in=Registration.ACTIVE)

    def waiting_in_order(self):
        return self.filter(status=Registration.Status.WAITING_LIST).order_by("waiting_since", "pk")


class Registration(ConsentRecord):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending (e-mail not confirmed)")
        AWAITING_APPROVAL = "awaiting_approval", _("Awaiting approval")
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING_LIST = "waiting_list", _("On the waiting list")
        OFFERED = "offered", _("Place offered")
        CANCELLED = "cancelled", _("Cancelled")
        DECLINED = "declined", _("Declined")
        LAPSED = "lapsed", _("Lapsed")

    # A person has at most one registration in these states per event.
    ACTIVE = [
        Status.PENDING,
        Status.AWAITING_APPROVAL,
        Status.CONFIRMED,
        Status.WAITING_LIST,
        Status.OFFERED,
    ]
    # These take one of the event's places (an offer reserves it while it runs).
    HOLDING_PLACE = [Status.CONFIRMED, Status.OFFERED]

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.PROTECT, related_name="registrations"
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=200, blank=True)
    language = models.CharField(
        _("language"), max_length=5, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    show_organisation_publicly = models.BooleanField(
        _("organisation may be listed publicly"), default=False
    )
    waiting_since = models.DateTimeField(
        _("on the waiting list since"),
        null=True,
        blank=True,
        help_text=_("Orders the waiting list: the earliest is offered the next free place."),
    )
    offer_expires_at = models.DateTimeField(_("offer valid until"), null=True, blank=True)
    ticket_code = models.CharField(
        _("ticket code"), max_length=32, unique=True, default=new_ticket_code, editable=False
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)
    # Only for paid events: who pays (billing details) and the invoice of the confirmed place.
    booking = models.ForeignKey(
        Booking,
        verbose_name=_("booking"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="registrations",
    )
    invoice = models.ForeignKey(
        "billing.Invoice",
        verbose_name=_("invoice"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["event", "created_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                "event",
                Lower("email"),
                condition=Q(
                    status__in=[
                        "pending",
                        "awaiting_approval",
                        "confirmed",
                        "waiting_list",
                        "offered",
                    ]
                ),
                name="registration_one_active_per_email",
                violation_error_message=_("This e-mail address is already registered."),
            ),
            models.CheckConstraint(
                condition=~Q(status="offered") | Q(offer_expires_at__isnull=False),
                name="registration_offer_has_expiry",
            ),
        ]
        indexes = [
            models.Index(fields=["event", "status"], name="registration_event_status"),
            models.Index(fields=["event", "waiting_since"], name="registration_waiting_order"),
            models.Index(fields=["status", "offer_expires_at"], name="registration_offer_expiry"),
            # The back office's search (backoffice/search.py: RegistrationAdmin).
            GinIndex(
                OpClass(SearchText(*REGISTRATION_SEARCH_COLUMNS), name="gin_trgm_ops"),
                name="registration_search_trgm",
            ),
        ]

    def __str__(self):
        return f"{self.name} – {self.event}"

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE

    @property
    def offer_is_open(self) -> bool:
        return (
            self.status == self.Status.OFFERED
            and self.offer_expires_at is not None
            and self.offer_expires_at > timezone.now()
        )

    @property
    def waiting_position(self) -> int | None:
        if self.status != self.Status.WAITING_LIST:
            return None
        earlier = (
            Registration.objects.filter(event_id=self.event_id, status=self.Status.WAITING_LIST)
            .filter(
                Q(waiting_since__lt=self.waiting_since)
                | Q(waiting_since=self.waiting_since, pk__lt=self.pk)
            )
            .count()
        )
        return earlier + 1

    def pending_lapses_at(self) -> dt.datetime:
        return self.created_at + dt.timedelta(hours=self.event.pending_lapse_hours)


# Yes/no answers are stored language-neutral and shown in the reader's language.
YES_NO_LABELS = {"yes": _("Yes"), "no": _("No")}


class RegistrationAnswer(models.Model):
    registration = models.ForeignKey(
        Registration,
        verbose_name=_("registration"),
        on_delete=models.CASCADE,
        related_name="answers",
    )
    question = models.ForeignKey(
        RegistrationQuestion,
        verbose_name=_("question"),
        on_delete=models.CASCADE,
        related_name="answers",
    )
    value = models.TextField(_("answer"), blank=True)

    class Meta:
        ordering = ["registration", "question__position", "question__pk"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "question"], name="answer_one_per_question"
            ),
        ]

    def __str__(self):
        return f"{self.question}: {self.display_value}"

    @property
    def display_value(self) -> str:
        """The answer as the reader says it: a yes/no answer is stored as "yes" or "no"."""
        if self.question.kind == RegistrationQuestion.Kind.YES_NO:
            return str(YES_NO_LABELS.get(self.value, self.value))
        return self.value
