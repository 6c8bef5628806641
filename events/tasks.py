"""Periodic jobs of events (see core/tasks.py for how they run)."""

from crontask import cron
from django.core.management import call_command
from django.tasks import task


@cron("*/5 * * * *")
@task()
def process_registration_deadlines():
    call_command("process_registration_deadlines")


@cron("0 7 * * *")
@task()
def send_event_reminders():
    call_command("send_event_reminders")
