"""Periodic jobs of partnering (see core/tasks.py for how they run)."""

from crontask import cron
from django.core.management import call_command
from django.tasks import task


@cron("0 9 * * mon")
@task()
def send_partnering_digest():
    call_command("send_partnering_digest")
