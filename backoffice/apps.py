from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class BackofficeConfig(AppConfig):
    name = "backoffice"
    verbose_name = _("Back office")

    def ready(self):
        from . import history, roles

        history.register_history()

        # After every migrate, so that models added later (new apps, new tables) get their
        # permissions into the two roles without another data migration.
        post_migrate.connect(roles.sync_roles_after_migrate, dispatch_uid="backoffice_sync_roles")
