from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class B2BConfig(AppConfig):
    """B2B meetings at B2B exchange events: participants' profiles, meeting requests and the
    schedule of slots and tables. The participant's pages open with the personal registration
    link the events app mails (events.apps.PERSONAL_PURPOSE), so this app declares no link."""

    name = "b2b"
    verbose_name = _("B2B meetings")
