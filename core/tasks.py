"""The kernel's periodic jobs, scheduled by `manage.py crontask` and run by the task worker.

Each app declares its own periodic jobs in its `tasks.py` (`crontask` imports them at start):
the scheduler process only enqueues them in the database queue at the given times, and
`manage.py db_worker` runs them like any other task. A job is a management command, so that an
operator can run the same thing by hand; each one is safe to run twice.
"""

from crontask import cron
from django.core.management import call_command
from django.tasks import task


@cron("*/5 * * * *")
@task()
def requeue_stalled_tasks():
    call_command("requeue_stalled_tasks", minutes=15)


@cron("0 4 * * *")
@task()
def prune_task_results():
    call_command("prune_db_task_results", queue_name="*", min_age_days=30)


@cron("30 3 * * *")
@task()
def purge_personal_data():
    call_command("purge_personal_data")


@cron("17 * * * *")
@task()
def refresh_search_lexicon():
    call_command("refresh_search_lexicon")
