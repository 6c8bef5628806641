from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The links this app mails (see core.links).
# The members' one-time link that proves that a co-exhibitor speaks for a member organisation.
# The name is what the links already mailed were signed with (and AccessLink.purpose stores):
# it keeps the events app's name from before the stands had an app of their own.
STAND_ACCESS_PURPOSE = "events.stand-application"


class StandsConfig(AppConfig):
    name = "stands"
    verbose_name = _("Joint stands")

    def ready(self):
        from members.access import register_access_purpose

        register_access_purpose(
            STAND_ACCESS_PURPOSE,
            url_name="stands:apply",
            subject=_("Your link to apply for a place on a joint stand for %(organisation)s"),
            asked_for=_(
                "you asked for a link to apply for a place on a joint stand for %(organisation)s."
            ),
        )
