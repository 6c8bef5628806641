"""Periodic jobs of members (see core/tasks.py for how they run)."""

from crontask import cron
from django.core.management import call_command
from django.tasks import task


@cron("0 8 * * mon")
@task()
def remind_profile_confirmation():
    call_command("remind_profile_confirmation")
