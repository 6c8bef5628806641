"""Event tags: `{% load events %}`, then
- `{% event_date event %}`: the start date, or that it is not recorded;
- `{% event_period event %}`: start to end as one phrase (`{{ event|period }}` in mails);
- `{% events_for_organisation organisation %}`: the member-profile list."""

from django import template
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext

from ..models import Event
from ..periods import event_period as format_event_period

register = template.Library()


@register.simple_tag
def event_date(event, date_format="DATE_FORMAT"):
    """An event's start as `<time>` in the page's language, or "date not recorded" for an
    event whose start is only a placeholder (`Event.date_unknown`)."""
    if not event.has_known_date:
        return gettext("date not recorded")
    start = timezone.localtime(event.start)
    return format_html(
        '<time datetime="{}">{}</time>',
        start.isoformat(),
        formats.date_format(start, date_format),
    )


@register.simple_tag
def event_period(event):
    """When the event takes place, start to end, as one phrase (events/periods.py)."""
    if not event.has_known_date:
        return format_event_period(event)
    return format_html(
        '<time datetime="{}">{}</time>',
        timezone.localtime(event.start).isoformat(),
        format_event_period(event),
    )


@register.filter
def period(event):
    """`event_period` as plain text, for mails."""
    return format_event_period(event)


@register.inclusion_tag("events/_list_for_organisation.html")
def events_for_organisation(organisation, heading_level=2):
    return {
        "events": list(
            Event.objects.upcoming().for_organisation(organisation).select_related("region")[:10]
        ),
        "heading_level": heading_level,
    }
