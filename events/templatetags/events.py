"""`{% load events %}{% events_for_organisation organisation %}` on a member profile."""

from django import template

from ..models import Event

register = template.Library()


@register.inclusion_tag("events/_list_for_organisation.html")
def events_for_organisation(organisation, heading_level=2):
    return {
        "events": list(
            Event.objects.upcoming().for_organisation(organisation).select_related("region")[:10]
        ),
        "heading_level": heading_level,
    }
