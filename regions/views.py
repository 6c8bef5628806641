from django.db.models import Count, Prefetch, Q, Window, prefetch_related_objects
from django.shortcuts import get_object_or_404, render
from django.utils.functional import SimpleLazyObject

from events.models import Event
from members.models import Organisation

from .models import Region, RegionBody, RegionContact, group_by_state

# The region page shows a first selection; the member directory and the event calendar
# hold the rest.
MEMBERS_SHOWN = 12
EVENTS_SHOWN = 6


def region_list(request):
    # Read only when the list's cached fragment has to be rendered.
    regions = SimpleLazyObject(lambda: list(Region.objects.select_related("parent")))
    context = {"regions": regions, "groups": SimpleLazyObject(lambda: group_by_state(regions))}
    return render(request, "regions/region_list.html", context)


def _first_and_total(queryset, shown: int) -> tuple[list, int]:
    """The first `shown` rows and how many there are in all, in one query (a window count)."""
    rows = list(queryset.annotate(total=Window(Count("pk")))[:shown])
    return rows, rows[0].total if rows else 0


def _region_page(region: Region) -> dict:
    """What the region's page shows below its name: read only when its cached fragment has
    to be rendered."""
    prefetch_related_objects([region], "children")
    children = list(region.children.all())
    # Members and events of the sub-regions belong to the region, too.
    region_ids = Region.objects.descendants_subquery(region) if children else [region.pk]
    members, member_count = _first_and_total(
        Organisation.objects.members().filter(region_id__in=region_ids).select_related("region"),
        MEMBERS_SHOWN,
    )
    events, event_count = _first_and_total(
        Event.objects.upcoming().filter(region_id__in=region_ids).select_related("region"),
        EVENTS_SHOWN,
    )
    return {
        "region_ids": region_ids,
        "children": children,
        "figures": list(region.figures.all()),
        "contacts": list(region.contacts.filter(is_public=True)),
        "bodies": list(region.bodies.select_related("organisation")),
        "member_count": member_count,
        "members": members,
        "event_count": event_count,
        "events": events,
    }


def region_detail(request, slug):
    region = get_object_or_404(Region.objects.select_related("parent", "picture"), slug=slug)
    context = {
        "region": region,
        "ancestors": region.ancestors(),
        "page": SimpleLazyObject(lambda: _region_page(region)),
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
