"""The working groups' panel on the back office's dashboard (see `core.dashboard`)."""

from django.utils.translation import gettext_lazy as _

from backoffice.dashboard import Panel, change_url, changelist_url
from backoffice.scoping import is_region_scoped, region_ids_for
from core.dashboard import panel

from .models import GroupMembership


@panel(position=25)
def group_membership_requests(request) -> Panel:
    """Organisations' requests to join a working group that wait for a decision."""
    waiting = GroupMembership.Status.REQUESTED
    # Scoped like the admin list: by the region of the group.
    queryset = GroupMembership.objects.filter(status=waiting).select_related(
        "organisation", "group"
    )
    if is_region_scoped(request.user):
        queryset = queryset.filter(group__region__in=region_ids_for(request.user))
    return Panel(
        key="group-membership-requests",
        title=_("Requests to join a working group"),
        count=queryset.count(),
        url=changelist_url(request, GroupMembership, f"status__exact={waiting}"),
        items=[(str(m), change_url(GroupMembership, m.pk)) for m in queryset[:5]],
        empty_text=_("No request is waiting."),
    )
