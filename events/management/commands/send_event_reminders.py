from django.core.management.base import BaseCommand, CommandError

from events.services import send_reminders


class Command(BaseCommand):
    help = (
        "Remind confirmed participants of events that start within the given number of "
        "hours. Each participant is reminded once, however often the command runs."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--hours", type=int, default=48, help="How long before the start (default 48)."
        )

    def handle(self, *args, hours, **options):
        if hours < 1:
            raise CommandError("--hours must be at least 1.")
        sent = send_reminders(hours=hours)
        self.stdout.write(f"{sent} reminders sent.")
