from django.db.models import Prefetch, prefetch_related_objects
from django.shortcuts import get_object_or_404, render
from django.utils.functional import SimpleLazyObject

from cooperations.models import Cooperation
from events.models import Event
from members.models import Organisation

from .models import DelegationVisit, ProgrammeItem

PAST_SHOWN = 20


def _list_context() -> dict:
    visits = DelegationVisit.objects.select_related("region").prefetch_related("hosts")
    past = visits.past()
    return {
        "upcoming": list(visits.upcoming()),
        "past": list(past[:PAST_SHOWN]),
        "past_count": past.count(),
        "trips": list(
            Event.objects.upcoming()
            .filter(kind=Event.Kind.DELEGATION_TRIP)
            .select_related("region")
            .with_places_taken()
        ),
    }


def visit_list(request):
    """Incoming delegation visits, and the outbound trips one can apply for."""
    # Read only when the page's cached fragment has to be rendered.
    return render(
        request, "delegations/visit_list.html", {"delegations": SimpleLazyObject(_list_context)}
    )


def _with_page_details(visit: DelegationVisit) -> DelegationVisit:
    organisations = Organisation.objects.only("pk", "name", "slug", "status", "is_partner")
    prefetch_related_objects(
        [visit],
        "region",
        "innovation_fields",
        Prefetch("hosts", queryset=organisations),
        Prefetch("visited_organisations", queryset=organisations),
        Prefetch("cooperations", queryset=Cooperation.objects.only("pk", "slug", "title", "kind")),
        Prefetch(
            "programme",
            queryset=ProgrammeItem.objects.select_related("organisation"),
        ),
    )
    return visit


def visit_detail(request, slug):
    visit = get_object_or_404(DelegationVisit.objects.public(), slug=slug)
    # The relations are read only when the page's cached fragment has to be rendered.
    details = SimpleLazyObject(lambda: _with_page_details(visit))
    return render(request, "delegations/visit_detail.html", {"visit": visit, "details": details})
