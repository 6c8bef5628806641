"""What needs the cluster managers' attention, shown on the admin index.

One function per panel; each returns None while the model it reports on does not exist yet
(the panels light up as the apps land) and limits itself to a regional manager's regions.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib import admin
from django.db.models import Count, ForeignKey, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .scoping import is_region_scoped, region_ids_for

PENDING = "pending"


@dataclass
class Panel:
    key: str
    title: str
    count: int
    url: str = ""
    items: list = field(default_factory=list)
    empty_text: str = ""


def get_model(label: str):
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def has_field(model, name: str) -> bool:
    return any(f.name == name for f in model._meta.get_fields())


def region_path(model, depth: int = 3) -> str | None:
    """The lookup path from `model` to its Region ("region", "event__region"), if any."""
    region_model = apps.get_model("regions", "Region")
    if model is region_model:
        return "id"
    frontier = [(model, "")]
    for _level in range(depth):
        next_frontier = []
        for current, prefix in frontier:
            for model_field in current._meta.get_fields():
                if not isinstance(model_field, ForeignKey):
                    continue
                path = f"{prefix}{model_field.name}"
                if model_field.related_model is region_model:
                    return path
                next_frontier.append((model_field.related_model, f"{path}__"))
        frontier = next_frontier
    return None


def scoped(request, queryset):
    """Limit `queryset` to the regions of a regional manager (nothing if it has no region)."""
    if not is_region_scoped(request.user):
        return queryset
    path = region_path(queryset.model)
    if path is None:
        return queryset.none()
    return queryset.filter(**{f"{path}__in": region_ids_for(request.user)})


def changelist_url(request, model, query: str = "") -> str:
    """The admin list of `model` if the user may see it, else ""."""
    model_admin = admin.site._registry.get(model)
    if model_admin is None or not model_admin.has_view_permission(request):
        return ""
    try:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    except NoReverseMatch:
        return ""
    return f"{url}?{query}" if query else url


def change_url(model, pk) -> str:
    try:
        return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[pk])
    except NoReverseMatch:
        return ""


def membership_applications(request) -> Panel | None:
    """Applications to join the network that nobody has decided on yet."""
    application = get_model("members.MembershipApplication")
    if application is not None and has_field(application, "decision"):
        pending = scoped(request, application.objects.filter(decision=PENDING))
        url = changelist_url(request, application, f"decision__exact={PENDING}")
        items = [(str(a), change_url(application, a.pk)) for a in pending.select_related()[:5]]
        count = pending.count()
    else:
        # Until the application records exist, an applicant is an organisation in that status.
        organisation = get_model("members.Organisation")
        if organisation is None:
            return None
        pending = scoped(request, organisation.objects.filter(status="applicant"))
        url = changelist_url(request, organisation, "status__exact=applicant")
        items = [(str(o), change_url(organisation, o.pk)) for o in pending[:5]]
        count = pending.count()
    return Panel(
        key="membership-applications",
        title=_("Membership applications to review"),
        count=count,
        url=url,
        items=items,
        empty_text=_("No application is waiting."),
    )


def co_exhibitor_applications(request) -> Panel | None:
    """Applications for a place on a joint trade-fair stand that wait for a decision."""
    model = get_model("events.CoExhibitorApplication")
    if model is None:
        return None
    waiting = model.Status.APPLIED
    # Scoped like the admin list: by the region of the fair, not of the applicant.
    queryset = model.objects.filter(status=waiting).select_related("organisation", "stand")
    if is_region_scoped(request.user):
        queryset = queryset.filter(stand__event__region__in=region_ids_for(request.user))
    return Panel(
        key="co-exhibitor-applications",
        title=_("Co-exhibitor applications"),
        count=queryset.count(),
        url=changelist_url(request, model, f"status__exact={waiting}"),
        items=[(str(a), change_url(model, a.pk)) for a in queryset[:5]],
        empty_text=_("No application is waiting."),
    )


@dataclass
class UpcomingEvent:
    title: str
    start: dt.datetime
    url: str
    capacity: int | None = None
    confirmed: int | None = None
    waiting: int | None = None


def upcoming_events(request, limit: int = 8) -> Panel | None:
    """The next events, with registrations (confirmed / waiting) against the capacity."""
    event_model = get_model("events.Event")
    if event_model is None:
        return None
    events = scoped(request, event_model.objects.upcoming())
    registration = get_model("events.Registration")
    counts_registrations = (
        registration is not None
        and has_field(registration, "status")
        and has_field(registration, "event")
    )
    if counts_registrations:
        related = registration._meta.get_field("event").remote_field.get_accessor_name()
        events = events.annotate(
            confirmed=Count(related, filter=Q(**{f"{related}__status": "confirmed"})),
            waiting=Count(related, filter=Q(**{f"{related}__status": "waiting_list"})),
        )
    total = events.count()
    items = [
        UpcomingEvent(
            title=str(event),
            start=event.start,
            url=change_url(event_model, event.pk),
            capacity=getattr(event, "capacity", None),
            confirmed=getattr(event, "confirmed", None),
            waiting=getattr(event, "waiting", None),
        )
        for event in events[:limit]
    ]
    return Panel(
        key="upcoming-events",
        title=_("Upcoming events"),
        count=total,
        url=changelist_url(request, event_model),
        items=items,
        empty_text=_("No upcoming event."),
    )


def recent_registrations(request, days: int = 7) -> Panel | None:
    """How many people registered for events in the last `days` days."""
    registration = get_model("events.Registration")
    if registration is None or not has_field(registration, "created_at"):
        return None
    since = timezone.now() - dt.timedelta(days=days)
    recent = scoped(request, registration.objects.filter(created_at__gte=since))
    return Panel(
        key="recent-registrations",
        title=_("Registrations in the last 7 days"),
        count=recent.count(),
        url=changelist_url(request, registration),
        empty_text=_("No new registration."),
    )


PANELS = [membership_applications, co_exhibitor_applications, upcoming_events, recent_registrations]


def panels(request) -> list[Panel]:
    return [panel for panel in (build(request) for build in PANELS) if panel is not None]
