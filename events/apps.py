from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The links this app mails (see core.links).
# Confirming a registration: the portal's default validity.
CONFIRM_PURPOSE = "events.registration.confirm"
# The personal registration page (ticket, cancel, waiting list): it must work until the
# event, which may be months after registering.
PERSONAL_PURPOSE = "events.registration"
PERSONAL_MAX_AGE = 400 * 24 * 3600


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        from core.links import register_purpose

        register_purpose(CONFIRM_PURPOSE)
        register_purpose(PERSONAL_PURPOSE, max_age=PERSONAL_MAX_AGE)
