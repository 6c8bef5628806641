from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404, render

from events.models import Event
from members.models import Organisation

from .models import Region, RegionBody, RegionContact, group_by_state

# The region page shows a first selection; the member directory and the event calendar
# hold the rest.
MEMBERS_SHOWN = 12
EVENTS_SHOWN = 6


def region_list(request):
    regions = list(Region.objects.select_related("parent"))
    context = {"regions": regions, "groups": group_by_state(regions)}
    return render(request, "regions/region_list.html", context)


def region_detail(request, slug):
    region = get_object_or_404(
        Region.objects.select_related("parent", "picture").prefetch_related("children"),
        slug=slug,
    )
    # Members and events of the sub-regions belong to the region, too.
    region_ids = Region.objects.descendant_ids(region)
    members = Organisation.objects.members().filter(region_id__in=region_ids)
    events = Event.objects.upcoming().filter(region_id__in=region_ids)
    context = {
        "region": region,
        "region_ids": region_ids,
        "ancestors": region.ancestors(),
        "children": list(region.children.all()),
        "figures": list(region.figures.all()),
        "contacts": list(region.contacts.filter(is_public=True)),
        "bodies": list(region.bodies.select_related("organisation")),
        "member_count": members.count(),
        "members": members.select_related("region")[:MEMBERS_SHOWN],
        "event_count": events.count(),
        "events": events.select_related("region")[:EVENTS_SHOWN],
    }
    return render(request, "regions/region_detail.html", context)


def about(request):
    """Who runs the network: the bodies behind each region and their contact persons."""
    regions = (
        Region.objects.filter(Q(bodies__isnull=False) | Q(contacts__is_public=True))
        .distinct()
        .prefetch_related(
            Prefetch("bodies", queryset=RegionBody.objects.select_related("organisation")),
            Prefetch("contacts", queryset=RegionContact.objects.filter(is_public=True)),
        )
    )
    return render(request, "regions/about.html", {"groups": group_by_state(regions)})
