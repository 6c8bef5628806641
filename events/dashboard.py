"""The events app's panels on the back office's dashboard (see `core.dashboard`)."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backoffice.dashboard import (
    Panel,
    change_url,
    changelist_url,
    items_and_count,
    may_view,
    scoped,
)
from core.dashboard import panel

from .models import Event, Registration


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
