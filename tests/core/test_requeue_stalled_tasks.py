import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.core.test_mail_queue import (  # noqa: F401 - queued_mail is a fixture
    queue_confirmation,
    queued_mail,
    run_worker,
)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("mail_templates", "queued_mail"),
]


def test_mail_left_running_by_a_dead_worker_goes_out_after_the_grace_period(smtp_server):
    smtp_server.start()
    queue_confirmation()
    # What a worker killed mid-send leaves behind: claimed, running, never finished.
    DBTaskResult.objects.update(
        status="RUNNING", started_at=timezone.now() - dt.timedelta(minutes=20)
    )
    out = io.StringIO()
    call_command("requeue_stalled_tasks", stdout=out)
    assert "1 stalled task(s) requeued." in out.getvalue()
    run_worker()
    assert [message["to"] for message in smtp_server.messages] == [["ada@example.org"]]


def test_a_task_that_is_still_within_its_grace_period_is_left_alone():
    queue_confirmation()
    DBTaskResult.objects.update(status="RUNNING", started_at=timezone.now())
    call_command("requeue_stalled_tasks", stdout=io.StringIO())
    assert DBTaskResult.objects.get().status == "RUNNING"
