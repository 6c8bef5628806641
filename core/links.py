"""Signed, expiring links in e-mails: one helper for every flow that mails a link.

A token carries the object's id and a `state` string that the caller derives from the
object (for example its status and the time of its last use). When the state has moved
on, the link was already used; a broken signature means it was tampered with or cut off.

Each flow registers its purpose once, with how long its links work (`register_purpose`;
by default `settings.SIGNED_LINK_MAX_AGE`). That registry is the one source of a link's
validity: `read_token` checks against it, and the e-mail that carries the link states it
with `valid_for` ("7 days") or `valid_until` (the moment it expires).
"""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from .durations import duration_in_words

_lazy_duration_in_words = lazy(duration_in_words, str)


class LinkError(Exception):
    """A link from an e-mail that cannot be honoured; `reason` says why in plain words."""

    status = 400
    title = _("This link is not valid")
    reason = _(
        "The link is incomplete or has been changed. Please use the link exactly as it "
        "appears in the e-mail."
    )


class LinkExpired(LinkError):
    status = 410
    title = _("This link has expired")
    reason = _("For your security, links in our e-mails are only valid for a limited time.")


class LinkAlreadyUsed(LinkError):
    status = 410
    title = _("This link has already been used")
    reason = _("The action behind this link has already been carried out.")


@dataclass(frozen=True)
class LinkPayload:
    pk: int
    state: str


# purpose -> seconds a link works; None: settings.SIGNED_LINK_MAX_AGE, read when it is used.
PURPOSES: dict[str, int | None] = {}


def register_purpose(purpose: str, *, max_age: int | None = None) -> str:
    """Declare a flow's links and how long they work; returns `purpose` for a constant."""
    PURPOSES[purpose] = max_age
    return purpose


def max_age(purpose: str) -> int:
    """Seconds a link of `purpose` works, as `read_token` checks it."""
    try:
        seconds = PURPOSES[purpose]
    except KeyError:
        raise ValueError(f"Unregistered link purpose {purpose!r}") from None
    return settings.SIGNED_LINK_MAX_AGE if seconds is None else seconds


def valid_for(purpose: str) -> str:
    """How long a link made now works, in words ("7 days"); lazy, so that an e-mail words it
    in the language it is rendered in."""
    return _lazy_duration_in_words(max_age(purpose))


def valid_until(purpose: str) -> dt.datetime:
    """When a link made now stops working."""
    return timezone.now() + dt.timedelta(seconds=max_age(purpose))


def make_token(*, purpose: str, pk: int, state: str = "") -> str:
    max_age(purpose)  # only registered purposes: their links state a validity
    return signing.dumps({"pk": pk, "state": state}, salt=f"cluster_portal.links.{purpose}")


def read_token(token: str, *, purpose: str) -> LinkPayload:
    """Return the payload of a token made by `make_token` for the same purpose.

    Raises LinkExpired or LinkError; the caller raises LinkAlreadyUsed when the state
    no longer matches the object.
    """
    try:
        data = signing.loads(
            token, salt=f"cluster_portal.links.{purpose}", max_age=max_age(purpose)
        )
    except signing.SignatureExpired as error:
        raise LinkExpired from error
    except signing.BadSignature as error:
        raise LinkError from error
    if not isinstance(data, dict) or not isinstance(data.get("pk"), int):
        raise LinkError
    return LinkPayload(pk=data["pk"], state=str(data.get("state", "")))


def check_state(payload: LinkPayload, current_state: str) -> None:
    if payload.state != current_state:
        raise LinkAlreadyUsed


def link_error_response(request, error: LinkError, *, hint: str = ""):
    """The page for a link that cannot be honoured; `hint` says what to do instead."""
    return render(
        request,
        "link_problem.html",
        {"title": error.title, "reason": error.reason, "hint": hint},
        status=error.status,
    )
