"""Periodic jobs of billing (see core/tasks.py for how they run)."""

from crontask import cron
from django.core.management import call_command
from django.tasks import task


@cron("0 9 * * *")
@task()
def send_payment_reminders():
    call_command("send_payment_reminders")
