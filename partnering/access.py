"""Password-less one-time links that let an organisation's contact act for it.

A thin adapter, TO BE REPLACED BY `members.access` WHEN IT LANDS: the members app is building
the same two functions (same names, same keyword arguments) for every flow in which an
organisation acts through a link sent to its contact address. Until then this module builds
them on `cluster_portal.links`:

- the token signs the organisation's pk and a state `<link id>:<e-mail>`; the link id is random
  per link, so each link can be told apart from every other;
- "already used" is a state stored on what the link produced: a partnering post keeps the link
  id it was submitted with (`Post.access_link_id`, unique), so a second use is refused, even by
  two requests racing each other (the unique constraint decides);
- a link is only sent to the organisation's own public contact address
  (`Organisation.email`, which the members app is adding; until it exists no address matches).
  The caller answers the visitor identically whether or not a link was sent, so the form does
  not reveal which addresses belong to which organisation.
"""

import secrets
from dataclasses import dataclass

from django.urls import reverse
from django.utils import translation

from cluster_portal.links import LinkAlreadyUsed, LinkError, make_token, read_token
from cluster_portal.mail import send_mail_in_language
from members.models import Organisation

PURPOSE_POST = "partnering-post"


@dataclass(frozen=True)
class OrganisationAccess:
    """Who acts through a link: the organisation, the address the link went to, which link."""

    organisation: Organisation
    email: str
    link_id: str


def contact_address(organisation: Organisation) -> str:
    return (getattr(organisation, "email", "") or "").strip().lower()


def send_organisation_access_link(
    *, organisation: Organisation, email: str, purpose: str, language: str, base_url: str = ""
) -> bool:
    """Mail a one-time link if `email` is the organisation's contact address; say whether.

    `base_url` (scheme and host, from the request) makes the link absolute.
    """
    email = email.strip().lower()
    if not email or email != contact_address(organisation):
        return False
    link_id = secrets.token_urlsafe(12)
    token = make_token(purpose=purpose, pk=organisation.pk, state=f"{link_id}:{email}")
    send_mail_in_language(
        template=f"partnering/email/access_link_{purpose.replace('-', '_')}",
        to=[email],
        language=language,
        context={
            "organisation": organisation,
            "url": base_url.rstrip("/") + reverse_for(purpose, token, language),
        },
    )
    return True


def reverse_for(purpose: str, token: str, language: str) -> str:
    with translation.override(language):
        return reverse(f"partnering:{purpose.removeprefix('partnering-')}", args=[token])


def organisation_from_access_token(token: str, *, purpose: str) -> OrganisationAccess:
    """The organisation a link acts for; raises LinkError, LinkExpired or LinkAlreadyUsed."""
    payload = read_token(token, purpose=purpose)
    link_id, separator, email = payload.state.partition(":")
    if not separator or not link_id or not email:
        raise LinkError
    organisation = Organisation.objects.members().filter(pk=payload.pk).first()
    if organisation is None:
        raise LinkError
    if link_used(link_id):
        raise LinkAlreadyUsed
    return OrganisationAccess(organisation=organisation, email=email, link_id=link_id)


def link_used(link_id: str) -> bool:
    from .models import Post

    return Post.objects.filter(access_link_id=link_id).exists()
