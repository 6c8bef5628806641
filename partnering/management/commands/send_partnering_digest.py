"""Weekly: tell each posting organisation the new matches for its posts (run from cron)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from partnering.services import digest_send


class Command(BaseCommand):
    help = "E-mail each posting organisation the matches found since its last digest."

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default=getattr(settings, "PORTAL_BASE_URL", ""),
            help="Scheme and host for the links in the e-mails, e.g. https://portal.example.org",
        )

    def handle(self, *args, **options):
        sent = digest_send(base_url=options["base_url"])
        self.stdout.write(self.style.SUCCESS(f"Partnering digest: {sent} e-mail(s) sent."))
