import segno
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.db import transaction
from django.db.models import Prefetch, Q, prefetch_related_objects
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.functional import SimpleLazyObject
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import fragments, links
from core.fragments import lazy_page
from core.ratelimit import limited_response, refuse_if_limited
from core.refusals import RuleRefused
from core.site_urls import absolute_url

from . import services
from .apps import CONFIRM_PURPOSE, PERSONAL_PURPOSE
from .calendar import calendar_bytes, feed_name
from .emails import registration_for_link
from .filters import EventFilter
from .forms import BookingDetailsForm, CheckInSearchForm, ParticipantFormSet, RegistrationForm
from .models import Event, Registration, RegistrationState, Session

PAGE_SIZE = 20


def _listing(request, queryset, *, archive: bool):
    queryset = queryset.select_related("region").with_places_taken()
    # Lazy: the template reads the filters and the page only when its cached fragment has to
    # be rendered.
    filterset = SimpleLazyObject(
        lambda: EventFilter(request.GET or None, queryset=queryset, request=request)
    )
    page = lazy_page(request, filterset, PAGE_SIZE)
    return render(
        request,
        "events/event_list.html",
        {"page_obj": page, "filter": filterset, "archive": archive},
    )


def event_list(request):
    return _listing(request, Event.objects.upcoming(), archive=False)


def event_archive(request):
    return _listing(request, Event.objects.past(), archive=True)


def _event_for_page(slug):
    return get_object_or_404(
        # Region, series and organiser come with the page's details: joining them here made
        # planning the query cost more than all the rest of a cached page.
        Event.objects.published().with_places_taken(),
        slug=slug,
    )


def _with_page_details(event):
    # The availability of the page's structured data is a live part, like the places left.
    event.availability_marker = fragments.live_marker("events:places", event.pk, "availability")
    sessions = Session.objects.prefetch_related("speakers__organisation")
    prefetch_related_objects(
        [event],
        "region",
        "series",
        "organiser",
        "picture",
        "co_organisers",
        "innovation_fields",
        Prefetch("sessions", queryset=sessions),
    )
    return event


def _participating_organisations(event):
    return list(
        Registration.objects.filter(
            event=event, status=Registration.Status.CONFIRMED, show_organisation_publicly=True
        )
        .exclude(organisation_name="")
        .order_by("organisation_name")
        .values_list("organisation_name", flat=True)
        .distinct()
    )


def _register(request, event, form, billing_form=None, participants=None) -> bool:
    """Register from a valid form and say so; False when registration closed meanwhile (or
    a further participant was registered meanwhile)."""
    paid = billing_form is not None
    group = participants.participants() if participants is not None else []
    try:
        result = services.register(
            event=event,
            name=form.cleaned_data["name"],
            email=form.cleaned_data["email"],
            organisation_name=form.cleaned_data["organisation_name"],
            role=form.cleaned_data["role"],
            show_organisation_publicly=form.cleaned_data["show_organisation_publicly"],
            language=translation.get_language(),
            consent=form.consent_values(),
            answers=form.answers(),
            billing=billing_form.billing_values() if paid else None,
            member=paid and billing_form.cleaned_data["is_member"],
            participants=group,
        )
    except (services.RegistrationNotOpen, services.ParticipantAlreadyRegistered) as error:
        messages.error(request, error.message)
        return False
    if result.created and group:
        messages.success(
            request,
            _(
                "Thank you. We have sent you an e-mail: please confirm your registration "
                "with the link in it. Your confirmation registers the further participants "
                "too; each of them then receives their own e-mail."
            ),
        )
    elif result.created:
        messages.success(
            request,
            _(
                "Thank you. We have sent you an e-mail: please confirm your "
                "registration with the link in it."
            ),
        )
    elif group:
        messages.info(
            request,
            _(
                "This e-mail address is already registered for this event, so no second "
                "registration was made, and the further participants were not registered "
                "either. We have sent the link to your registration to it again."
            ),
        )
    else:
        messages.info(
            request,
            _(
                "This e-mail address is already registered for this event, so no "
                "second registration was made. We have sent the link to your "
                "registration to it again."
            ),
        )
    return True


def event_detail(request, slug):
    form = None
    billing_form = None
    participants = None
    refusal = None
    # The event with its places taken; the programme, organisers and participants are loaded
    # only when the page is rendered and its fragments are not cached.
    event = _event_for_page(slug)
    # Read with its places taken: the page's live parts need no query of their own.
    fragments.prime(request, "events:places", {event.pk: event})
    # The participants' fragment comes after the programme's: its token is read with theirs.
    fragments.expect_topics(request, f"events:participants:{event.pk}")
    if request.method == "POST":
        if not event.accepts_registrations:
            messages.error(request, _("Registration for this event is not open."))
            return redirect(event)
        form = RegistrationForm(request.POST, questions=event.questions.all())
        # Billing details only where money is due.
        billing_form = BookingDetailsForm(request.POST) if event.is_paid else None
        # A group booking: further participants of the booker's organisation, paid events only.
        participants = (
            ParticipantFormSet(
                request.POST, event=event, booker_email=request.POST.get("email", "")
            )
            if event.is_paid
            else None
        )
        # One transaction, one durable commit: the attempt is counted in the same transaction
        # as the registration, its answers, its history and its confirmation mail (a refused
        # or invalid submission commits the count alone). The counters' rows stay locked until
        # the commit, so submissions from one address follow one another, not at once.
        with transaction.atomic():
            refusal = refuse_if_limited(
                request, form, scope="event-registration", email=request.POST.get("email")
            )
            valid = (
                form.is_valid()
                & (billing_form is None or billing_form.is_valid())
                & (participants is None or participants.is_valid())
            )
            registered = (
                refusal is None
                and valid
                and _register(request, event, form, billing_form, participants)
            )
        if registered:
            # A page of its own, so that no second registration form follows the thanks.
            return redirect("events:registered", slug=event.slug)
    state = event.registration_state()
    if form is None and event.accepts_registrations:
        form = SimpleLazyObject(lambda: RegistrationForm(questions=list(event.questions.all())))
        billing_form = BookingDetailsForm() if event.is_paid else None
        participants = ParticipantFormSet(event=event) if event.is_paid else None
    # Lazy: the programme, participants and the empty form are read only when their cached
    # fragments have to be rendered (the joint stand too, by its template tag); the
    # registration state and places are always live.
    response = render(
        request,
        "events/event_detail.html",
        {
            "event": event,
            "event_details": SimpleLazyObject(lambda: _with_page_details(event)),
            "state": state,
            "states": RegistrationState,
            "form": form,
            "billing_form": billing_form if form is not None else None,
            "participants": participants if form is not None else None,
            "participating_organisations": SimpleLazyObject(
                lambda: _participating_organisations(event)
            ),
        },
    )
    return limited_response(response, refusal)


def registration_thanks(request, slug):
    """After registering: the thanks (a flash message) and what happens next, no form."""
    event = get_object_or_404(Event.objects.published(), slug=slug)
    return render(request, "events/registration_thanks.html", {"event": event})


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def event_ics(request, slug):
    # An event whose date is not recorded has nothing to put in a calendar (the page shows
    # no link either).
    event = get_object_or_404(Event.objects.published().with_known_date(), slug=slug)
    return _ics_response(calendar_bytes([event]), f"{slug}.ics")


def event_feed(request):
    # Written once per change of the events and per hour (an event that has ended leaves the
    # feed within the hour), not for every calendar that polls it.
    content = fragments.cached_value(
        request,
        "events:feed",
        ["events"],
        lambda: calendar_bytes(Event.objects.upcoming().with_known_date(), name=feed_name()),
        address=timezone.localtime().strftime("feed:%Y%m%d%H"),
    )
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="events.ics"'
    return response


class RegistrationLapsed(links.LinkError):
    """The registration was not confirmed in time: the page offers to register again."""

    status = 410
    template_name = "events/registration_lapsed.html"

    def __init__(self, registration):
        super().__init__(registration.pk)
        self.registration = registration

    def context(self) -> dict:
        return {"registration": self.registration, "event": self.registration.event}


def _registration_to_confirm(payload) -> Registration:
    registration = registration_for_link(payload)
    if registration.status == Registration.Status.LAPSED:
        raise RegistrationLapsed(registration)
    links.check_state(payload, registration.status)
    return registration


@links.object_from_token(CONFIRM_PURPOSE, _registration_to_confirm)
def registration_confirm(request, registration):
    if request.method == "POST":
        try:
            registration = services.confirm(registration=registration)
        except RuleRefused as error:
            messages.error(request, error.message)
            return redirect(registration.event)
        messages.success(request, _("Thank you, your e-mail address is confirmed."))
        return redirect(
            "events:registration",
            token=links.make_token(purpose=PERSONAL_PURPOSE, pk=registration.pk),
        )
    return render(
        request,
        "events/registration_confirm.html",
        {"registration": registration, "event": registration.event},
    )


def _qr_svg(url: str, label: str) -> str:
    qr = segno.make(url, error="m")
    svg = qr.svg_inline(scale=6, border=2, title=label)
    svg = svg.replace("<svg ", format_html('<svg role="img" aria-label="{}" ', label), 1)
    return mark_safe(svg)  # noqa: S308 - segno writes the SVG; the label is escaped


ACTIONS = {
    "cancel_confirmed": services.cancel,
    "leave_confirmed": services.cancel,
    "accept": services.accept_offer,
}
# Cancelling cannot be undone, so the first button only asks "do you really want to?".
CONFIRM_FIRST = {"cancel", "leave"}
ACTION_DONE = {
    "cancel_confirmed": gettext_lazy("Your registration has been cancelled."),
    "leave_confirmed": gettext_lazy("You have left the waiting list."),
    "accept": gettext_lazy("You have accepted the place. See you at the event!"),
}


@links.object_from_token(PERSONAL_PURPOSE, registration_for_link)
def registration_page(request, registration):
    """The person's own page: status, ticket with QR code, cancel or accept an offer, and
    their data with "delete my data" (confirmed with a second button, never on GET)."""
    refusal = None
    confirm_delete = False
    confirm_cancel = None
    if request.method == "POST":
        # No form on this page: a refusal is said in a message above it.
        refusal = refuse_if_limited(request, scope="registration-data", email=registration.email)
    if request.method == "POST" and refusal is None:
        action = request.POST.get("action")
        if action == "delete_data":
            confirm_delete = registration.anonymised_at is None
        elif action in CONFIRM_FIRST and registration.anonymised_at is None:
            confirm_cancel = action
        elif action == "delete_data_confirmed":
            if registration.anonymised_at is None:
                registration = services.delete_own_data(registration=registration)
            messages.success(request, _("Your personal data for this registration was deleted."))
            return redirect(request.path)
        elif action not in ACTIONS or registration.anonymised_at is not None:
            messages.error(request, _("This action is not available."))
            return redirect(request.path)
        else:
            try:
                ACTIONS[action](registration=registration)
            except RuleRefused as error:
                messages.error(request, error.message)
            else:
                messages.success(request, ACTION_DONE[action])
            return redirect(request.path)
    event = registration.event
    qr_code = None
    if registration.status == Registration.Status.CONFIRMED and registration.anonymised_at is None:
        ticket_url = absolute_url(
            reverse("events:ticket_check_in", kwargs={"code": registration.ticket_code})
        )
        qr_code = _qr_svg(ticket_url, _("QR code of your ticket"))
    response = render(
        request,
        "events/registration_page.html",
        {
            "registration": registration,
            "answers": registration.answers.select_related("question"),
            "event": event,
            "statuses": Registration.Status,
            "qr_code": qr_code,
            "event_is_past": event.start <= timezone.now(),
            "confirm_delete": confirm_delete,
            "confirm_cancel": confirm_cancel,
        },
    )
    return limited_response(response, refusal)


@staff_member_required
def event_check_in(request, slug):
    """Phone-friendly entrance desk: search a name, check in with one tap."""
    event = get_object_or_404(Event, slug=slug)
    form = CheckInSearchForm(request.GET or None)
    confirmed = Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED)
    results = None
    if form.is_valid():
        q = form.cleaned_data["q"].strip()
        results = confirmed.filter(
            Q(name__icontains=q) | Q(organisation_name__icontains=q) | Q(ticket_code=q)
        ).order_by("name")[:50]
    return render(
        request,
        "events/check_in.html",
        {
            "event": event,
            "form": form,
            "results": results,
            "confirmed_count": confirmed.count(),
            "checked_in_count": confirmed.filter(checked_in_at__isnull=False).count(),
        },
    )


@staff_member_required
def ticket_check_in(request, code):
    """The page the QR code opens: who it is, and a button to check them in."""
    registration = get_object_or_404(Registration.objects.select_related("event"), ticket_code=code)
    if request.method == "POST":
        try:
            result = services.check_in(registration=registration)
        except services.NotConfirmed as error:
            messages.error(request, error.message)
        else:
            registration = result.registration
            when = formats.date_format(
                timezone.localtime(registration.checked_in_at), "DATETIME_FORMAT"
            )
            if result.already:
                messages.warning(
                    request,
                    _("%(name)s was already checked in at %(when)s.")
                    % {"name": registration.name, "when": when},
                )
            else:
                messages.success(
                    request, _("%(name)s is checked in.") % {"name": registration.name}
                )
        return redirect(request.path)
    return render(
        request,
        "events/ticket_check_in.html",
        {
            "registration": registration,
            "event": registration.event,
            "statuses": Registration.Status,
        },
    )
