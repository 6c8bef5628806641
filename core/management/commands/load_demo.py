"""Load the demo data named in the seed pages; running it twice changes nothing.

Each app's loader is declared in its `demo.py` (`core.demo.register`); they run in their
declared order, in one transaction.
"""

import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import translation

from core import demo, lexicon

DEMO_ADMIN_USERNAME = "admin"


class Command(BaseCommand):
    help = "Load the demo regions, members, events, cooperations and legal pages (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-admin",
            action="store_true",
            help="Do not create the local admin login.",
        )

    def handle(self, *args, **options):
        # Texts given without a language suffix are the German originals (modeltranslation
        # stores them in the active language's column).
        with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
            for loader in demo.ordered():
                loader.load()
            # Saves added words as they went; the rebuild also counts them exactly.
            lexicon.refresh_all()
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        if not options["no_admin"]:
            self.create_local_admin()

    def create_local_admin(self):
        if not settings.DEBUG:
            raise CommandError(
                "The demo admin login is for local development only (DEBUG must be on). "
                "Use --no-admin, or createsuperuser for a real account."
            )
        password = os.environ.get("DEMO_ADMIN_PASSWORD", "portal-demo-admin")
        user_model = get_user_model()
        user, created = user_model.objects.get_or_create(
            username=DEMO_ADMIN_USERNAME,
            defaults={"is_staff": True, "is_superuser": True, "email": "admin@localhost"},
        )
        if created:
            user.set_password(password)
            user.save(update_fields=["password"])
            self.stdout.write(
                f"Local admin login: {DEMO_ADMIN_USERNAME} / {password} (for this machine only)"
            )
        else:
            self.stdout.write(f"Local admin login: {DEMO_ADMIN_USERNAME} (already exists)")
