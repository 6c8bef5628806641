"""The joint stands on other apps' pages: `{% load stands %}`, then
- `{% joint_stand_for_event event %}`: a trade fair's joint stand and its confirmed
  co-exhibitors, on the event's page;
- `{% stands_for_organisation organisation %}`: the stands a member exhibited on, on its
  profile."""

from django import template
from django.template.loader import render_to_string

from events.models import Event

from ..models import CoExhibitorApplication, JointStand

register = template.Library()


@register.simple_tag
def joint_stand_for_event(event):
    """The stand's section (`stands/_joint_stand.html`); nothing at all unless the event is a
    trade fair with a published joint stand."""
    if event.kind != Event.Kind.TRADE_FAIR:
        return ""
    stand = JointStand.objects.published().with_places_taken().filter(event=event).first()
    if stand is None:
        return ""
    stand.event = event
    co_exhibitors = (
        CoExhibitorApplication.objects.accepted()
        .filter(stand=stand)
        .select_related("organisation")
        .order_by("organisation__name")
    )
    context = {"stand": stand, "event": event, "co_exhibitors": list(co_exhibitors)}
    return render_to_string("stands/_joint_stand.html", context)


@register.inclusion_tag("stands/_list_for_organisation.html")
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
