from django.core.management.base import BaseCommand

from cluster_portal.site_urls import configured_base_url
from members.models import Organisation
from members.services import send_confirmation_reminder


class Command(BaseCommand):
    help = (
        "Ask each member organisation whose profile was last confirmed over a year ago to "
        "confirm or update it. Run daily; an organisation is reminded at most once a year."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default=configured_base_url() or "http://localhost",
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
