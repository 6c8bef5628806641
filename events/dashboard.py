"""The events app's panels on the back office's dashboard (see `core.dashboard`)."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backoffice.dashboard import Panel, change_url, changelist_url, scoped
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


@panel(position=30)
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


@panel(position=40)
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
