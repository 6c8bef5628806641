"""The working groups' personal data (see `core.privacy`): the contact details in the
organisations' requests to join and memberships."""

import datetime as dt

from django.utils.translation import gettext_lazy as _

from core.privacy import ANONYMOUS_NAME, Source, anonymous_email, register, retention_days

from .models import GroupMembership


def _memberships_about(email):
    return GroupMembership.objects.filter(contact_email__iexact=email).select_related(
        "group", "organisation"
    )


def _anonymise_memberships(queryset, now):
    done = 0
    for membership in queryset.exclude(contact_name=ANONYMOUS_NAME):
        membership.contact_name = ANONYMOUS_NAME
        membership.contact_email = anonymous_email(membership.pk)
        membership.message = ""
        membership.save(update_fields=["contact_name", "contact_email", "message"])
        done += 1
    return done


def _memberships_due(now, days=None):
    """Declined requests and ended memberships a while after the decision or the end."""
    days = retention_days("group_memberships") if days is None else days
    cutoff = now - dt.timedelta(days=days)
    Status = GroupMembership.Status
    return (
        GroupMembership.objects.exclude(contact_name=ANONYMOUS_NAME)
        .filter(status__in=[Status.DECLINED, Status.ENDED])
        .filter(decided_at__lt=cutoff)
    )


register(
    Source(
        key="group_memberships",
        label=_("Working-group memberships"),
        matching=_memberships_about,
        export_fields=(
            "id",
            "group__name",
            "organisation__name",
            "contact_name",
            "contact_email",
            "message",
            "status",
            "created_at",
            "consented_at",
        ),
        anonymise=_anonymise_memberships,
        due=_memberships_due,
    ),
    position=75,
)
