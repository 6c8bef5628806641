"""Member-profile tags: `{% load events %}{% events_for_organisation organisation %}` and
`{% stands_for_organisation organisation %}`."""

from django import template

from ..models import Event, JointStand

register = template.Library()


@register.inclusion_tag("events/_list_for_organisation.html")
def events_for_organisation(organisation, heading_level=2):
    return {
        "events": list(
            Event.objects.upcoming().for_organisation(organisation).select_related("region")[:10]
        ),
        "heading_level": heading_level,
    }


@register.inclusion_tag("events/_stands_for_organisation.html")
def stands_for_organisation(organisation, heading_level=2):
    """The joint stands the organisation exhibited (or will exhibit) on, newest first."""
    return {
        "stands": list(
            JointStand.objects.published()
            .for_organisation(organisation)
            .select_related("event")
            .order_by("-event__start")
        ),
        "heading_level": heading_level,
    }
