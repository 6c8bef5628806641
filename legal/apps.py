from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegalConfig(AppConfig):
    """The statements the law requires (imprint, privacy notice, accessibility statement, easy
    language), the consent to the privacy notice that every public form records, and the
    barrier reports sent through the accessibility statement."""

    name = "legal"
    verbose_name = _("Legal pages and barrier reports")
