"""What needs the cluster managers' attention, shown on the admin index.

One function per panel; each limits itself to a regional manager's regions.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.contrib import admin
from django.db.models import Count, ForeignKey, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models import CoExhibitorApplication, Event, Registration
from members.models import Decision, MembershipApplication
from regions.models import Region

from .scoping import is_region_scoped, region_ids_for


@dataclass
class Panel:
    key: str
    title: str
    count: int
    url: str = ""
    items: list = field(default_factory=list)
    empty_text: str = ""


def region_path(model, depth: int = 3) -> str | None:
    """The lookup path from `model` to its Region ("region", "event__region"), if any."""
    if model is Region:
        return "id"
    frontier = [(model, "")]
    for _level in range(depth):
        next_frontier = []
        for current, prefix in frontier:
            for model_field in current._meta.get_fields():
                if not isinstance(model_field, ForeignKey):
                    continue
                path = f"{prefix}{model_field.name}"
                if model_field.related_model is Region:
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


def membership_applications(request) -> Panel:
    """Applications to join the network that nobody has decided on yet."""
    pending = scoped(
        request,
        MembershipApplication.objects.filter(decision=Decision.PENDING).select_related(
            "organisation"
        ),
    )
    return Panel(
        key="membership-applications",
        title=_("Membership applications to review"),
        count=pending.count(),
        url=changelist_url(request, MembershipApplication, f"decision__exact={Decision.PENDING}"),
        items=[(str(a), change_url(MembershipApplication, a.pk)) for a in pending[:5]],
        empty_text=_("No application is waiting."),
    )


def co_exhibitor_applications(request) -> Panel:
    """Applications for a place on a joint trade-fair stand that wait for a decision."""
    waiting = CoExhibitorApplication.Status.APPLIED
    # Scoped like the admin list: by the region of the fair, not of the applicant.
    queryset = CoExhibitorApplication.objects.filter(status=waiting).select_related(
        "organisation", "stand"
    )
    if is_region_scoped(request.user):
        queryset = queryset.filter(stand__event__region__in=region_ids_for(request.user))
    return Panel(
        key="co-exhibitor-applications",
        title=_("Co-exhibitor applications"),
        count=queryset.count(),
        url=changelist_url(request, CoExhibitorApplication, f"status__exact={waiting}"),
        items=[(str(a), change_url(CoExhibitorApplication, a.pk)) for a in queryset[:5]],
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


def upcoming_events(request, limit: int = 8) -> Panel:
    """The next events, with registrations (confirmed / waiting) against the capacity."""
    status = Registration.Status
    events = scoped(request, Event.objects.upcoming()).annotate(
        confirmed=Count("registrations", filter=Q(registrations__status=status.CONFIRMED)),
        waiting=Count("registrations", filter=Q(registrations__status=status.WAITING_LIST)),
    )
    items = [
        UpcomingEvent(
            title=str(event),
            start=event.start,
            url=change_url(Event, event.pk),
            capacity=event.capacity,
            confirmed=event.confirmed,
            waiting=event.waiting,
        )
        for event in events[:limit]
    ]
    return Panel(
        key="upcoming-events",
        title=_("Upcoming events"),
        count=events.count(),
        url=changelist_url(request, Event),
        items=items,
        empty_text=_("No upcoming event."),
    )


def recent_registrations(request, days: int = 7) -> Panel:
    """How many people registered for events in the last `days` days."""
    since = timezone.now() - dt.timedelta(days=days)
    recent = scoped(request, Registration.objects.filter(created_at__gte=since))
    return Panel(
        key="recent-registrations",
        title=_("Registrations in the last 7 days"),
        count=recent.count(),
        url=changelist_url(request, Registration),
        empty_text=_("No new registration."),
    )


PANELS = [membership_applications, co_exhibitor_applications, upcoming_events, recent_registrations]


def panels(request) -> list[Panel]:
    return [build(request) for build in PANELS]
