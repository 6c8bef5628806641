"""Template helpers that show delegation visits and trips on other apps' pages.

`{% load delegations %}{% delegations_for_region region region_ids %}` on a region page,
`{% delegations_for_organisation organisation %}` on a partner page and a member profile,
`{% delegations_for_cooperation cooperation %}` on a cooperation page.
Trips are events of the kind "delegation trip" (events app); no module of `events`,
`regions` or `cooperations` imports this app.
"""

from django import template
from django.db.models import Q

from events.models import Event

from ..models import DelegationVisit

register = template.Library()

SHOWN = 5


def _trips():
    return (
        Event.objects.published()
        .filter(kind=Event.Kind.DELEGATION_TRIP)
        .select_related("region")
        .with_places_taken()
    )


def _visits():
    return DelegationVisit.objects.public().select_related("region").prefetch_related("hosts")


@register.inclusion_tag("delegations/_list_for_region.html")
def delegations_for_region(region, region_ids=None, heading_level=2):
    """Visits hosted in the region (or below it), newest first, and its upcoming trips."""
    if region_ids is None:
        region_ids = region.__class__.objects.descendant_ids(region)
    return {
        "region": region,
        "visits": list(_visits().filter(region_id__in=region_ids).order_by("-start_date")[:SHOWN]),
        "trips": list(_trips().filter(region_id__in=region_ids).order_by("-start")[:SHOWN]),
        "heading_level": heading_level,
    }


@register.inclusion_tag("delegations/_list_for_organisation.html")
def delegations_for_organisation(organisation, heading_level=2):
    """Visits the organisation hosts or receives, and trips it organises or that come out of a
    cooperation it is a partner in; newest first."""
    visits = DelegationVisit.objects.for_organisation(organisation).order_by("-start_date")
    # A semi-join, as in DelegationVisit.objects.for_organisation().
    involved = Event.objects.filter(
        Q(organiser=organisation)
        | Q(co_organisers=organisation)
        | Q(cooperations__partners=organisation)
    ).values("pk")
    trips = _trips().filter(pk__in=involved).order_by("-start")
    return {
        "organisation": organisation,
        "visits": list(visits.select_related("region").prefetch_related("hosts")[:SHOWN]),
        "trips": list(trips[:SHOWN]),
        "heading_level": heading_level,
    }


@register.inclusion_tag("delegations/_list_for_cooperation.html")
def delegations_for_cooperation(cooperation, heading_level=2):
    """The delegation visits that came out of a cooperation, newest first (its trips are among
    the cooperation's events already)."""
    visits = _visits().filter(cooperations=cooperation).order_by("-start_date")
    return {"cooperation": cooperation, "visits": list(visits), "heading_level": heading_level}
