"""Weekly (partnering/tasks.py): tell each posting organisation the new matches for its posts."""

from django.core.management.base import BaseCommand

from partnering.services import digest_send


class Command(BaseCommand):
    help = (
        "E-mail each posting organisation the matches found since its last digest "
        "(links start with PORTAL_BASE_URL)."
    )

    def handle(self, *args, **options):
        sent = digest_send()
        self.stdout.write(self.style.SUCCESS(f"Partnering digest: {sent} e-mail(s) sent."))
