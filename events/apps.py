from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        # Registers the joint-stand purpose of the members' one-time links.
        from . import stand_services  # noqa: F401
