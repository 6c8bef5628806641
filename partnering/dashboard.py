"""The partnering app's panels on the back office's dashboard (see `core.dashboard`): posts for
the board that wait for a review, and B2B meeting requests nobody has answered yet."""

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

from .models import Meeting, Post


@panel(position=24)
def posts_to_review(request) -> Panel | None:
    """Offers and requests submitted for the partnering board, published only once approved."""
    if not may_view(request, Post):
        return None
    submitted = Post.Status.SUBMITTED
    queryset = scoped(
        request,
        Post.objects.filter(status=submitted)
        .select_related("organisation")
        .order_by("created_at", "pk"),
    )
    posts, count = items_and_count(queryset)
    return Panel(
        key="partnering-posts",
        title=_("Partnering posts to review"),
        count=count,
        url=changelist_url(request, Post, f"status__exact={submitted}"),
        items=[
            Item(post.title, change_url(Post, post.pk), str(post.organisation)) for post in posts
        ],
        empty_text=_("No post is waiting."),
    )


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
