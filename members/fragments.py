"""What the members app's changes show on cached pages (see `core.fragments`).

`members` is the directory's topic (and that of every page listing organisations: the home
page, events' organisers, cooperations' partners, the sitemap); `members:profile:<pk>` is one
profile; `members:taxonomy` the innovation fields and sectors a profile names. Applications,
access links and change requests show nowhere until a manager decides, which saves the
organisation itself.
"""

from core.fragments import affects

from .models import (
    AccessLink,
    ContactMessage,
    ContactPerson,
    InnovationField,
    MembershipApplication,
    Organisation,
    ProfileChangeRequest,
    Sector,
)

PUBLIC_STATUSES = {Organisation.Status.MEMBER}


def _organisation_shown(organisation, created, update_fields):
    if created and organisation.status not in PUBLIC_STATUSES and not organisation.is_partner:
        return False  # a new applicant: no page shows it yet
    # The yearly reminder's date is shown nowhere.
    return update_fields is None or not set(update_fields) <= {"confirmation_reminded_on"}


affects(Organisation, "members", "members:profile:{pk}", when=_organisation_shown)
affects(Organisation.innovation_fields.through, "members", "members:profile:{organisation_id}")
affects(Organisation.sectors.through, "members", "members:profile:{organisation_id}")
# Contact persons appear on their organisation's profile alone, and only when public.
affects(
    ContactPerson,
    "members:profile:{organisation_id}",
    when=lambda contact, created, _fields: not created or contact.is_public,
)
affects(InnovationField, "members", "members:taxonomy")
affects(Sector, "members", "members:taxonomy")
affects(MembershipApplication)
affects(AccessLink)
# A visitor's message through the profile's contact form is for the member and the managers.
affects(ContactMessage)
affects(ProfileChangeRequest)
