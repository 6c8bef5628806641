"""B2B meetings at events: the participant's pages behind their personal registration link.

The link is the one the events app mails to each registered person (`events.emails`); it
identifies the participant, so no account or password is needed.
"""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from core import links
from core.refusals import RuleRefused
from events.apps import PERSONAL_PURPOSE
from events.emails import personal_token, registration_for_link
from events.models import Event, Registration

from . import services
from .calendar import schedule_ics
from .forms import B2BProfileForm, MeetingRequestForm
from .models import B2BProfile, Meeting


class NotParticipating(links.LinkError):
    """Cancelled, waiting or unconfirmed: the B2B pages are for confirmed participants; the
    page links to the person's registration instead."""

    status = 403
    template_name = "b2b/not_participating.html"

    def __init__(self, registration):
        super().__init__(registration.pk)
        self.registration = registration

    def context(self) -> dict:
        registration = self.registration
        return {
            "registration": registration,
            "event": registration.event,
            "token": personal_token(registration),
        }


def _participant(payload) -> Registration:
    registration = registration_for_link(payload)
    if registration.event.kind != Event.Kind.B2B_EXCHANGE:
        raise Http404
    if registration.status != Registration.Status.CONFIRMED:
        raise NotParticipating(registration)
    return registration


# Every B2B page: the participant's registration from the personal link, and the token to
# link on to the other B2B pages.
_with_participant = links.object_from_token(PERSONAL_PURPOSE, _participant, pass_token=True)


def _own_profile(registration):
    return B2BProfile.objects.filter(registration=registration).first()


def _meetings(registration):
    return list(
        Meeting.objects.for_registration(registration)
        .with_people()
        .order_by("slot__start", "created_at", "pk")
    )


@_with_participant
def b2b_home(request, registration, *, token):
    """The participant's B2B page: own profile, requests both ways, link to the schedule."""
    profile = _own_profile(registration)
    if request.method == "POST":
        form = B2BProfileForm(request.POST, instance=profile)
        if form.is_valid():
            try:
                services.b2b_profile_save(registration=registration, form=form)
            except RuleRefused as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("Your profile has been saved."))
            return redirect("b2b:home", token=token)
    else:
        form = B2BProfileForm(instance=profile)
    meetings = _meetings(registration)
    context = {
        "registration": registration,
        "event": registration.event,
        "token": token,
        "form": form,
        "profile": profile,
        "received": [
            m for m in meetings if m.recipient_id == registration.pk and m.status == "requested"
        ],
        "meetings": meetings,
    }
    return render(request, "b2b/home.html", context)


@_with_participant
def b2b_participants(request, registration, *, token):
    """The other participants' published profiles, each with a meeting request form."""
    profiles = list(
        B2BProfile.objects.published_for(registration.event).exclude(registration=registration)
    )
    asked = {
        meeting.partner_id_of(registration): meeting
        for meeting in Meeting.objects.for_registration(registration).only(
            "requester_id", "recipient_id", "status"
        )
    }
    for profile in profiles:
        profile.my_meeting = asked.get(profile.registration_id)
    context = {
        "registration": registration,
        "event": registration.event,
        "token": token,
        "profiles": profiles,
        "has_profile": _own_profile(registration) is not None,
        "form": MeetingRequestForm(),
    }
    return render(request, "b2b/participants.html", context)


@_with_participant
def b2b_request(request, registration, *, token, pk):
    if request.method != "POST":
        return redirect("b2b:participants", token=token)
    recipient = get_object_or_404(Registration, pk=pk, event=registration.event)
    form = MeetingRequestForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please shorten your message to at most 1000 characters."))
        return redirect("b2b:participants", token=token)
    try:
        services.meeting_request(
            requester=registration, recipient=recipient, message=form.cleaned_data["message"]
        )
    except RuleRefused as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Your request has been sent to %(name)s. We will tell you the answer by e-mail.")
            % {"name": recipient.name},
        )
    return redirect("b2b:participants", token=token)


@_with_participant
def b2b_answer(request, registration, *, token, pk):
    if request.method != "POST":
        return redirect("b2b:home", token=token)
    meeting = get_object_or_404(Meeting, pk=pk, event=registration.event)
    action = request.POST.get("action")
    if action not in {"accept", "decline"}:
        messages.error(request, _("This action is not available."))
        return redirect("b2b:home", token=token)
    try:
        services.meeting_answer(
            meeting=meeting, registration=registration, accept=action == "accept"
        )
    except RuleRefused as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("You have accepted the meeting.")
            if action == "accept"
            else _("You have declined the meeting."),
        )
    return redirect("b2b:home", token=token)


def _schedule_context(registration, token):
    meetings = [m for m in _meetings(registration) if m.status == Meeting.Status.ACCEPTED]
    for meeting in meetings:
        meeting.partner = meeting.partner_of(registration)
    return {
        "registration": registration,
        "event": registration.event,
        "token": token,
        "placed": [m for m in meetings if m.is_placed],
        "unplaced": [m for m in meetings if not m.is_placed],
        "generated_at": timezone.now(),
    }


@_with_participant
def b2b_schedule(request, registration, *, token):
    return render(request, "b2b/schedule.html", _schedule_context(registration, token))


@_with_participant
def b2b_schedule_print(request, registration, *, token):
    return render(request, "b2b/schedule_print.html", _schedule_context(registration, token))


@_with_participant
def b2b_schedule_ics(request, registration, *, token):
    placed = _schedule_context(registration, token)["placed"]
    content = schedule_ics(registration, placed)
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="b2b-{registration.event.slug}.ics"'
    return response
