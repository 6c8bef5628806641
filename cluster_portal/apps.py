from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClusterPortalConfig(AppConfig):
    name = "cluster_portal"
    verbose_name = _("Portal")

    def ready(self):
        from django.conf import settings
        from django.contrib import admin
        from django_otp.admin import OTPAdminSite

        from . import fragments, lexicon

        fragments.connect_signals()
        lexicon.connect_signals()

        if settings.ADMIN_REQUIRE_OTP:
            # Staff must enter a one-time password from a TOTP device besides the password.
            admin.site.__class__ = OTPAdminSite
