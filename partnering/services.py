"""Writes on the partnering board that carry rules; views, admin actions and commands call these."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import links
from core.links import LinkAlreadyUsed
from core.mail import manager_addresses, send_mail_in_language
from core.refusals import RuleRefused
from core.site_urls import absolute_url
from members.access import mark_used
from members.models import AccessLink, ContactPerson, Organisation

from . import matching
from .apps import DIGEST_UNSUBSCRIBE_PURPOSE, MEMBER_VIEW_PURPOSE
from .models import (
    B2BProfile,
    DigestEntry,
    ExpressionOfInterest,
    Meeting,
    MeetingSeat,
    Post,
)


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


# B2B meetings at events ---------------------------------------------------------------------


class B2BError(RuleRefused):
    """A B2B action the rules do not allow; `message` says why in the user's words."""


def b2b_url(registration) -> str:
    """The participant's B2B page, absolute, in their language (for e-mails)."""
    from events.emails import personal_token

    with translation.override(registration.language):
        path = reverse("partnering:b2b", kwargs={"token": personal_token(registration)})
    return absolute_url(path)


def b2b_url_valid_until():
    """When a B2B page link made now stops working: it is the personal registration link."""
    from events.apps import PERSONAL_PURPOSE

    return links.valid_until(PERSONAL_PURPOSE)


def b2b_check_participant(registration) -> None:
    from events.models import Event, Registration

    if registration.event.kind != Event.Kind.B2B_EXCHANGE:
        raise B2BError(_("This event has no B2B meetings."))
    if registration.status != Registration.Status.CONFIRMED:
        raise B2BError(_("Only confirmed participants take part in the B2B meetings."))


@transaction.atomic
def b2b_profile_save(*, registration, form) -> B2BProfile:
    """Publish or update a participant's profile from the form on their B2B page."""
    b2b_check_participant(registration)
    profile = form.save(commit=False)
    profile.registration = registration
    if profile.organisation_id is None:
        # A member's contact person: the profile links to the member's directory entry.
        contact = (
            ContactPerson.objects.filter(
                email__iexact=registration.email, organisation__status=Organisation.Status.MEMBER
            )
            .select_related("organisation")
            .first()
        )
        profile.organisation = contact.organisation if contact else None
    profile.save()
    form.save_m2m()
    return profile


@transaction.atomic
def meeting_request(*, requester, recipient, message: str = "") -> Meeting:
    """Ask another participant for a meeting; they are told by e-mail in their language."""
    b2b_check_participant(requester)
    if recipient.event_id != requester.event_id or recipient.pk == requester.pk:
        raise B2BError(_("You can only ask other participants of the same event."))
    if not B2BProfile.objects.published_for(requester.event).filter(registration=recipient):
        raise B2BError(_("This participant does not take meeting requests."))
    if not B2BProfile.objects.filter(registration=requester).exists():
        raise B2BError(_("Please publish your own profile first, so the other side knows you."))
    try:
        with transaction.atomic():
            meeting = Meeting.objects.create(
                event=requester.event, requester=requester, recipient=recipient, message=message
            )
    except IntegrityError as error:
        raise B2BError(_("You two already have a meeting request.")) from error
    send_mail_in_language(
        template="partnering/email/meeting_requested",
        to=[recipient.email],
        language=recipient.language,
        context={
            "meeting": meeting,
            "event": requester.event,
            "profile": requester.b2b_profile,
            "url": b2b_url(recipient),
            "url_valid_until": b2b_url_valid_until(),
        },
    )
    return meeting


@transaction.atomic
def meeting_answer(*, meeting: Meeting, registration, accept: bool) -> Meeting:
    """The asked participant accepts or declines; the asker hears of it in their language."""
    meeting = (
        Meeting.objects.select_for_update().select_related("requester", "event").get(pk=meeting.pk)
    )
    if meeting.recipient_id != registration.pk:
        raise B2BError(_("Only the person asked can answer this request."))
    if meeting.status != Meeting.Status.REQUESTED:
        raise B2BError(_("This request has already been answered."))
    b2b_check_participant(registration)
    meeting.status = Meeting.Status.ACCEPTED if accept else Meeting.Status.DECLINED
    meeting.answered_at = timezone.now()
    meeting.save(update_fields=["status", "answered_at"])
    send_mail_in_language(
        template="partnering/email/meeting_" + ("accepted" if accept else "declined"),
        to=[meeting.requester.email],
        language=meeting.requester.language,
        context={
            "meeting": meeting,
            "event": meeting.event,
            "partner": registration,
            "url": b2b_url(meeting.requester),
            "url_valid_until": b2b_url_valid_until(),
        },
    )
    return meeting


@transaction.atomic
def meeting_place(*, meeting: Meeting, slot, table) -> Meeting:
    """Move a meeting to another slot and table (or take it off the schedule with None).

    The event row is locked like in the scheduler, so a manager's move and a scheduler run
    never interleave; the unique constraints refuse any double booking that slipped through.
    """
    from core.allocation import lock_for_allocation
    from events.models import Event

    lock_for_allocation(Event, meeting.event_id)
    meeting.slot, meeting.table = slot, table
    meeting.full_clean()
    MeetingSeat.objects.filter(meeting=meeting).delete()
    if slot is not None:
        meeting.unplaced_reason = ""
    try:
        with transaction.atomic():
            meeting.save()
            if slot is not None:
                MeetingSeat.objects.bulk_create(
                    MeetingSeat(meeting=meeting, registration_id=person, slot=slot)
                    for person in (meeting.requester_id, meeting.recipient_id)
                )
    except IntegrityError as error:
        raise ValidationError(
            _("This slot or table was just taken by another meeting. Please choose again.")
        ) from error
    return meeting
