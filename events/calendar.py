"""iCalendar (.ics) for one event, for e-mail attachments and for the feed of upcoming events."""

import functools
from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Timezone
from icalendar import Event as CalendarEvent

from core.mail import Attachment
from core.site_urls import absolute_url

PRODID = "-//Gesundheitswirtschaft im Netzwerk//Veranstaltungen//DE"
UID_DOMAIN = "events.cluster-portal"


def _vevent(event) -> CalendarEvent:
    item = CalendarEvent()
    item.add("uid", f"event-{event.pk}@{UID_DOMAIN}")
    item.add("dtstamp", timezone.now())
    item.add("dtstart", timezone.localtime(event.start))
    item.add("dtend", timezone.localtime(event.end))
    item.add("summary", event.title)
    description = "\n\n".join(part for part in [event.summary, event.description] if part)
    if description:
        item.add("description", description)
    if event.place:
        item.add("location", event.place)
    item.add("url", absolute_url(event.get_absolute_url()))
    item.add("categories", [event.get_kind_display()])
    return item


def calendar_bytes(events: Iterable, *, name: str | None = None) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if name:
        calendar.add("x-wr-calname", name)
    for event in events:
        # Never a placeholder date in someone's calendar (callers leave such events out too).
        if event.has_known_date:
            calendar.add_component(_vevent(event))
    # What `calendar.add_missing_timezones()` adds, each VTIMEZONE before the first event
    # that names it, from `_timezone_ical`.
    zones = b"".join(_timezone_ical(tzid) for tzid in sorted(calendar.get_missing_tzids()))
    content = calendar.to_ical()
    if zones:
        first_event = content.index(b"BEGIN:VEVENT")
        content = content[:first_event] + zones + content[first_event:]
    return content


@functools.lru_cache(maxsize=8)
def _timezone_ical(tzid: str) -> bytes:
    """A zone's VTIMEZONE as iCalendar text, worked out and written once per process:
    icalendar's `add_missing_timezones()` took 13 ms of every registration's confirmation
    mail for it, and writing its 40 years of transitions another 8 ms."""
    try:
        return Timezone.from_tzid(tzid).to_ical()
    except ValueError:
        return b""


def ics_attachment(event) -> Attachment:
    return Attachment(
        filename=f"{event.slug}.ics",
        content=calendar_bytes([event]),
        mimetype="text/calendar",
    )


def feed_name() -> str:
    return _("Health economy network: events")
