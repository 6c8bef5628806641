"""The working groups' panel on the back office's dashboard (see `core.dashboard`)."""

from django.utils.translation import gettext_lazy as _

from backoffice.dashboard import Item, Panel, change_url, changelist_url, items_and_count, may_view
from backoffice.scoping import is_region_scoped, region_ids_for
from core.dashboard import panel

from .models import GroupMembership


@panel(position=25)
def group_membership_requests(request) -> Panel | None:
    """Organisations' requests to join a working group that wait for a decision."""
    if not may_view(request, GroupMembership):
        return None
    waiting = GroupMembership.Status.REQUESTED
    # Scoped like the admin list: by the region of the group.
    queryset = (
        GroupMembership.objects.filter(status=waiting)
        .select_related("organisation", "group")
        .order_by("created_at", "pk")
    )
    if is_region_scoped(request.user):
        queryset = queryset.filter(group__region__in=region_ids_for(request.user))
    memberships, count = items_and_count(queryset)
    return Panel(
        key="group-membership-requests",
        title=_("Requests to join a working group"),
        count=count,
        url=changelist_url(request, GroupMembership, f"status__exact={waiting}"),
        items=[
            Item(
                str(membership.organisation),
                change_url(GroupMembership, membership.pk),
                str(membership.group),
            )
            for membership in memberships
        ],
        empty_text=_("No request is waiting."),
    )
