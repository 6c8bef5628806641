"""Signed, expiring links in e-mails: one helper for every flow that mails a link.

A token carries the object's id and a `state` string that the caller derives from the
object (for example its status and the time of its last use). When the state has moved
on, the link was already used; a broken signature means it was tampered with or cut off.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _


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


def make_token(*, purpose: str, pk: int, state: str = "") -> str:
    return signing.dumps({"pk": pk, "state": state}, salt=f"cluster_portal.links.{purpose}")


def read_token(token: str, *, purpose: str, max_age: int | None = None) -> LinkPayload:
    """Return the payload of a token made by `make_token` for the same purpose.

    Raises LinkExpired or LinkError; the caller raises LinkAlreadyUsed when the state
    no longer matches the object.
    """
    if max_age is None:
        max_age = settings.SIGNED_LINK_MAX_AGE
    try:
        data = signing.loads(token, salt=f"cluster_portal.links.{purpose}", max_age=max_age)
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


def link_error_response(request, error: LinkError):
    return render(
        request,
        "link_problem.html",
        {"title": error.title, "reason": error.reason},
        status=error.status,
    )
