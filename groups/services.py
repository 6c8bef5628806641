"""Working-group rules: every change of a membership goes through these functions.

The join form behind the one-time link, the back office's decisions and the demo call the
same functions. The membership row is locked before a decision, so two managers deciding
at once cannot both send a mail. The e-mails are queued inside the same transaction (the
mail queue lives in the database), so none announces a change that was rolled back.
"""

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from core import links
from core.mail import manager_addresses, send_mail_in_language
from core.refusals import RuleRefused
from core.site_urls import absolute_url
from members.models import Organisation

from .apps import DOCUMENTS_PURPOSE
from .models import GroupMembership, WorkingGroup

Status = GroupMembership.Status

# The states from which a manager may take each decision (checked under the row's lock).
ACCEPTABLE = (Status.REQUESTED,)
DECLINABLE = (Status.REQUESTED,)
ENDABLE = (Status.MEMBER,)


class GroupError(RuleRefused):
    """A rule stops the membership's change; `message` says why in the user's words."""

    message = _("This is not possible for this membership.")


class NotAMember(GroupError):
    message = _(
        "Only member organisations of the network can join its working groups. "
        "If your organisation would like to join, please apply for membership first."
    )


class AlreadyRequested(GroupError):
    message = _(
        "Your organisation is already a member of this working group or has asked to join it."
    )


class GroupClosed(GroupError):
    message = _("This working group is not open for new members.")


# --- links ------------------------------------------------------------------------------------


def documents_token(membership: GroupMembership) -> str:
    """The membership's own link token: it names the membership and nothing else."""
    return links.make_token(purpose=DOCUMENTS_PURPOSE, pk=membership.pk)


def documents_url(membership: GroupMembership) -> str:
    """The membership's documents page, absolute, in the membership's language."""
    with translation.override(membership.language):
        path = reverse(
            "groups:documents",
            kwargs={"slug": membership.group.slug, "token": documents_token(membership)},
        )
    return absolute_url(path)


# --- mails ------------------------------------------------------------------------------------


def send_membership_mail(kind: str, membership: GroupMembership, *, reason: str = "") -> None:
    group = membership.group
    with translation.override(membership.language):
        group_url = absolute_url(group.get_absolute_url())
    context = {
        "membership": membership,
        "group": group,
        "organisation": membership.organisation,
        "group_url": group_url,
        "reason": reason,
    }
    if kind in ("accepted", "documents_link"):
        context["documents_url"] = documents_url(membership)
        context["valid_for"] = links.valid_for(DOCUMENTS_PURPOSE)
    send_mail_in_language(
        template=f"groups/emails/{kind}",
        to=[membership.contact_email],
        language=membership.language,
        context=context,
    )


def _notify_managers(membership: GroupMembership) -> None:
    recipients = sorted(set(manager_addresses()))
    if recipients:
        send_mail_in_language(
            template="groups/emails/manager_notice",
            to=recipients,
            language="de",
            context={"membership": membership, "group": membership.group},
        )


def _decided(membership: GroupMembership, by) -> None:
    membership.decided_at = timezone.now()
    membership.decided_by = by if by is not None and by.is_authenticated else None


def _locked(membership: GroupMembership) -> GroupMembership:
    return (
        GroupMembership.objects.select_for_update(of=("self",))
        .select_related("group", "organisation")
        .get(pk=membership.pk)
    )


# --- the rules --------------------------------------------------------------------------------


def request_membership(
    *,
    group: WorkingGroup,
    organisation: Organisation,
    contact_name: str,
    contact_email: str,
    message: str = "",
    language: str = "de",
    consent: dict,
) -> GroupMembership:
    """Record an organisation's request to join, confirm it and tell the managers."""
    if organisation.status != Organisation.Status.MEMBER:
        raise NotAMember
    if not group.is_published:
        raise GroupClosed
    try:
        with transaction.atomic():
            membership = GroupMembership.objects.create(
                group=group,
                organisation=organisation,
                contact_name=contact_name,
                contact_email=contact_email,
                message=message,
                language=language,
                **consent,
            )
            send_membership_mail("join_received", membership)
            _notify_managers(membership)
    except IntegrityError as error:
        # The partial unique constraint: an active membership exists (maybe a parallel one).
        raise AlreadyRequested from error
    return membership


def accept(*, membership: GroupMembership, by=None) -> GroupMembership:
    """Take the organisation into the group; the mail carries its link to the documents."""
    with transaction.atomic():
        membership = _locked(membership)
        if membership.status not in ACCEPTABLE:
            raise GroupError(_("Only requests to join can be accepted."))
        membership.status = Status.MEMBER
        _decided(membership, by)
        membership.save()
        send_membership_mail("accepted", membership)
    return membership


def decline(*, membership: GroupMembership, by=None, reason: str = "") -> GroupMembership:
    """Turn the request down; the contact is told, with the reason if given."""
    with transaction.atomic():
        membership = _locked(membership)
        if membership.status not in DECLINABLE:
            raise GroupError(_("Only requests to join can be declined."))
        membership.status = Status.DECLINED
        _decided(membership, by)
        membership.save()
        send_membership_mail("declined", membership, reason=reason)
    return membership


def end_membership(*, membership: GroupMembership, by=None, reason: str = "") -> GroupMembership:
    """End a membership: its documents link stops working at once."""
    with transaction.atomic():
        membership = _locked(membership)
        if membership.status not in ENDABLE:
            raise GroupError(_("Only current memberships can be ended."))
        membership.status = Status.ENDED
        membership.ended_at = timezone.now()
        _decided(membership, by)
        membership.save()
        send_membership_mail("ended", membership, reason=reason)
    return membership


def send_documents_link(*, membership: GroupMembership, by=None) -> GroupMembership:
    """Mail a member its documents link again (a fresh one, valid for another year)."""
    membership = GroupMembership.objects.select_related("group", "organisation").get(
        pk=membership.pk
    )
    if not membership.is_member:
        raise GroupError(_("Only current members get a link to the documents."))
    send_membership_mail("documents_link", membership)
    return membership
