"""Writes on the partnering board that carry rules; views, admin actions and commands call these."""

from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import links
from core.links import LinkAlreadyUsed
from core.mail import manager_addresses, send_mail_in_language
from core.refusals import RuleRefused
from core.site_urls import absolute_url
from members.access import mark_used
from members.models import AccessLink

from . import matching
from .apps import DIGEST_UNSUBSCRIBE_PURPOSE, MEMBER_VIEW_PURPOSE
from .models import DigestEntry, ExpressionOfInterest, Post


class TransitionError(RuleRefused):
    """A status change the post's current status does not allow."""

    message = gettext_lazy("The post's status does not allow this.")


# The states from which a manager may take each decision on a post.
PUBLISHABLE = (Post.Status.SUBMITTED, Post.Status.WITHDRAWN)
WITHDRAWABLE = (Post.Status.PUBLISHED,)
REJECTABLE = (Post.Status.SUBMITTED,)


@transaction.atomic
def post_submit(*, access: AccessLink, form, language: str) -> Post:
    """Store a post from the one-time-link form; it waits for a manager's approval.

    Using the link up and storing the post happen in one transaction: a second submission
    through the same link (even a parallel one) raises LinkAlreadyUsed and stores nothing.
    """
    mark_used(access)
    post = form.save(commit=False)
    post.organisation = access.organisation
    post.submitted_by_email = access.email
    post.access_link_id = str(access.pk)
    post.language = language
    post.status = Post.Status.SUBMITTED
    try:
        with transaction.atomic():
            post.save()
    except IntegrityError as error:
        # The unique link id backs mark_used up: a link serves one post.
        raise LinkAlreadyUsed from error
    form.save_m2m()
    context = {"post": post, "organisation": access.organisation}
    managers = manager_addresses()
    if managers:
        send_mail_in_language(
            template="partnering/email/post_submitted_managers",
            to=managers,
            language="de",
            context=context,
        )
    send_mail_in_language(
        template="partnering/email/post_received",
        to=[post.submitted_by_email],
        language=post.language,
        context=context,
    )
    return post


def _locked(post: Post) -> Post:
    return Post.objects.select_for_update().get(pk=post.pk)


@transaction.atomic
def post_publish(*, post: Post, by) -> Post:
    """Approve a submitted (or withdrawn) post: it appears on the board until it expires."""
    post = _locked(post)
    if post.status not in PUBLISHABLE:
        raise TransitionError(_("Only submitted or withdrawn posts can be published."))
    post.status = Post.Status.PUBLISHED
    post.published_at = timezone.now()
    post.reviewed_by = by
    post.save(update_fields=["status", "published_at", "reviewed_by", "updated_at"])
    send_mail_in_language(
        template="partnering/email/post_published",
        to=[post.submitted_by_email],
        language=post.language,
        context={"post": post},
    )
    return post


@transaction.atomic
def post_withdraw(*, post: Post, by) -> Post:
    """Take a published post off the board (it stays in the admin)."""
    post = _locked(post)
    if post.status not in WITHDRAWABLE:
        raise TransitionError(_("Only published posts can be withdrawn."))
    post.status = Post.Status.WITHDRAWN
    post.reviewed_by = by
    post.save(update_fields=["status", "reviewed_by", "updated_at"])
    return post


@transaction.atomic
def post_reject(*, post: Post, by, reason: str = "") -> Post:
    """Decline a submitted post; it never reaches the board. The poster is told, with the
    reason if given."""
    post = _locked(post)
    if post.status not in REJECTABLE:
        raise TransitionError(_("Only submitted posts can be rejected."))
    post.status = Post.Status.REJECTED
    post.reviewed_by = by
    post.save(update_fields=["status", "reviewed_by", "updated_at"])
    if post.submitted_by_email:
        send_mail_in_language(
            template="partnering/email/post_rejected",
            to=[post.submitted_by_email],
            language=post.language,
            context={"post": post, "reason": reason},
        )
    return post


@transaction.atomic
def interest_send(*, post: Post, form, language: str) -> ExpressionOfInterest:
    """Pass an interested company's details to the poster; the poster's address stays hidden."""
    interest = form.save(commit=False)
    interest.post = post
    interest.language = language
    for name, value in form.consent_values().items():
        setattr(interest, name, value)
    interest.save()
    context = {"post": post, "interest": interest}
    send_mail_in_language(
        template="partnering/email/interest_to_poster",
        to=[post.submitted_by_email],
        language=post.language,
        context=context,
        reply_to=[interest.email],
    )
    send_mail_in_language(
        template="partnering/email/interest_confirmation",
        to=[interest.email],
        language=language,
        context=context,
    )
    return interest


def digest_send(*, limit: int = 10) -> int:
    """E-mail each poster the matches of their posts not reported before; return mails sent.

    What was reported is recorded (DigestEntry), so that a rerun sends nothing new. Posts whose
    poster unsubscribed are left out. Each digest carries its one-click unsubscribe link
    (RFC 8058) in the `List-Unsubscribe` headers and in its text.
    """
    sent = 0
    posts = (
        Post.objects.on_board()
        .filter(digest_unsubscribed_at__isnull=True)
        .select_related("organisation__region")
        .order_by("submitted_by_email", "organisation_id", "pk")
    )
    groups: dict[tuple[str, int], list[tuple[Post, list, list]]] = {}
    for post in posts:
        # The reasons are worded in the poster's language.
        with translation.override(post.language):
            found = matching.all_matches(post, limit=limit, public_only=False)
        known_posts = set(
            post.digest_entries.filter(matched_post__isnull=False).values_list(
                "matched_post_id", flat=True
            )
        )
        known_organisations = set(
            post.digest_entries.filter(matched_organisation__isnull=False).values_list(
                "matched_organisation_id", flat=True
            )
        )
        new_posts = [m for m in found["posts"] if m.target.pk not in known_posts]
        for match in new_posts:
            if match.target.visibility == Post.Visibility.MEMBERS:
                with translation.override(post.language):
                    match.url = match.target.member_view_url(organisation=post.organisation)
        new_organisations = [
            m for m in found["organisations"] if m.target.pk not in known_organisations
        ]
        if new_posts or new_organisations:
            key = (post.submitted_by_email, post.organisation_id)
            groups.setdefault(key, []).append((post, new_posts, new_organisations))
    for (email, _organisation_id), items in groups.items():
        with transaction.atomic():
            for post, new_posts, new_organisations in items:
                DigestEntry.objects.bulk_create(
                    [
                        DigestEntry(post=post, matched_post=m.target, score=m.score)
                        for m in new_posts
                    ]
                    + [
                        DigestEntry(post=post, matched_organisation=m.target, score=m.score)
                        for m in new_organisations
                    ]
                )
            first = items[0][0]
            has_member_links = any(getattr(m, "url", "") for _p, posts, _o in items for m in posts)
            with translation.override(first.language):
                unsubscribe_url = absolute_url(first.digest_unsubscribe_url())
            send_mail_in_language(
                template="partnering/email/digest",
                to=[email],
                language=first.language,
                context={
                    "organisation": first.organisation,
                    "items": items,
                    "member_links_valid_for": links.valid_for(MEMBER_VIEW_PURPOSE)
                    if has_member_links
                    else "",
                    "unsubscribe_url": unsubscribe_url,
                    "unsubscribe_valid_for": links.valid_for(DIGEST_UNSUBSCRIBE_PURPOSE),
                },
                headers={
                    "List-Unsubscribe": f"<{unsubscribe_url}>",
                    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                },
            )
        sent += 1
    return sent


@transaction.atomic
def digest_unsubscribe(*, post: Post) -> int:
    """Stop the weekly digest for the poster of `post`: every post of the same organisation
    submitted from the same address. Idempotent; returns how many posts it newly covered."""
    return Post.objects.filter(
        organisation_id=post.organisation_id,
        submitted_by_email__iexact=post.submitted_by_email,
        digest_unsubscribed_at__isnull=True,
    ).update(digest_unsubscribed_at=timezone.now())
