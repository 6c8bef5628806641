"""The e-mails of the registration life cycle, each in the language the person registered in."""

from django.urls import reverse
from django.utils import translation

from core import links
from core.mail import send_mail_in_language
from core.site_urls import absolute_url

from .apps import CONFIRM_PURPOSE, PERSONAL_PURPOSE
from .calendar import ics_attachment
from .models import Registration

TEMPLATES = {
    "confirm": "events/emails/confirm_registration",
    "confirmed": "events/emails/confirmed",
    "awaiting_approval": "events/emails/awaiting_approval",
    "waiting_list": "events/emails/waiting_list",
    "offered": "events/emails/place_offered",
    "approved": "events/emails/approved",
    "declined": "events/emails/declined",
    "cancelled": "events/emails/cancelled",
    "reminder": "events/emails/reminder",
}


def confirm_token(registration) -> str:
    return links.make_token(
        purpose=CONFIRM_PURPOSE, pk=registration.pk, state=registration.Status.PENDING
    )


def personal_token(registration) -> str:
    return links.make_token(purpose=PERSONAL_PURPOSE, pk=registration.pk)


def registration_for_link(payload: links.LinkPayload):
    """The registration behind a confirmation or personal link (`links.object_from_token`)."""
    registration = Registration.objects.select_related("event").filter(pk=payload.pk).first()
    if registration is None:
        raise links.LinkError
    return registration


def confirm_url(registration) -> str:
    with translation.override(registration.language):
        path = reverse("events:confirm", kwargs={"token": confirm_token(registration)})
    return absolute_url(path)


def personal_url(registration) -> str:
    with translation.override(registration.language):
        path = reverse("events:registration", kwargs={"token": personal_token(registration)})
    return absolute_url(path)


def registered_by(registration) -> str:
    """The booker's name when someone else registered this person (a group booking)."""
    booking = registration.booking if registration.booking_id else None
    if booking is None or booking.booker_email.lower() == registration.email.lower():
        return ""
    return booking.booker_name


def send_registration_mail(kind: str, registration, *, reason: str = "") -> None:
    """`reason`: a manager's words on a decision, quoted in the mail (a decline's reason)."""
    event = registration.event
    with translation.override(registration.language):
        event_url = absolute_url(event.get_absolute_url())
    context = {
        "registration": registration,
        "event": event,
        "event_url": event_url,
        "personal_url": personal_url(registration),
        "personal_url_valid_until": links.valid_until(PERSONAL_PURPOSE),
        # The online link goes only to people who hold a place.
        "online_link": event.online_link
        if registration.status == registration.Status.CONFIRMED
        else "",
        "reason": reason,
        "registered_by": registered_by(registration),
    }
    if kind == "confirm":
        context["confirm_url"] = confirm_url(registration)
        # The link stops working when it expires or when the registration lapses unconfirmed.
        context["confirm_by"] = min(
            links.valid_until(CONFIRM_PURPOSE), registration.pending_lapses_at()
        )
        # A group booking: confirming registers the further participants too.
        if registration.booking_id:
            context["group"] = list(
                registration.booking.registrations.filter(status=registration.Status.PENDING)
                .exclude(pk=registration.pk)
                .order_by("pk")
            )
    send_mail_in_language(
        template=TEMPLATES[kind],
        to=[registration.email],
        language=registration.language,
        context=context,
        # An event whose date is not recorded has no calendar entry to offer.
        attachments=[ics_attachment(event)] if event.has_known_date else [],
    )
