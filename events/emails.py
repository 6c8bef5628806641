"""The e-mails of the registration life cycle, each in the language the person registered in."""

import os

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from cluster_portal import links
from cluster_portal.mail import send_mail_in_language

from .calendar import ics_attachment

CONFIRM_PURPOSE = "events.registration.confirm"
PERSONAL_PURPOSE = "events.registration"
# The personal link (ticket, cancel, waiting list) must work until the event, which may be
# months after registering; the confirmation link uses the portal's short default.
PERSONAL_LINK_MAX_AGE = 400 * 24 * 3600

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


def site_url() -> str:
    """Where the portal answers, for links in e-mails and calendars (no request at hand)."""
    url = getattr(settings, "SITE_URL", "") or os.environ.get("SITE_URL", "")
    return (url or "http://127.0.0.1:8000").rstrip("/")


def confirm_token(registration) -> str:
    return links.make_token(
        purpose=CONFIRM_PURPOSE, pk=registration.pk, state=registration.Status.PENDING
    )


def personal_token(registration) -> str:
    return links.make_token(purpose=PERSONAL_PURPOSE, pk=registration.pk)


def confirm_url(registration) -> str:
    with translation.override(registration.language):
        path = reverse("events:confirm", kwargs={"token": confirm_token(registration)})
    return site_url() + path


def personal_url(registration) -> str:
    with translation.override(registration.language):
        path = reverse("events:registration", kwargs={"token": personal_token(registration)})
    return site_url() + path


def send_registration_mail(kind: str, registration) -> None:
    event = registration.event
    with translation.override(registration.language):
        event_url = site_url() + event.get_absolute_url()
    context = {
        "registration": registration,
        "event": event,
        "event_url": event_url,
        "personal_url": personal_url(registration),
        # The online link goes only to people who hold a place.
        "online_link": event.online_link
        if registration.status == registration.Status.CONFIRMED
        else "",
    }
    if kind == "confirm":
        context["confirm_url"] = confirm_url(registration)
    send_mail_in_language(
        template=TEMPLATES[kind],
        to=[registration.email],
        language=registration.language,
        context=context,
        attachments=[ics_attachment(event, base_url=site_url())],
    )
