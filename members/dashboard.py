"""The members app's panel on the back office's dashboard (see `core.dashboard`)."""

from django.utils.translation import gettext_lazy as _

from backoffice.dashboard import Panel, change_url, changelist_url, scoped
from core.dashboard import panel

from .models import Decision, MembershipApplication


@panel(position=10)
def membership_applications(request) -> Panel:
    """Applications to join the network that nobody has decided on yet."""
    pending = scoped(
        request,
        MembershipApplication.objects.filter(decision=Decision.PENDING).select_related(
            "organisation"
        ),
    )
    return Panel(
        key="membership-applications",
        title=_("Membership applications to review"),
        count=pending.count(),
        url=changelist_url(request, MembershipApplication, f"decision__exact={Decision.PENDING}"),
        items=[(str(a), change_url(MembershipApplication, a.pk)) for a in pending[:5]],
        empty_text=_("No application is waiting."),
    )
