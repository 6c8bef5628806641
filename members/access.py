"""Password-less one-time links for an organisation's contact persons (or its public address).

One mechanism for every flow where an organisation acts without an account: updating its
profile here, applying for a joint stand, posting a partnering offer. A flow declares its
`purpose` in its app's `AppConfig.ready()` with `register_access_purpose`, naming the URL that
receives the token; its form for asking is an `AccessLinkRequestView`, which calls
`send_organisation_access_link`; the receiving view is decorated with `access_link_required`
and calls `mark_used` when it carries out the action.

A flow also words its e-mail: the subject and the sentence that says what the link is for,
each a whole sentence with the organisation's name in it (`%(organisation)s`), so that every
language can put the name and the verb where its grammar wants them ("um sich für X um einen
Platz auf einem Gemeinschaftsstand zu bewerben"). Both are kept with the purpose in the one
registry of link purposes (`core.links.PURPOSES`).

The requester is always told the same thing, whether or not the address is known, so that
the form cannot be used to find out who works where.
"""

import datetime as dt
from functools import partial

from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import get_language
from django.views import View

from core import links
from core.links import (
    LinkAlreadyUsed,
    LinkError,
    check_state,
    make_token,
    read_token,
)
from core.mail import send_mail_in_language
from core.ratelimit import limited_response, refuse_if_limited
from core.site_urls import absolute_url

from .models import AccessLink, ContactPerson, Organisation

RESEND_INTERVAL = dt.timedelta(minutes=5)


def register_access_purpose(purpose: str, *, url_name: str, subject, asked_for) -> None:
    """Declare a flow (from its app's AppConfig.ready()): `url_name` takes a `token` keyword;
    `subject` and `asked_for` are the e-mail's subject and its sentence "you asked for a link
    to ...", each with `%(organisation)s` (lazy translations: they are worded in the
    recipient's language). `purpose` is what AccessLink.purpose stores."""
    links.register_purpose(
        _token_purpose(purpose), url_name=url_name, subject=subject, asked_for=asked_for
    )


def _token_purpose(purpose: str) -> str:
    return f"members.access.{purpose}"


def _declared(purpose: str) -> links.LinkPurpose:
    try:
        return links.get_purpose(_token_purpose(purpose))
    except ValueError:
        raise ValueError(f"Unknown access purpose {purpose!r}") from None


def _fill(text, values) -> str:
    return text % values


# Filled in when the e-mail is rendered, in the recipient's language.
_filled = lazy(_fill, str)


def access_link_url(link: AccessLink) -> str:
    token = make_token(purpose=_token_purpose(link.purpose), pk=link.pk, state=link.state)
    return reverse(_declared(link.purpose).url_name, kwargs={"token": token})


def send_organisation_access_link(
    *,
    organisation: Organisation,
    email: str,
    purpose: str,
    language: str,
    consent: dict | None = None,
    template: str = "members/email/access_link",
) -> bool:
    """Mail a one-time link if `email` belongs to a contact person of `organisation` or is
    the organisation's own public address (the one its profile shows).

    Every link to an organisation goes out here, asked for or not: the annual reminder to
    confirm the profile words its mail itself (`template`), with the same context.

    Returns whether a mail went out, for the caller's logs and tests only: the person asking
    must get the same answer either way.
    """
    declared = _declared(purpose)
    email = (email or "").strip()
    contact = (
        ContactPerson.objects.filter(organisation=organisation, email__iexact=email).first()
        if email
        else None
    )
    if contact is not None:
        recipient = contact.email
    elif email and organisation.email and organisation.email.strip().lower() == email.lower():
        # The public address is published anyway, so mailing it reveals nothing, and many
        # members read their shared inbox rather than keep a personal address on record.
        recipient = organisation.email.strip()
    else:
        return False
    recently = timezone.now() - RESEND_INTERVAL
    if AccessLink.objects.filter(
        organisation=organisation,
        email__iexact=recipient,
        purpose=purpose,
        used_at__isnull=True,
        created_at__gte=recently,
    ).exists():
        # The previous link still works; do not let the form be used to flood an inbox.
        return False
    link = AccessLink.objects.create(
        organisation=organisation, email=recipient, purpose=purpose, **(consent or {})
    )
    names = {"organisation": organisation.name}
    send_mail_in_language(
        template=template,
        to=[recipient],
        language=language,
        context={
            "organisation": organisation,
            # The shared inbox is greeted by the organisation's name.
            "contact": contact or {"name": organisation.name},
            "link_subject": _filled(declared.subject, names),
            "asked_for": _filled(declared.asked_for, names),
            "url": absolute_url(access_link_url(link)),
            "valid_for": link_valid_for(purpose),
        },
    )
    return True


def link_valid_for(purpose: str):
    """How long a link of `purpose` works, worded when the e-mail is rendered ("7 days")."""
    return links.valid_for(_token_purpose(purpose))


def _unused_link(purpose: str, payload: links.LinkPayload) -> AccessLink:
    link = (
        AccessLink.objects.select_related("organisation")
        .filter(pk=payload.pk, purpose=purpose)
        .first()
    )
    if link is None:
        raise LinkError
    check_state(payload, link.state)
    return link


def access_from_token(token: str, purpose: str) -> AccessLink:
    """The still unused AccessLink behind `token`; raises a LinkError subclass otherwise."""
    return _unused_link(purpose, read_token(token, purpose=_token_purpose(purpose)))


def access_link_required(purpose: str):
    """Decorate the view behind an organisation's one-time link of `purpose`: it gets the
    still unused AccessLink (`link.organisation`, `link.email`) instead of the token, and
    an expired, used or broken link gets the page that says so (`links.object_from_token`).
    The view calls `mark_used` when it carries out the action."""
    return links.object_from_token(_token_purpose(purpose), partial(_unused_link, purpose))


@transaction.atomic
def mark_used(link: AccessLink) -> None:
    """Use the link up; a parallel second use of the same link is refused."""
    locked = AccessLink.objects.select_for_update().get(pk=link.pk)
    if locked.used_at is not None:
        raise LinkAlreadyUsed
    locked.used_at = timezone.now()
    locked.save(update_fields=["used_at"])
    link.used_at = locked.used_at


class AccessLinkRequestView(View):
    """The one form for asking "send me a one-time link", in every flow of this module.

    A flow sets its `purpose`, `form_class` (an `email` field, an `organisation` field unless
    the URL names the organisation, and the consent of `PublicFormMixin`), `template_name`
    and `rate_limit_scope` (a key of settings.RATE_LIMITS), and says what follows the
    request: `sent_message` (with `%(organisation)s`) and a redirect to `get_success_url()`,
    or a page of its own, `sent_template_name` (given `organisation` and `valid_for`).
    `get_objects()` loads what the URL names, for the template (or answers itself, e.g.
    "closed").

    The answer is the same whether or not the address is known and a link went out, so that
    the form cannot be used to find out who works where; every submission is counted by the
    rate limit, and the consent given in the form is kept with the AccessLink.
    """

    purpose: str
    form_class: type
    template_name: str
    rate_limit_scope: str
    sent_message = None
    sent_template_name = None

    def get_objects(self, **kwargs) -> dict | HttpResponse:
        """What the URL names, for the template; a response answers the request instead."""
        return {}

    def get_initial(self) -> dict:
        return {}

    def get_organisation(self, form, objects):
        """The organisation the link is for: chosen in the form, or named by the URL."""
        return form.cleaned_data.get("organisation") or objects["organisation"]

    def get_success_url(self, organisation, objects) -> str:
        raise NotImplementedError

    def get(self, request, **kwargs):
        objects = self.get_objects(**kwargs)
        if isinstance(objects, HttpResponse):
            return objects
        return self._form_page(self.form_class(initial=self.get_initial()), objects)

    def post(self, request, **kwargs):
        objects = self.get_objects(**kwargs)
        if isinstance(objects, HttpResponse):
            return objects
        form = self.form_class(request.POST)
        refusal = refuse_if_limited(
            request, form, scope=self.rate_limit_scope, email=request.POST.get("email")
        )
        if refusal is None and form.is_valid():
            organisation = self.get_organisation(form, objects)
            send_organisation_access_link(
                organisation=organisation,
                email=form.cleaned_data["email"],
                purpose=self.purpose,
                language=get_language(),
                consent=form.consent_values(),
            )
            # Whether or not a link went out: the answer reveals no addresses.
            return self._sent(organisation, objects)
        return limited_response(self._form_page(form, objects), refusal)

    def _form_page(self, form, objects):
        return render(self.request, self.template_name, {**objects, "form": form})

    def _sent(self, organisation, objects):
        if self.sent_template_name:
            context = {
                **objects,
                "organisation": organisation,
                "valid_for": link_valid_for(self.purpose),
            }
            return render(self.request, self.sent_template_name, context)
        messages.success(self.request, self.sent_message % {"organisation": organisation.name})
        return redirect(self.get_success_url(organisation, objects))
