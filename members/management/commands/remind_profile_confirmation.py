import os

from django.conf import settings
from django.core.management.base import BaseCommand

from members.models import Organisation
from members.services import send_confirmation_reminder


def default_base_url() -> str:
    """The portal's address for links in e-mails sent outside a request."""
    hosts = [host.lstrip(".") for host in settings.ALLOWED_HOSTS if host not in ("*", "")]
    host = hosts[0] if hosts else "localhost"
    scheme = "http" if host in ("localhost", "127.0.0.1", "testserver") else "https"
    return f"{scheme}://{host}"


class Command(BaseCommand):
    help = (
        "Ask each member organisation whose profile was last confirmed over a year ago to "
        "confirm or update it. Run daily; an organisation is reminded at most once a year."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default=os.environ.get("PORTAL_BASE_URL") or default_base_url(),
            help="Scheme and host for the links in the e-mails, e.g. https://portal.example.org",
        )

    def handle(self, *args, base_url, **options):
        organisations = Organisation.objects.due_for_confirmation()
        reminded = mails = 0
        for organisation in organisations.iterator():
            sent = send_confirmation_reminder(
                organisation=organisation, base_url=base_url.rstrip("/")
            )
            if sent:
                reminded += 1
                mails += sent
        self.stdout.write(f"Reminded {reminded} organisation(s) with {mails} e-mail(s).")
