"""Template helpers for showing cooperations on other apps' pages.

`{% load cooperations %}{% cooperations_for_organisation organisation %}` on a member
profile, `{% cooperations_for_event event %}` on an event page.
"""

from django import template

from ..models import Cooperation, organisation_page_url

register = template.Library()


@register.filter
def partner_url(organisation):
    return organisation_page_url(organisation)


@register.inclusion_tag("cooperations/_list_for_organisation.html")
def cooperations_for_organisation(organisation, heading_level=2):
    return {
        "organisation": organisation,
        "cooperations": list(Cooperation.objects.for_organisation(organisation)),
        "heading_level": heading_level,
    }


@register.inclusion_tag("cooperations/_list_for_event.html")
def cooperations_for_event(event, heading_level=2):
    return {
        "event": event,
        "cooperations": list(Cooperation.objects.for_event(event)),
        "heading_level": heading_level,
    }
