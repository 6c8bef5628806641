"""The B2B meetings' panel on the back office's dashboard (see `core.dashboard`): meeting
requests nobody has answered yet."""

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

from .models import Meeting


@panel(position=26)
def b2b_requests(request) -> Panel | None:
    """B2B meeting requests of events still to come that the other side has not answered."""
    if not may_view(request, Meeting):
        return None
    requested = Meeting.Status.REQUESTED
    queryset = scoped(
        request,
        Meeting.objects.filter(status=requested, event__end__gte=timezone.now())
        .select_related("requester", "recipient", "event")
        .order_by("created_at", "pk"),
    )
    meetings, count = items_and_count(queryset)
    return Panel(
        key="b2b-requests",
        title=_("B2B meeting requests awaiting an answer"),
        count=count,
        url=changelist_url(request, Meeting, f"status__exact={requested}"),
        items=[
            Item(
                str(meeting),
                change_url(Meeting, meeting.pk),
                _("%(event)s, requested on %(date)s")
                % {
                    "event": meeting.event,
                    "date": formats.date_format(
                        timezone.localtime(meeting.created_at), "SHORT_DATE_FORMAT"
                    ),
                },
            )
            for meeting in meetings
        ],
        empty_text=_("No meeting request is waiting."),
    )
