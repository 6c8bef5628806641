from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The shared kernel: mechanisms every app uses, and no app's own content.

    It imports no feature app. The site-wide lists (personal-data sources, search kinds,
    sitemap sections, demo loaders, dashboard panels) are filled by the apps themselves, found
    here the way the admin finds each app's `admin.py` (see `core.portal`).
    """

    name = "core"
    verbose_name = _("Portal")

    def ready(self):
        from django.conf import settings
        from django.contrib import admin
        from django_otp.admin import OTPAdminSite

        from . import fragments, lexicon, portal

        # First: the lexicon's signals follow the search kinds the apps declare.
        portal.autodiscover()
        fragments.connect_signals()
        lexicon.connect_signals()
        post_migrate.connect(_declare_trigram_costs, sender=self)

        if settings.ADMIN_REQUIRE_OTP:
            # Staff must enter a one-time password from a TOTP device besides the password.
            admin.site.__class__ = OTPAdminSite


def _declare_trigram_costs(*, using, **kwargs):
    from .textsearch import declare_trigram_costs

    declare_trigram_costs(using)
