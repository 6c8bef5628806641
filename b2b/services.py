"""Writes of the B2B meetings that carry rules; the participant's pages and the admin call these.

Asking for a meeting and answering tell the other side by e-mail (queued in the same
transaction); placing a meeting by hand locks the event like the scheduler (`scheduler.py`).
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core import links
from core.allocation import lock_for_allocation
from core.mail import send_mail_in_language
from core.refusals import RuleRefused
from core.site_urls import absolute_url
from events.apps import PERSONAL_PURPOSE
from events.emails import personal_token
from events.models import Event, Registration
from members.models import ContactPerson, Organisation

from .models import B2BProfile, Meeting, MeetingSeat


class B2BError(RuleRefused):
    """A B2B action the rules do not allow; `message` says why in the user's words."""


def b2b_url(registration) -> str:
    """The participant's B2B page, absolute, in their language (for e-mails)."""
    with translation.override(registration.language):
        path = reverse("b2b:home", kwargs={"token": personal_token(registration)})
    return absolute_url(path)


def b2b_url_valid_until():
    """When a B2B page link made now stops working: it is the personal registration link."""
    return links.valid_until(PERSONAL_PURPOSE)


def b2b_check_participant(registration) -> None:
    if registration.event.kind != Event.Kind.B2B_EXCHANGE:
        raise B2BError(_("This event has no B2B meetings."))
    if registration.status != Registration.Status.CONFIRMED:
        raise B2BError(_("Only confirmed participants take part in the B2B meetings."))


@transaction.atomic
def b2b_profile_save(*, registration, form) -> B2BProfile:
    """Publish or update a participant's profile from the form on their B2B page."""
    b2b_check_participant(registration)
    profile = form.save(commit=False)
    profile.registration = registration
    if profile.organisation_id is None:
        # A member's contact person: the profile links to the member's directory entry.
        contact = (
            ContactPerson.objects.filter(
                email__iexact=registration.email, organisation__status=Organisation.Status.MEMBER
            )
            .select_related("organisation")
            .first()
        )
        profile.organisation = contact.organisation if contact else None
    profile.save()
    form.save_m2m()
    return profile


@transaction.atomic
def meeting_request(*, requester, recipient, message: str = "") -> Meeting:
    """Ask another participant for a meeting; they are told by e-mail in their language."""
    b2b_check_participant(requester)
    if recipient.event_id != requester.event_id or recipient.pk == requester.pk:
        raise B2BError(_("You can only ask other participants of the same event."))
    if not B2BProfile.objects.published_for(requester.event).filter(registration=recipient):
        raise B2BError(_("This participant does not take meeting requests."))
    if not B2BProfile.objects.filter(registration=requester).exists():
        raise B2BError(_("Please publish your own profile first, so the other side knows you."))
    try:
        with transaction.atomic():
            meeting = Meeting.objects.create(
                event=requester.event, requester=requester, recipient=recipient, message=message
            )
    except IntegrityError as error:
        raise B2BError(_("You two already have a meeting request.")) from error
    send_mail_in_language(
        template="b2b/email/meeting_requested",
        to=[recipient.email],
        language=recipient.language,
        context={
            "meeting": meeting,
            "event": requester.event,
            "profile": requester.b2b_profile,
            "url": b2b_url(recipient),
            "url_valid_until": b2b_url_valid_until(),
        },
    )
    return meeting


@transaction.atomic
def meeting_answer(*, meeting: Meeting, registration, accept: bool) -> Meeting:
    """The asked participant accepts or declines; the asker hears of it in their language."""
    meeting = (
        Meeting.objects.select_for_update().select_related("requester", "event").get(pk=meeting.pk)
    )
    if meeting.recipient_id != registration.pk:
        raise B2BError(_("Only the person asked can answer this request."))
    if meeting.status != Meeting.Status.REQUESTED:
        raise B2BError(_("This request has already been answered."))
    b2b_check_participant(registration)
    meeting.status = Meeting.Status.ACCEPTED if accept else Meeting.Status.DECLINED
    meeting.answered_at = timezone.now()
    meeting.save(update_fields=["status", "answered_at"])
    send_mail_in_language(
        template="b2b/email/meeting_" + ("accepted" if accept else "declined"),
        to=[meeting.requester.email],
        language=meeting.requester.language,
        context={
            "meeting": meeting,
            "event": meeting.event,
            "partner": registration,
            "url": b2b_url(meeting.requester),
            "url_valid_until": b2b_url_valid_until(),
        },
    )
    return meeting


@transaction.atomic
def meeting_place(*, meeting: Meeting, slot, table) -> Meeting:
    """Move a meeting to another slot and table (or take it off the schedule with None).

    The event row is locked like in the scheduler, so a manager's move and a scheduler run
    never interleave; the unique constraints refuse any double booking that slipped through.
    """
    lock_for_allocation(Event, meeting.event_id)
    meeting.slot, meeting.table = slot, table
    meeting.full_clean()
    MeetingSeat.objects.filter(meeting=meeting).delete()
    if slot is not None:
        meeting.unplaced_reason = ""
    try:
        with transaction.atomic():
            meeting.save()
            if slot is not None:
                MeetingSeat.objects.bulk_create(
                    MeetingSeat(meeting=meeting, registration_id=person, slot=slot)
                    for person in (meeting.requester_id, meeting.recipient_id)
                )
    except IntegrityError as error:
        raise ValidationError(
            _("This slot or table was just taken by another meeting. Please choose again.")
        ) from error
    return meeting
