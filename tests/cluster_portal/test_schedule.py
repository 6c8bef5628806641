"""The portal's own schedule: every periodic job is enqueued by the scheduler and run by the worker.

`manage.py crontask` (the Procfile's `scheduler`) imports each app's `tasks.py` and enqueues the
jobs at their times; these tests take the jobs from the same scheduler and let a real worker run
them from the database queue, as in production.
"""

import datetime as dt
import importlib

import pytest
from apscheduler.triggers.cron import CronTrigger
from crontask import scheduler
from django.apps import apps
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from events.models import Registration
from tests import factories
from tests.factories import make_registration

PERIODIC_JOBS = {
    "core.tasks.requeue_stalled_tasks",
    "core.tasks.prune_task_results",
    "core.tasks.purge_personal_data",
    "core.tasks.refresh_search_lexicon",
    "events.tasks.process_registration_deadlines",
    "events.tasks.send_event_reminders",
    "members.tasks.remind_profile_confirmation",
    "partnering.tasks.send_partnering_digest",
    "billing.tasks.send_payment_reminders",
}


def scheduled_jobs():
    """The scheduler's jobs by task path, loaded as `manage.py crontask --no-heartbeat` does."""
    for app in apps.get_app_configs():
        if app.name == "crontask":
            continue
        try:
            importlib.import_module(f"{app.name}.tasks")
        except ModuleNotFoundError as error:
            if error.name != f"{app.name}.tasks":
                raise
    # A job's function is its task's `enqueue`.
    return {job.func.__self__.module_path: job for job in scheduler.get_jobs()}


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "mail"]}
    }


def run_worker():
    call_command(
        "db_worker", "--batch", "--no-startup-delay", "--no-reload", "--queue-name", "*",
        verbosity=0,
    )  # fmt: skip


def test_every_periodic_job_of_the_portal_is_on_the_schedule():
    jobs = scheduled_jobs()

    assert set(jobs) == PERIODIC_JOBS
    assert all(isinstance(job.trigger, CronTrigger) for job in jobs.values())


def test_jobs_run_in_the_portals_time_zone():
    jobs = scheduled_jobs()

    assert {str(job.trigger.timezone) for job in jobs.values()} == {"Europe/Berlin"}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("name", sorted(PERIODIC_JOBS))
def test_scheduled_job_is_queued_and_run_by_the_worker(database_queue, name):
    scheduled_jobs()[name].func()  # what the scheduler does when the job falls due

    queued = DBTaskResult.objects.get()
    assert queued.status == "READY"
    assert queued.task_path == name
    run_worker()
    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL", queued.traceback


@pytest.mark.django_db(transaction=True)
def test_participants_are_reminded_by_the_scheduled_job(database_queue):
    event = factories.make_event(start=timezone.now() + dt.timedelta(hours=20))
    registration = make_registration(
        event, email="ada@example.org", status=Registration.Status.CONFIRMED
    )

    scheduled_jobs()["events.tasks.send_event_reminders"].func()
    run_worker()  # runs the job, which queues the reminder
    run_worker()  # sends the reminder

    registration.refresh_from_db()
    assert registration.reminded_at is not None
    assert [message.to for message in mail.outbox] == [["ada@example.org"]]
