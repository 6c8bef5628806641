"""The joint stands' panel on the back office's dashboard (see `core.dashboard`)."""

from django.utils.translation import gettext_lazy as _

from backoffice.dashboard import Item, Panel, change_url, changelist_url, items_and_count, may_view
from backoffice.scoping import is_region_scoped, region_ids_for
from core.dashboard import panel

from .models import CoExhibitorApplication


@panel(position=20)
def co_exhibitor_applications(request) -> Panel | None:
    """Applications for a place on a joint trade-fair stand that wait for a decision."""
    if not may_view(request, CoExhibitorApplication):
        return None
    waiting = CoExhibitorApplication.Status.APPLIED
    # Scoped like the admin list: by the region of the fair, not of the applicant.
    queryset = (
        CoExhibitorApplication.objects.filter(status=waiting)
        .select_related("organisation", "stand")
        .order_by("created_at", "pk")
    )
    if is_region_scoped(request.user):
        queryset = queryset.filter(stand__event__region__in=region_ids_for(request.user))
    applications, count = items_and_count(queryset)
    return Panel(
        key="co-exhibitor-applications",
        title=_("Co-exhibitor applications"),
        count=count,
        url=changelist_url(request, CoExhibitorApplication, f"status__exact={waiting}"),
        items=[
            Item(
                str(application.organisation),
                change_url(CoExhibitorApplication, application.pk),
                str(application.stand),
            )
            for application in applications
        ],
        empty_text=_("No application is waiting."),
    )
