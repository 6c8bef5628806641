"""Anonymise personal data kept longer than its retention period (run daily, e.g. by cron)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core import privacy


class Command(BaseCommand):
    help = (
        "Anonymise registrations, declined membership applications and barrier reports whose "
        "retention period (settings.PERSONAL_DATA_RETENTION) has passed. Rows and statuses stay "
        "for statistics; a second run finds nothing new."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count what would be anonymised."
        )
        for key, days in settings.PERSONAL_DATA_RETENTION.items():
            parser.add_argument(
                f"--{key.replace('_', '-')}-days",
                type=int,
                dest=f"{key}_days",
                metavar="DAYS",
                help=f"Retention of {key.replace('_', ' ')} in days (default {days}).",
            )

    def handle(self, *args, dry_run=False, **options):
        days = {
            key: options[f"{key}_days"]
            for key in settings.PERSONAL_DATA_RETENTION
            if options.get(f"{key}_days") is not None
        }
        for key, value in days.items():
            if value < 0:
                raise CommandError(f"--{key.replace('_', '-')}-days must not be negative.")
        report = privacy.purge(days=days, dry_run=dry_run)
        verb = "would be anonymised" if dry_run else "anonymised"
        for key, count in report.items():
            self.stdout.write(f"{key.replace('_', ' ')}: {count} {verb}")
