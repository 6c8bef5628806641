"""The partnering app's panel on the back office's dashboard (see `core.dashboard`): posts for
the board that wait for a review."""

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

from .models import Post


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
