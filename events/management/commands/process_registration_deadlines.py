from django.core.management.base import BaseCommand

from events.services import process_deadlines


class Command(BaseCommand):
    help = (
        "Lapse waiting-list offers and unconfirmed registrations whose time has run out, and "
        "offer every free place to the next person on the waiting list. Run it every few "
        "minutes; a second run finds nothing more to do."
    )

    def handle(self, *args, **options):
        report = process_deadlines()
        self.stdout.write(
            f"{report.offers_lapsed} offers lapsed, {report.pending_lapsed} unconfirmed "
            f"registrations lapsed, {report.offers_made} places offered."
        )
