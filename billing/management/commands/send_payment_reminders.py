from django.core.management.base import BaseCommand

from billing.reminders import remind_overdue


class Command(BaseCommand):
    help = (
        "Mail a payment reminder for each overdue invoice. Each invoice is reminded once, "
        "however often the command runs."
    )

    def handle(self, *args, **options):
        sent = remind_overdue()
        self.stdout.write(f"{sent} payment reminders sent.")
