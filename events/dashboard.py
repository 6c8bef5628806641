"""The events app's panels on the back office's dashboard (see `core.dashboard`)."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backoffice.dashboard import (
    Item,
    Panel,
    change_url,
    changelist_url,
    items_and_count,
    may_view,
    scoped,
)
from backoffice.scoping import is_region_scoped, region_ids_for
from core.dashboard import panel

from .models import CoExhibitorApplication, Event, Registration


@panel(position=20)
def co_exhibitor_applications(request) -> Panel | None:
    """Applications for a place on a joint trade-fair stand that wait for a decision."""
    if not may_view(request, CoExhibitorApplication):
        return None
    waiting = CoExhibitorApplication.Status.APPLIED
    # Scoped like the admin list: by the region of the fair, not of the applicant.
    queryset = (
        CoExhibitorApplication.objects.filter(status=waiting)
        .select_related("organisation", "stand")
        .order_by("created_at", "pk")
    )
    if is_region_scoped(request.user):
        queryset = queryset.filter(stand__event__region__in=region_ids_for(request.user))
    applications, count = items_and_count(queryset)
    return Panel(
        key="co-exhibitor-applications",
        title=_("Co-exhibitor applications"),
        count=count,
        url=changelist_url(request, CoExhibitorApplication, f"status__exact={waiting}"),
        items=[
            Item(
                str(application.organisation),
                change_url(CoExhibitorApplication, application.pk),
                str(application.stand),
            )
            for application in applications
        ],
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
    waiting_url: str = ""

    @property
    def fill_rate(self) -> int | None:
        """Confirmed places as a whole percentage of the capacity (None without a limit)."""
        if not self.capacity or self.confirmed is None:
            return None
        return round(100 * self.confirmed / self.capacity)


@panel(position=30)
def upcoming_events(request, limit: int = 8) -> Panel | None:
    """The next events, with their fill rate (confirmed against the capacity) and waiting list."""
    if not may_view(request, Event):
        return None
    status = Registration.Status
    events = scoped(request, Event.objects.upcoming()).annotate(
        confirmed=Count("registrations", filter=Q(registrations__status=status.CONFIRMED)),
        waiting=Count("registrations", filter=Q(registrations__status=status.WAITING_LIST)),
    )
    rows, count = items_and_count(events.order_by("start", "pk"), limit)
    registrations = changelist_url(request, Registration)
    items = [
        UpcomingEvent(
            title=str(event),
            start=event.start,
            url=change_url(Event, event.pk),
            capacity=event.capacity,
            confirmed=event.confirmed,
            waiting=event.waiting,
            waiting_url=(
                f"{registrations}?event__id__exact={event.pk}&status__exact={status.WAITING_LIST}"
                if registrations and event.waiting
                else ""
            ),
        )
        for event in rows
    ]
    return Panel(
        key="upcoming-events",
        title=_("Upcoming events"),
        count=count,
        url=changelist_url(request, Event, "when=upcoming"),
        items=items,
        empty_text=_("No upcoming event."),
    )


@panel(position=40)
def recent_registrations(request, days: int = 7) -> Panel | None:
    """How many people registered for events in the last `days` days."""
    if not may_view(request, Registration):
        return None
    since = timezone.now() - dt.timedelta(days=days)
    recent = scoped(request, Registration.objects.filter(created_at__gte=since))
    return Panel(
        key="recent-registrations",
        title=_("Registrations in the last 7 days"),
        count=recent.count(),
        url=changelist_url(request, Registration),
        empty_text=_("No new registration."),
    )
