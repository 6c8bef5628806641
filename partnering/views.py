from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from core.fragments import lazy_page
from core.links import LinkError, object_from_token
from core.ratelimit import limited_response, refuse_if_limited
from members.access import AccessLinkRequestView, access_link_required
from members.models import Organisation

from . import services
from .apps import DIGEST_UNSUBSCRIBE_PURPOSE, MEMBER_VIEW_PURPOSE, PURPOSE_POST
from .filters import PostFilter
from .forms import AccessLinkRequestForm, ExpressionOfInterestForm, PostForm
from .matching import all_matches
from .models import Post

PAGE_SIZE = 20


def board(request):
    """The public board; members-only posts are counted, not shown (there is no member login)."""
    posts = Post.objects.on_board().public().for_cards()
    filterset = PostFilter(request.GET or None, queryset=posts)
    # Read only when the board's cached fragment has to be rendered.
    context = {
        "filter": filterset,
        "page_obj": lazy_page(request, filterset, PAGE_SIZE),
        "members_only_count": SimpleLazyObject(
            lambda: Post.objects.on_board().members_only().count()
        ),
    }
    return render(request, "partnering/post_list.html", context)


def detail(request, pk):
    post = get_object_or_404(Post.objects.on_board().public().for_cards(), pk=pk)
    return _detail(request, post)


def _post_on_board(payload) -> Post:
    return get_object_or_404(Post.objects.on_board().for_cards(), pk=payload.pk)


@object_from_token(MEMBER_VIEW_PURPOSE, _post_on_board)
def member_view(request, post):
    """A members-only post, opened through the signed link in a member's digest e-mail."""
    return _detail(request, post, private=True)


def _detail(request, post, *, private=False):
    refusal = None
    if request.method == "POST":
        form = ExpressionOfInterestForm(request.POST)
        refusal = refuse_if_limited(
            request, form, scope="partnering-interest", email=request.POST.get("email")
        )
        if refusal is None and form.is_valid():
            services.interest_send(post=post, form=form, language=get_language())
            messages.success(
                request,
                _(
                    "Thank you. We have passed your message on to the organisation and sent "
                    "you a copy."
                ),
            )
            return redirect(request.path)
    else:
        form = ExpressionOfInterestForm()
    # Worked out only when the cached suggestions have to be rendered.
    matches = SimpleLazyObject(lambda: all_matches(post))
    context = {"post": post, "form": form, "matches": matches, "private": private}
    return limited_response(render(request, "partnering/post_detail.html", context), refusal)


# RFC 8058: the mail provider POSTs "List-Unsubscribe=One-Click" to the link, with no cookie and
# no CSRF token; the signed token in the address is what authorises it. A GET (a person's click,
# or a link scanner's) only shows the button, so nobody is unsubscribed by merely opening it.
def _digest_post(payload) -> Post:
    post = Post.objects.select_related("organisation").filter(pk=payload.pk).first()
    if post is None:
        raise LinkError
    return post


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@object_from_token(
    DIGEST_UNSUBSCRIBE_PURPOSE,
    _digest_post,
    hint=gettext_lazy(
        "To stop the weekly e-mail of new matches, please use the unsubscribe link in the "
        "latest one, or write to the cluster management."
    ),
)
def digest_unsubscribe(request, post):
    """Unsubscribe from the weekly e-mail of new matches: one click in the mail program, or
    the button on this page."""
    if request.method == "POST":
        services.digest_unsubscribe(post=post)
        return render(request, "partnering/digest_unsubscribed.html", {"post": post})
    return render(request, "partnering/digest_unsubscribe.html", {"post": post})


class PostLinkRequestView(AccessLinkRequestView):
    """Step 1 of posting: ask for a one-time link to the organisation's contact address."""

    purpose = PURPOSE_POST
    form_class = AccessLinkRequestForm
    template_name = "partnering/request_link.html"
    rate_limit_scope = "partnering-link"
    sent_template_name = "partnering/link_requested.html"

    def get_initial(self):
        return {"organisation": self.request.GET.get("organisation")}


request_link = PostLinkRequestView.as_view()


@access_link_required(PURPOSE_POST)
def post(request, link):
    """Step 2: the post form behind the one-time link."""
    if link.organisation.status != Organisation.Status.MEMBER:
        # Only members post; an organisation that has left cannot use an old link.
        raise LinkError
    if request.method == "POST":
        form = PostForm(request.POST)
        if form.is_valid():
            # A second use of the link is answered by access_link_required.
            created = services.post_submit(access=link, form=form, language=get_language())
            return render(request, "partnering/post_submitted.html", {"post": created})
    else:
        form = PostForm()
    return render(
        request, "partnering/post_form.html", {"form": form, "organisation": link.organisation}
    )
