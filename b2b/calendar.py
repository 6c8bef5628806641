"""A participant's B2B meeting schedule as iCalendar: one VEVENT per scheduled meeting."""

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from core.site_urls import absolute_url

PRODID = "-//Gesundheitswirtschaft im Netzwerk//B2B-Termine//DE"
UID_DOMAIN = "b2b.cluster-portal"


def _partner_label(partner) -> str:
    if partner.organisation_name:
        return f"{partner.name} ({partner.organisation_name})"
    return partner.name


def schedule_ics(registration, meetings) -> bytes:
    event = registration.event
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", _("B2B meetings: %(event)s") % {"event": event.title})
    for meeting in meetings:
        partner = meeting.partner_of(registration)
        item = CalendarEvent()
        # Stable per meeting and person, so a re-import updates instead of duplicating.
        item.add("uid", f"meeting-{meeting.pk}-{registration.pk}@{UID_DOMAIN}")
        item.add("dtstamp", timezone.now())
        item.add("dtstart", timezone.localtime(meeting.slot.start))
        item.add("dtend", timezone.localtime(meeting.slot.end))
        item.add(
            "summary",
            _("B2B meeting with %(partner)s") % {"partner": _partner_label(partner)},
        )
        item.add(
            "location",
            ", ".join(
                part
                for part in [_("Table %(table)s") % {"table": meeting.table.name}, event.place]
                if part
            ),
        )
        description = [_("Event: %(event)s") % {"event": event.title}]
        if meeting.message:
            description.append(meeting.message)
        item.add("description", "\n\n".join(description))
        item.add("url", absolute_url(event.get_absolute_url()))
        calendar.add_component(item)
    calendar.add_missing_timezones()
    return calendar.to_ical()
