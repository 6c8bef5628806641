"""The members app's panels on the back office's dashboard (see `core.dashboard`)."""

from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from backoffice.dashboard import (
    Item,
    Panel,
    change_url,
    changelist_url,
    items_and_count,
    may_view,
    scoped,
)
from core.dashboard import panel

from .models import Decision, MembershipApplication, ProfileChangeRequest


def _submitted(moment) -> str:
    return _("submitted on %(date)s") % {
        "date": formats.date_format(timezone.localtime(moment), "SHORT_DATE_FORMAT")
    }


@panel(position=10)
def membership_applications(request) -> Panel | None:
    """Applications to join the network that nobody has decided on yet."""
    if not may_view(request, MembershipApplication):
        return None
    pending = scoped(
        request,
        MembershipApplication.objects.filter(decision=Decision.PENDING)
        .select_related("organisation")
        .order_by("submitted_at", "pk"),
    )
    applications, count = items_and_count(pending)
    return Panel(
        key="membership-applications",
        title=_("Membership applications to review"),
        count=count,
        url=changelist_url(request, MembershipApplication, f"decision__exact={Decision.PENDING}"),
        items=[
            Item(str(a), change_url(MembershipApplication, a.pk), _submitted(a.submitted_at))
            for a in applications
        ],
        empty_text=_("No application is waiting."),
    )


@panel(position=15)
def profile_change_requests(request) -> Panel | None:
    """Changes members proposed to their profiles, public only once a manager approves them."""
    if not may_view(request, ProfileChangeRequest):
        return None
    pending = scoped(
        request,
        ProfileChangeRequest.objects.filter(decision=Decision.PENDING)
        .select_related("organisation")
        .order_by("submitted_at", "pk"),
    )
    requests, count = items_and_count(pending)
    return Panel(
        key="profile-change-requests",
        title=_("Profile changes to review"),
        count=count,
        url=changelist_url(request, ProfileChangeRequest, f"decision__exact={Decision.PENDING}"),
        items=[
            Item(
                str(change.organisation),
                change_url(ProfileChangeRequest, change.pk),
                _submitted(change.submitted_at),
            )
            for change in requests
        ],
        empty_text=_("No profile change is waiting."),
    )
