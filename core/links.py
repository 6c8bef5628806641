"""Signed, expiring links in e-mails: one helper for every flow that mails a link.

A token carries the object's id and a `state` string that the caller derives from the
object (for example its status and the time of its last use). When the state has moved
on, the link was already used; a broken signature means it was tampered with or cut off.

Every purpose is declared once, in its app's `AppConfig.ready()`, with `register_purpose`:
how long its links work (by default `settings.SIGNED_LINK_MAX_AGE`) and, for links that are
mailed on request, the view that receives them and the e-mail's wording. `PURPOSES` is the one
registry: `make_token` and `read_token` refuse a purpose that is not in it, `read_token` checks
a link's age against it, and the e-mail that carries the link states it with `valid_for`
("7 days") or `valid_until` (the moment it expires).

A view behind such a link is decorated with `object_from_token`: it reads the token, loads the
object and answers a link that cannot be honoured with the page that says why.
"""

import datetime as dt
import functools
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.exceptions import ImproperlyConfigured
from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from .durations import duration_in_words

_lazy_duration_in_words = lazy(duration_in_words, str)


class LinkError(Exception):
    """A link from an e-mail that cannot be honoured; `reason` says why in plain words.

    A flow whose refusal needs a page of its own (a lapsed registration, a registration not
    confirmed) subclasses it with `template_name` and `context()`.
    """

    status = 400
    title = _("This link is not valid")
    reason = _(
        "The link is incomplete or has been changed. Please use the link exactly as it "
        "appears in the e-mail."
    )
    template_name = "link_problem.html"

    def context(self) -> dict:
        return {"title": self.title, "reason": self.reason}


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


@dataclass(frozen=True)
class LinkPurpose:
    """What one kind of link is for.

    `max_age`: seconds a link works; None: `settings.SIGNED_LINK_MAX_AGE`, read when it is
    used. Links mailed on request (an organisation's one-time access links, `members.access`)
    also name the view that receives the token (`url_name`, with a `token` keyword) and word
    their e-mail: `subject` and `asked_for` ("you asked for a link to ..."), lazy translations
    with `%(organisation)s`.
    """

    name: str
    max_age: int | None = None
    url_name: str | None = None
    subject: str | None = None
    asked_for: str | None = None


# The one registry of link purposes, filled by the apps' AppConfig.ready().
PURPOSES: dict[str, LinkPurpose] = {}


def register_purpose(
    name: str,
    *,
    max_age: int | None = None,
    url_name: str | None = None,
    subject=None,
    asked_for=None,
) -> LinkPurpose:
    """Declare a kind of link (from an AppConfig.ready()); a name is declared once."""
    purpose = LinkPurpose(
        name, max_age=max_age, url_name=url_name, subject=subject, asked_for=asked_for
    )
    known = PURPOSES.get(name)
    if known is not None and (known.max_age, known.url_name) != (max_age, url_name):
        raise ImproperlyConfigured(f"Link purpose {name!r} is declared twice, differently")
    PURPOSES[name] = purpose
    return purpose


def get_purpose(name: str) -> LinkPurpose:
    try:
        return PURPOSES[name]
    except KeyError:
        raise ValueError(f"Unregistered link purpose {name!r}") from None


def max_age(purpose: str) -> int:
    """Seconds a link of `purpose` works, as `read_token` checks it."""
    seconds = get_purpose(purpose).max_age
    return settings.SIGNED_LINK_MAX_AGE if seconds is None else seconds


def valid_for(purpose: str) -> str:
    """How long a link made now works, in words ("7 days"); lazy, so that an e-mail words it
    in the language it is rendered in."""
    return _lazy_duration_in_words(max_age(purpose))


def valid_until(purpose: str) -> dt.datetime:
    """When a link made now stops working."""
    return timezone.now() + dt.timedelta(seconds=max_age(purpose))


def make_token(*, purpose: str, pk: int, state: str = "") -> str:
    get_purpose(purpose)  # only registered purposes: their links state a validity
    return signing.dumps({"pk": pk, "state": state}, salt=f"cluster_portal.links.{purpose}")


def read_token(token: str, *, purpose: str) -> LinkPayload:
    """Return the payload of a token made by `make_token` for the same purpose.

    Raises LinkExpired or LinkError; the caller raises LinkAlreadyUsed when the state
    no longer matches the object. An unregistered purpose is a programming error (ValueError).
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
        request, error.template_name, {**error.context(), "hint": hint}, status=error.status
    )


def object_from_token(purpose: str, loader, *, hint: str = "", pass_token: bool = False):
    """Decorate a view behind a link of `purpose`, whose URL carries the `token`.

    The decorator reads the token, loads the object with `loader(payload)` and calls
    `view(request, obj, **kwargs)` (`token=` too with `pass_token`, for pages that link on
    with it). The loader raises LinkError when there is no such object, or `check_state`'s
    LinkAlreadyUsed when the link was used; a LinkError the view raises itself (a parallel
    second use of a one-time link, found under the lock) is answered the same way: with the
    page that says "expired", "already used" or "not valid" (`link_error_response`, plus
    `hint`, a lazy translation, where the flow has advice).
    """

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, token, **kwargs):
            try:
                obj = loader(read_token(token, purpose=purpose))
                if pass_token:
                    kwargs["token"] = token
                return view(request, obj, **kwargs)
            except LinkError as error:
                return link_error_response(request, error, hint=hint)

        return wrapper

    get_purpose(purpose)  # a typo fails at import, not at the first click
    return decorator
