"""What the working groups' changes show on cached pages (see `core.fragments`): the groups,
their meetings and their members are the app's topic `groups`. A request to join shows nowhere
until a manager accepts it, and the documents are only for members, through their own link."""

from core.fragments import affects

from .models import GroupDocument, GroupMembership


def _membership_shown(membership, created, _update_fields):
    """A membership shows on the group's page while it is accepted, or once it was."""
    if created:
        return membership.status == GroupMembership.Status.MEMBER
    return True


affects(GroupMembership, "groups", when=_membership_shown)
affects(GroupDocument)
