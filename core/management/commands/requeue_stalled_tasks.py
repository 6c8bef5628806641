"""Put tasks back in the queue whose worker died while running them.

django-tasks-db marks a task RUNNING when a worker claims it and never looks at it again, so
a worker killed mid-send (SIGKILL, a lost machine, a database restart that ends the worker)
would leave its e-mail unsent for ever. The scheduler runs it every five minutes
(core/tasks.py); sending is quick, so a task still running after the grace period
has lost its worker. At worst a message whose worker died after the SMTP server accepted it
goes out twice, never not at all.
"""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django_tasks_db.models import DBTaskResult


class Command(BaseCommand):
    help = "Requeue tasks left RUNNING by a worker that died (default: after 15 minutes)."

    def add_arguments(self, parser):
        parser.add_argument("--minutes", type=int, default=15, help="Grace period in minutes.")

    def handle(self, *args, minutes, **options):
        if minutes < 1:
            raise CommandError("--minutes must be at least 1.")
        cutoff = timezone.now() - dt.timedelta(minutes=minutes)
        stalled = DBTaskResult.objects.running().filter(started_at__lt=cutoff)
        count = stalled.update(status="READY", run_after=timezone.now())
        self.stdout.write(f"{count} stalled task(s) requeued.")
