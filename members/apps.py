from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The one-time link that lets an organisation update its profile (AccessLink.purpose).
PROFILE_PURPOSE = "profile"


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Members")

    def ready(self):
        from . import signals  # noqa: F401 - connects the receivers
        from .access import register_access_purpose

        # The links this app mails (see core.links).
        register_access_purpose(
            PROFILE_PURPOSE,
            url_name="members:profile_edit",
            subject=_("Your link to update the profile of %(organisation)s"),
            asked_for=_("you asked for a link to update the profile of %(organisation)s."),
        )
