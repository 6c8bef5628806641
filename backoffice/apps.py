from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class BackofficeConfig(AppConfig):
    name = "backoffice"
    verbose_name = _("Back office")

    def ready(self):
        from . import history, roles

        history.register_history()
        name_technical_apps()

        # After every migrate, so that models added later (new apps, new tables) get their
        # permissions into the two roles without another data migration.
        post_migrate.connect(roles.sync_roles_after_migrate, dispatch_uid="backoffice_sync_roles")


# Third-party apps that name themselves in English only, or not at all (the admin then shows
# their label: "AXES", "OTP_TOTP"). App names are not part of any migration.
TECHNICAL_APP_NAMES = {
    "axes": _("Login lockouts"),
    "otp_totp": _("Two-factor authentication"),
    "django_tasks_database": _("Background tasks"),
}


def name_technical_apps():
    from django.apps import apps

    for label, verbose_name in TECHNICAL_APP_NAMES.items():
        if label in apps.app_configs:
            apps.get_app_config(label).verbose_name = verbose_name
    if "otp_totp" in apps.app_configs:
        # django-otp names its model with a plain string, which no catalogue translates. The
        # options the migrations record (Meta's original attributes) stay as they are.
        options = apps.get_model("otp_totp", "TOTPDevice")._meta
        options.verbose_name = _("TOTP device")
        options.verbose_name_plural = _("TOTP devices")
