from django.core.management.base import BaseCommand

from members.models import Organisation
from members.services import send_confirmation_reminder


class Command(BaseCommand):
    help = (
        "Ask each member organisation whose profile was last confirmed over a year ago to "
        "confirm or update it. Run daily; an organisation is reminded at most once a year. "
        "The links in the e-mails start with PORTAL_BASE_URL."
    )

    def handle(self, *args, **options):
        organisations = Organisation.objects.due_for_confirmation()
        reminded = mails = 0
        for organisation in organisations.iterator():
            sent = send_confirmation_reminder(organisation=organisation)
            if sent:
                reminded += 1
                mails += sent
        self.stdout.write(f"Reminded {reminded} organisation(s) with {mails} e-mail(s).")
