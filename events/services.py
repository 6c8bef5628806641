"""Registration rules: every change of a registration's status goes through these functions.

Views, admin actions and management commands call the same functions. Anything that hands
out or frees a place locks the event row first (`lock_for_allocation`) and counts the places
taken under that lock, so parallel requests can never over-book an event. E-mails are queued
inside the same transaction (the mail queue lives in the database), so a message commits or
rolls back together with the change it announces: none is lost, none tells of a change that
was rolled back.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import DateTimeField, ExpressionWrapper, F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from billing.models import Invoice
from billing.pricing import Line
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


def _place_line(event: Event, registration: Registration) -> Line:
    """One confirmed place at the booking's price: members' price, early bird as booked.

    The early-bird date is the day the booking was made in the portal's time zone.
    """
    booking = registration.booking
    return event.line(
        f"{event.title}: {registration.name}",
        quantity=1,
        member=booking.member_price,
        on=timezone.localdate(booking.created_at),
    )


def _member_free_places_left(event: Event, booking: Booking, places: list[Registration]) -> int:
    """How many of a member organisation's free places `places` may still take."""
    if not (booking.member_price and event.free_places_per_member):
        return 0
    taken = (
        Registration.objects.filter(
            event=event,
            status=Status.CONFIRMED,
            booking__member_price=True,
            booking__billing_organisation__iexact=booking.billing_organisation,
            invoice__isnull=True,
        )
        .exclude(pk__in=[place.pk for place in places])
        .count()
    )
    return max(event.free_places_per_member - taken, 0)


def _issue_place_invoice(
    event: Event, booking: Booking, places: list[Registration], lines: list[Line]
) -> Invoice:
    """One invoice to the booking, one line per place (in the places' order), set on each.

    A single place is the invoice's source; several are invoiced for their booking.
    """
    invoice = invoice_issue(
        seller=event.seller,
        buyer=Buyer.of(booking),
        lines=lines,
        service_date=timezone.localtime(event.start).date(),
        region=event.region,
        source=places[0] if len(places) == 1 else booking,
        currency=event.currency,
        language=places[0].language,
    )
    Registration.objects.filter(pk__in=[place.pk for place in places]).update(
        invoice=invoice, updated_at=timezone.now()
    )
    for place in places:
        place.invoice = invoice
    return invoice


def _invoice_places(event: Event, registrations: list[Registration]) -> None:
    """Invoice a paid event's newly confirmed places of one booking on one invoice.

    Called in the confirmation's own transaction, under the event's allocation lock (so the
    count of a member's free places cannot race). The booking's members' price applies when
    its organisation is a member; each member organisation's first `free_places_per_member`
    confirmed places cost nothing, and nothing is invoiced at a unit price of 0.
    """
    places = sorted(
        (r for r in registrations if r.booking_id and not r.invoice_id), key=lambda r: r.pk
    )
    if not event.is_paid or not places:
        return
    booking = places[0].booking
    free_left = _member_free_places_left(event, booking, places)
    invoiced, lines = [], []
    for place in places:
        if free_left:
            free_left -= 1
            continue
        line = _place_line(event, place)
        if line.unit_net_cents:
            invoiced.append(place)
            lines.append(line)
    if invoiced:
        _issue_place_invoice(event, booking, invoiced, lines)


def _credit_place(event: Event, registration: Registration) -> None:
    """Credit a cancelled place's invoice; the rest of a group's invoice is invoiced anew.

    The whole invoice is cancelled by a credit note, and the places of it that are still
    confirmed get a new invoice with their lines as they were (the way pretix does it), all
    in the cancellation's transaction.
    """
    invoice = registration.invoice
    places = list(Registration.objects.filter(invoice=invoice).order_by("pk"))
    lines = [
        Line(
            description=line.description,
            quantity=line.quantity,
            unit_net_cents=line.unit_net_cents,
            vat_rate=line.vat_rate,
            vat_exemption=line.vat_exemption,
        )
        for line in invoice.lines.order_by("position")
    ]
    if len(lines) != len(places):
        # Not one line per place (an invoice from elsewhere): price the places as booked.
        lines = [_place_line(event, place) for place in places]
    credit_note_issue(invoice=invoice, language=registration.language)
    rest = [
        (place, line)
        for place, line in zip(places, lines, strict=True)
        if place.pk != registration.pk and place.status == Status.CONFIRMED
    ]
    if rest:
        _issue_place_invoice(
            event,
            registration.booking,
            [place for place, _line in rest],
            [line for _place, line in rest],
        )


def _confirm_place(
    event: Event, registration: Registration, mail: str = "confirmed", *, invoice: bool = True
) -> None:
    """The one place where a registration gets its confirmed place (and its invoice).

    `invoice=False`: the caller invoices the place together with the rest of its group.
    """
    registration.status = Status.CONFIRMED
    registration.confirmed_at = timezone.now()
    registration.waiting_since = None
    registration.offer_expires_at = None
    registration.save()
    if invoice:
        _invoice_places(event, [registration])
    send_registration_mail(mail, registration)


def _allocate(event: Event, registration: Registration, *, approved=False, invoice=True) -> bool:
    """Give the registration a place, or put it at the end of the waiting list.

    True when it got a place.
    """
    now = timezone.now()
    free = _places_free(event)
    queue_exists = event.registrations.filter(status=Status.WAITING_LIST).exists()
    if free is None or (free > 0 and not queue_exists):
        mail = "approved" if approved else "confirmed"
        _confirm_place(event, registration, mail, invoice=invoice)
        return True
    registration.status = Status.WAITING_LIST
    registration.waiting_since = now
    registration.save()
    send_registration_mail("waiting_list", registration)
    return False


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


@dataclass(frozen=True)
class Participant:
    """A further participant of a group booking, registered by the booker."""

    name: str
    email: str
    role: str = ""


class ParticipantAlreadyRegistered(RegistrationError):
    message = _(
        "One of the further participants has just been registered for this event by "
        "someone else. Please check the participants and send the form again."
    )


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
    participants: Sequence[Participant] = (),
) -> RegisterResult:
    """Record a pending registration and mail the confirmation link.

    The same e-mail address registering again for the same event gets no second
    registration: the link for the one that exists is mailed again instead.

    A group booking (`participants`, paid events only): one booking, and a pending
    registration for the booker and for each further participant of their organisation
    (same organisation and language; the booker's consent covers passing their data on).
    The booker alone is mailed now; confirming the booker's address allocates the whole
    group (`confirm`), and only then are the participants mailed. Nothing is recorded when
    one of the further participants is already registered.
    """
    if not event.accepts_registrations:
        raise RegistrationNotOpen
    if participants and not event.is_paid:
        raise RegistrationError(_("Group bookings are only taken for paid events."))
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
            shared = {
                "booking": booking,
                "event": event,
                "language": language,
                "organisation_name": organisation_name,
                "show_organisation_publicly": show_organisation_publicly,
                **consent,
            }
            registration = Registration.objects.create(name=name, email=email, role=role, **shared)
            for participant in participants:
                Registration.objects.create(
                    name=participant.name, email=participant.email, role=participant.role, **shared
                )
            if answers:
                RegistrationAnswer.objects.bulk_create(
                    RegistrationAnswer(registration=registration, question=question, value=value)
                    for question, value in answers.items()
                )
            send_registration_mail("confirm", registration)
    except IntegrityError:
        # This address already has an active registration (or a parallel request made it);
        # or, in a group, one of the further participants' addresses has.
        existing = Registration.objects.active().filter(event=event, email__iexact=email).first()
        if existing is None:
            raise ParticipantAlreadyRegistered from None
    else:
        return RegisterResult(registration=registration, created=True)
    send_registration_mail(STATUS_MAIL[existing.status], existing)
    return RegisterResult(registration=existing, created=False)


def _pending_group(registration: Registration) -> list[Registration]:
    """The registration and the other pending registrations of its booking, locked, in order."""
    if registration.booking_id is None:
        return [registration]
    others = (
        Registration.objects.select_for_update()
        .filter(booking_id=registration.booking_id, status=Status.PENDING)
        .exclude(pk=registration.pk)
    )
    group = sorted([registration, *others], key=lambda member: member.pk)
    for member in group:
        member.event = registration.event
    return group


def confirm(*, registration: Registration) -> Registration:
    """The person clicked the link: confirmed, waiting list or awaiting approval.

    For a group booking, confirming allocates every pending registration of the booking in
    turn, under the one allocation lock: places while they last, then the waiting list (or
    each awaits approval). The places confirmed here are invoiced together, on one invoice.
    """
    with transaction.atomic():
        event, registration = _locked(registration)
        if registration.status != Status.PENDING:
            return registration
        if event.start <= timezone.now():
            raise RegistrationNotOpen
        confirmed = []
        for member in _pending_group(registration):
            if event.requires_approval:
                member.status = Status.AWAITING_APPROVAL
                member.save()
                send_registration_mail("awaiting_approval", member)
            elif _allocate(event, member, invoice=False):
                confirmed.append(member)
        _invoice_places(event, confirmed)
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
            _credit_place(event, registration)
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
