from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The links this app mails (see core.links).
# Confirming a registration: the portal's default validity.
CONFIRM_PURPOSE = "events.registration.confirm"
# The personal registration page (ticket, cancel, waiting list): it must work until the
# event, which may be months after registering.
PERSONAL_PURPOSE = "events.registration"
PERSONAL_MAX_AGE = 400 * 24 * 3600
# The members' one-time link that proves that a co-exhibitor speaks for a member organisation.
STAND_ACCESS_PURPOSE = "events.stand-application"


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        from core.links import register_purpose
        from members.access import register_access_purpose

        register_purpose(CONFIRM_PURPOSE)
        register_purpose(PERSONAL_PURPOSE, max_age=PERSONAL_MAX_AGE)
        register_access_purpose(
            STAND_ACCESS_PURPOSE,
            url_name="events:stand_apply",
            subject=_("Your link to apply for a place on a joint stand for %(organisation)s"),
            asked_for=_(
                "you asked for a link to apply for a place on a joint stand for %(organisation)s."
            ),
        )
