"""Registration rules: every change of a registration's status goes through these functions.

Views, admin actions and management commands call the same functions. Anything that hands
out or frees a place locks the event row first (`lock_for_allocation`) and counts the places
taken under that lock, so parallel requests can never over-book an event. E-mails are queued
inside the same transaction (the mail queue lives in the database), so a message commits or
rolls back together with the change it announces: none is lost, none tells of a change that
was rolled back.
"""

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import DateTimeField, ExpressionWrapper, F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from billing.models import Invoice
from billing.services import Buyer, credit_note_issue, invoice_issue
from core.allocation import lock_for_allocation, places_left
from core.fragments import content_changed
from core.privacy import ANONYMOUS_NAME, anonymous_email
from core.refusals import RuleRefused
from members.models import Organisation

from .emails import send_registration_mail
from .models import Booking, Event, Registration, RegistrationAnswer

Status = Registration.Status


class RegistrationError(RuleRefused):
    """A rule stops the registration's change; `message` says why in the user's words."""

    message = _("This is not possible for this registration.")


class RegistrationNotOpen(RegistrationError):
    message = _("Registration for this event is not open.")


class OfferExpired(RegistrationError):
    message = _("The time to accept this place has run out; it has passed to the next person.")


class NoPlaceLeft(RegistrationError):
    message = _("There is no free place for this event.")


class NotConfirmed(RegistrationError):
    message = _("This ticket does not belong to a confirmed registration.")


# The states from which a manager may take each decision (the services check them under the
# lock; the back office offers a decision's button only in these states).
CONFIRMABLE = (Status.AWAITING_APPROVAL, Status.PENDING)
DECLINABLE = (Status.AWAITING_APPROVAL, Status.PENDING, Status.WAITING_LIST)
PROMOTABLE = (Status.WAITING_LIST, Status.OFFERED)

STATUS_MAIL = {
    Status.PENDING: "confirm",
    Status.AWAITING_APPROVAL: "awaiting_approval",
    Status.CONFIRMED: "confirmed",
    Status.WAITING_LIST: "waiting_list",
    Status.OFFERED: "offered",
}


def _locked(registration: Registration) -> tuple[Event, Registration]:
    """Lock the event (the allocation lock), then re-read the registration under it."""
    event = lock_for_allocation(Event, registration.event_id)
    fresh = Registration.objects.select_for_update().get(pk=registration.pk)
    fresh.event = event
    return event, fresh


def _places_free(event: Event) -> int | None:
    taken = event.registrations.filter(status__in=Registration.HOLDING_PLACE).count()
    return places_left(event.capacity, taken)


def _invoice_place(event: Event, registration: Registration) -> None:
    """Invoice a paid event's confirmed place, in the confirmation's own transaction.

    The booking's members' price applies when its organisation is a member; each member
    organisation's first `free_places_per_member` confirmed places cost nothing, and nothing
    is invoiced at a unit price of 0. Called under the event's allocation lock, so the count
    of a member's free places cannot race.
    """
    booking = registration.booking
    if not event.is_paid or booking is None or registration.invoice_id:
        return
    today = timezone.localdate()
    line = event.line(
        f"{event.title}: {registration.name}",
        quantity=1,
        member=booking.member_price,
        on=booking.created_at.date() if booking.created_at else today,
    )
    if booking.member_price and event.free_places_per_member:
        free_taken = (
            Registration.objects.filter(
                event=event,
                status=Status.CONFIRMED,
                booking__member_price=True,
                booking__billing_organisation__iexact=booking.billing_organisation,
            )
            .exclude(pk=registration.pk)
            .filter(invoice__isnull=True)
            .count()
        )
        if free_taken < event.free_places_per_member:
            return
    if line.unit_net_cents == 0:
        return
    registration.invoice = invoice_issue(
        seller=event.seller,
        buyer=Buyer.of(booking),
        lines=[line],
        service_date=timezone.localtime(event.start).date(),
        region=event.region,
        source=registration,
        currency=event.currency,
    )
    registration.save(update_fields=["invoice", "updated_at"])


def _confirm_place(event: Event, registration: Registration, mail: str = "confirmed") -> None:
    """The one place where a registration gets its confirmed place (and its invoice)."""
    registration.status = Status.CONFIRMED
    registration.confirmed_at = timezone.now()
    registration.waiting_since = None
    registration.offer_expires_at = None
    registration.save()
    _invoice_place(event, registration)
    send_registration_mail(mail, registration)


def _allocate(event: Event, registration: Registration, *, approved=False):
    """Give the registration a place, or put it at the end of the waiting list."""
    now = timezone.now()
    free = _places_free(event)
    queue_exists = event.registrations.filter(status=Status.WAITING_LIST).exists()
    if free is None or (free > 0 and not queue_exists):
        _confirm_place(event, registration, "approved" if approved else "confirmed")
    else:
        registration.status = Status.WAITING_LIST
        registration.waiting_since = now
        registration.save()
        send_registration_mail("waiting_list", registration)


def _offer_free_places(event: Event) -> int:
    """Offer every free place to the next people on the waiting list, in order."""
    free = _places_free(event)
    if free is None or free == 0 or event.start <= timezone.now():
        return 0
    expires = timezone.now() + dt.timedelta(hours=event.offer_hold_hours)
    offered = 0
    for registration in event.registrations.waiting_in_order().select_for_update()[:free]:
        registration.status = Status.OFFERED
        registration.offer_expires_at = expires
        registration.event = event
        registration.save()
        send_registration_mail("offered", registration)
        offered += 1
    return offered


def is_member_organisation(*names: str) -> bool:
    """Whether one of the names is a member organisation's (case-insensitive, whole name)."""
    query = Q()
    for name in filter(None, (name.strip() for name in names)):
        query |= Q(name__iexact=name)
    if not query:
        return False
    return Organisation.objects.filter(query, status=Organisation.Status.MEMBER).exists()


@dataclass
class RegisterResult:
    registration: Registration
    created: bool


def register(
    *,
    event: Event,
    name: str,
    email: str,
    language: str,
    consent: dict,
    organisation_name: str = "",
    role: str = "",
    show_organisation_publicly: bool = False,
    answers: dict | None = None,
    billing: dict | None = None,
    member: bool = False,
) -> RegisterResult:
    """Record a pending registration and mail the confirmation link.

    The same e-mail address registering again for the same event gets no second
    registration: the link for the one that exists is mailed again instead.
    """
    if not event.accepts_registrations:
        raise RegistrationNotOpen
    # No look-up first: the unique constraint on the active registrations of an address is the
    # check (one query less for every new registration, and no race between look-up and insert).
    try:
        with transaction.atomic():
            booking = None
            if event.is_paid:
                if not billing:
                    raise RegistrationError(_("Please give the billing details."))
                booking = Booking.objects.create(
                    event=event,
                    booker_name=name,
                    booker_email=email,
                    member_price=member
                    and is_member_organisation(organisation_name, billing["billing_organisation"]),
                    **billing,
                )
            registration = Registration.objects.create(
                booking=booking,
                event=event,
                name=name,
                email=email,
                language=language,
                organisation_name=organisation_name,
                role=role,
                show_organisation_publicly=show_organisation_publicly,
                **consent,
            )
            if answers:
                RegistrationAnswer.objects.bulk_create(
                    RegistrationAnswer(registration=registration, question=question, value=value)
                    for question, value in answers.items()
                )
            send_registration_mail("confirm", registration)
    except IntegrityError:
        # This address already has an active registration (or a parallel request made it).
        existing = Registration.objects.active().get(event=event, email__iexact=email)
    else:
        return RegisterResult(registration=registration, created=True)
    send_registration_mail(STATUS_MAIL[existing.status], existing)
    return RegisterResult(registration=existing, created=False)


def confirm(*, registration: Registration) -> Registration:
    """The person clicked the link: confirmed, waiting list or awaiting approval."""
    with transaction.atomic():
        event, registration = _locked(registration)
        if registration.status != Status.PENDING:
            return registration
        if event.start <= timezone.now():
            raise RegistrationNotOpen
        if event.requires_approval:
            registration.status = Status.AWAITING_APPROVAL
            registration.save()
            send_registration_mail("awaiting_approval", registration)
        else:
            _allocate(event, registration)
    return registration


def approve(*, registration: Registration) -> Registration:
    """A manager lets the person take part (waiting list when the event has filled up)."""
    with transaction.atomic():
        event, registration = _locked(registration)
        if registration.status not in CONFIRMABLE:
            raise RegistrationError(_("Only registrations awaiting approval can be approved."))
        _allocate(event, registration, approved=True)
    return registration


def decline(*, registration: Registration, reason: str = "") -> Registration:
    """A manager turns the registration down; the person is told, with the reason if given."""
    with transaction.atomic():
        _event, registration = _locked(registration)
        if registration.status not in DECLINABLE:
            raise RegistrationError(_("Only open registrations can be declined."))
        registration.status = Status.DECLINED
        registration.waiting_since = None
        registration.save()
        send_registration_mail("declined", registration, reason=reason)
    return registration


def cancel(*, registration: Registration, notify: bool = True) -> Registration:
    """Cancel (or leave the waiting list); a freed place is offered to the next in line.

    `notify=False` tells only the person who is offered the freed place: an erasure must not
    mail (and queue, with the address) the person whose data it erases."""
    with transaction.atomic():
        event, registration = _locked(registration)
        if not registration.is_active:
            raise RegistrationError(_("This registration is no longer active."))
        freed = registration.status in Registration.HOLDING_PLACE
        registration.status = Status.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.offer_expires_at = None
        registration.waiting_since = None
        registration.save()
        if registration.invoice_id and registration.invoice.status != Invoice.Status.CANCELLED:
            credit_note_issue(invoice=registration.invoice)
        if notify:
            send_registration_mail("cancelled", registration)
        if freed:
            _offer_free_places(event)
    return registration


def accept_offer(*, registration: Registration) -> Registration:
    expired = False
    with transaction.atomic():
        event, registration = _locked(registration)
        if registration.status != Status.OFFERED:
            raise RegistrationError(_("No place is being offered to this registration."))
        if registration.offer_is_open:
            _confirm_place(event, registration)
        else:
            expired = True
            _lapse_offer(registration)
            _offer_free_places(event)
    if expired:
        raise OfferExpired
    return registration


def promote(*, registration: Registration) -> Registration:
    """A manager takes someone from the waiting list straight to a confirmed place."""
    with transaction.atomic():
        event, registration = _locked(registration)
        if registration.status == Status.WAITING_LIST:
            if _places_free(event) == 0:
                raise NoPlaceLeft
        elif registration.status not in PROMOTABLE:
            raise RegistrationError(_("Only people on the waiting list can be promoted."))
        _confirm_place(event, registration)
    return registration


def manager_confirm(*, registration: Registration) -> Registration:
    """The admin's "confirm": the same rules as the person's own confirmation or approval."""
    if registration.status == Status.AWAITING_APPROVAL:
        return approve(registration=registration)
    if registration.status == Status.PENDING:
        if registration.event.requires_approval:
            return approve(registration=registration)
        return confirm(registration=registration)
    raise RegistrationError(_("Only pending registrations can be confirmed."))


def _lapse_offer(registration: Registration) -> None:
    registration.status = Status.LAPSED
    registration.offer_expires_at = None
    registration.waiting_since = None
    registration.save()


@dataclass
class DeadlineReport:
    offers_lapsed: int = 0
    pending_lapsed: int = 0
    offers_made: int = 0


def process_deadlines(*, now: dt.datetime | None = None) -> DeadlineReport:
    """Lapse old offers and unconfirmed registrations, and offer every free place.

    Safe to run as often as wished: a second run finds nothing more to do.
    """
    now = now or timezone.now()
    report = DeadlineReport()
    pending_deadline = ExpressionWrapper(
        F("created_at") + F("event__pending_lapse_hours") * dt.timedelta(hours=1),
        output_field=DateTimeField(),
    )
    report.pending_lapsed = (
        Registration.objects.filter(status=Status.PENDING)
        .alias(lapses_at=pending_deadline)
        .filter(lapses_at__lte=now)
        .update(status=Status.LAPSED, updated_at=now)
    )
    # An unconfirmed registration holds no place and shows nowhere: lapsing it changes no page.
    event_ids = set(
        Registration.objects.filter(
            status__in=[Status.OFFERED, Status.WAITING_LIST], event__start__gt=now
        ).values_list("event_id", flat=True)
    )
    for event_id in sorted(event_ids):
        with transaction.atomic():
            event = lock_for_allocation(Event, event_id)
            expired = event.registrations.select_for_update().filter(
                status=Status.OFFERED, offer_expires_at__lte=now
            )
            for registration in expired:
                _lapse_offer(registration)
                report.offers_lapsed += 1
            report.offers_made += _offer_free_places(event)
    return report


def send_reminders(*, hours: int = 48, now: dt.datetime | None = None) -> int:
    """Remind confirmed participants of events starting within `hours`, once each."""
    now = now or timezone.now()
    due = Registration.objects.filter(
        status=Status.CONFIRMED,
        reminded_at__isnull=True,
        event__start__gt=now,
        event__start__lte=now + dt.timedelta(hours=hours),
    ).select_related("event")
    sent = 0
    for registration in due:
        # Claim the reminder first, so two runs at once cannot both send it.
        claimed = Registration.objects.filter(pk=registration.pk, reminded_at__isnull=True).update(
            reminded_at=now
        )
        if claimed:
            send_registration_mail("reminder", registration)
            sent += 1
    return sent


@dataclass
class CheckIn:
    registration: Registration
    already: bool


def check_in(*, registration: Registration) -> CheckIn:
    with transaction.atomic():
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status != Status.CONFIRMED:
            raise NotConfirmed
        if registration.checked_in_at:
            return CheckIn(registration=registration, already=True)
        registration.checked_in_at = timezone.now()
        registration.save(update_fields=["checked_in_at", "updated_at"])
    return CheckIn(registration=registration, already=False)


@transaction.atomic
def anonymise_registrations(*, registrations, now: dt.datetime | None = None) -> int:
    """Replace the person's data with neutral values; status and event stay for statistics.

    Registrations that still hold or wait for a place of a coming event are cancelled first
    (through `cancel`, so the waiting list moves up, without a cancellation mail to the
    address being erased). Already anonymised rows are skipped.
    """
    now = now or timezone.now()
    done = 0
    for registration in registrations.filter(anonymised_at__isnull=True).select_related("event"):
        if registration.is_active and registration.event.start > now:
            registration = cancel(registration=registration, notify=False)
        registration.answers.update(value="")
        Registration.objects.filter(pk=registration.pk).update(
            name=ANONYMOUS_NAME,
            email=anonymous_email(registration.pk),
            organisation_name="",
            role="",
            show_organisation_publicly=False,
            anonymised_at=now,
            updated_at=now,
        )
        # update() sends no signal: the participants list may have named the organisation.
        content_changed(f"events:participants:{registration.event_id}")
        done += 1
    return done


def delete_own_data(*, registration: Registration) -> Registration:
    """The person's "delete my data": cancel if still active, then anonymise."""
    anonymise_registrations(registrations=Registration.objects.filter(pk=registration.pk))
    registration.refresh_from_db()
    return registration
