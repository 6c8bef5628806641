"""Weekly (partnering/tasks.py): tell each posting organisation the new matches for its posts."""

from django.core.management.base import BaseCommand, CommandError

from cluster_portal.site_urls import configured_base_url
from partnering.services import digest_send


class Command(BaseCommand):
    help = "E-mail each posting organisation the matches found since its last digest."

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default=None,
            help="Scheme and host for the links in the e-mails, e.g. https://portal.example.org "
            "(default: PORTAL_BASE_URL, else the first of ALLOWED_HOSTS).",
        )

    def handle(self, *args, **options):
        base_url = (options["base_url"] or configured_base_url()).rstrip("/")
        if not base_url.startswith(("https://", "http://")):
            # Without it the links in the e-mails would lead nowhere.
            raise CommandError(
                "Give the portal's address with --base-url https://… or PORTAL_BASE_URL."
            )
        sent = digest_send(base_url=base_url)
        self.stdout.write(self.style.SUCCESS(f"Partnering digest: {sent} e-mail(s) sent."))
