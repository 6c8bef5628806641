"""The mail queue: messages commit with the data that caused them and survive an SMTP outage."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from core.mail import Attachment, retry_delay, send_mail_in_language

pytestmark = pytest.mark.usefixtures("mail_templates")


@pytest.fixture
def queued_mail(settings, smtp_server):
    """Production's mode: the database queue and SMTP to the local test server."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "mail"]}
    }
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": smtp_server.port, "timeout": 5},
        }
    }
    settings.MAIL_RETRY_BASE_SECONDS = 60
    settings.MAIL_RETRY_MAX_SECONDS = 3600
    settings.MAIL_MAX_ATTEMPTS = 5


def queue_confirmation(**overrides):
    arguments = {
        "template": "mail_test/confirmation",
        "to": ["ada@example.org"],
        "language": "en",
        "context": {"name": "Ada", "title": "Netzwerktreffen Telemedizin"},
    }
    send_mail_in_language(**(arguments | overrides))


def run_worker():
    call_command(
        "db_worker",
        "--batch",
        "--no-startup-delay",
        "--no-reload",
        "--queue-name",
        "*",
        verbosity=0,
    )


def let_retries_fall_due():
    """Stand-in for waiting out the back-off: move every scheduled attempt to now."""
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())


def test_without_queue_settings_mail_lands_in_the_outbox_at_once(mailoutbox):
    queue_confirmation()

    assert len(mailoutbox) == 1
    assert mailoutbox[0].subject == "Registration confirmed: Netzwerktreffen Telemedizin"
    assert mailoutbox[0].to == ["ada@example.org"]


@pytest.mark.django_db(transaction=True)
def test_queued_message_waits_in_the_database_until_the_worker_sends_it(queued_mail, smtp_server):
    smtp_server.start()

    queue_confirmation()

    assert smtp_server.messages == []
    assert DBTaskResult.objects.get().status == "READY"
    run_worker()
    assert len(smtp_server.messages) == 1
    sent = smtp_server.messages[0]
    assert sent["to"] == ["ada@example.org"]
    assert sent["message"]["Subject"] == "Registration confirmed: Netzwerktreffen Telemedizin"
    parts = {part.get_content_type(): part for part in sent["message"].walk()}
    assert "Hello Ada," in parts["text/plain"].get_payload(decode=True).decode()
    assert '<html lang="en"' in parts["text/html"].get_payload(decode=True).decode()
    assert sent["message"]["Auto-Submitted"] == "auto-generated"
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


@pytest.mark.django_db(transaction=True)
def test_message_queued_during_smtp_outage_goes_out_once_when_the_server_is_back(
    queued_mail, smtp_server
):
    queue_confirmation()
    before = timezone.now()

    run_worker()  # the server is down: the attempt fails and the next one is scheduled

    assert smtp_server.messages == []
    failed = DBTaskResult.objects.get(status="FAILED")
    assert failed.exception_class_path.endswith("MailDeliveryDeferred")
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.args_kwargs["kwargs"]["attempt"] == 2
    assert retry.run_after >= before + timedelta(seconds=60)

    run_worker()  # still within the back-off: nothing is tried yet
    assert DBTaskResult.objects.filter(status="READY").count() == 1

    smtp_server.start()
    let_retries_fall_due()
    run_worker()
    run_worker()  # a second run finds nothing left to send

    assert len(smtp_server.messages) == 1
    assert smtp_server.messages[0]["to"] == ["ada@example.org"]
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 1
    assert not DBTaskResult.objects.filter(status="READY").exists()


@pytest.mark.django_db(transaction=True)
def test_each_failed_attempt_waits_twice_as_long_as_the_one_before(queued_mail, smtp_server):
    queue_confirmation()
    delays = []
    for _ in range(3):
        started = timezone.now()
        run_worker()
        retry = DBTaskResult.objects.get(status="READY")
        delays.append(round((retry.run_after - started).total_seconds() / 60))
        let_retries_fall_due()

    assert delays == [1, 2, 4]
    assert smtp_server.messages == []


@pytest.mark.django_db(transaction=True)
def test_worker_gives_up_after_the_last_attempt(queued_mail, smtp_server, settings):
    settings.MAIL_MAX_ATTEMPTS = 2
    queue_confirmation()

    run_worker()
    let_retries_fall_due()
    run_worker()

    assert DBTaskResult.objects.filter(status="FAILED").count() == 2
    assert not DBTaskResult.objects.filter(status="READY").exists()


@pytest.mark.django_db(transaction=True)
def test_message_is_dropped_with_the_registration_that_is_rolled_back(queued_mail):
    with pytest.raises(RuntimeError), transaction.atomic():
        queue_confirmation()
        raise RuntimeError("the registration failed after its e-mail was queued")

    assert not DBTaskResult.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_message_commits_with_the_transaction_that_queued_it(queued_mail):
    with transaction.atomic():
        queue_confirmation()
        # No on_commit hook: the row is part of the transaction itself.
        assert DBTaskResult.objects.count() == 1

    assert DBTaskResult.objects.get().status == "READY"


@pytest.mark.django_db(transaction=True)
def test_attachments_arrive_unchanged_through_the_queue(queued_mail, smtp_server):
    smtp_server.start()
    calendar = "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"
    pdf = b"%PDF-1.4 \x00\xff binary"

    queue_confirmation(
        attachments=[
            Attachment("event.ics", calendar, "text/calendar"),
            Attachment("programme.pdf", pdf, "application/pdf"),
        ]
    )
    run_worker()

    parts = {
        part.get_filename(): part.get_payload(decode=True)
        for part in smtp_server.messages[0]["message"].walk()
        if part.get_filename()
    }
    assert parts == {"event.ics": calendar.encode(), "programme.pdf": pdf}


def test_back_off_doubles_and_stops_at_the_cap(settings):
    settings.MAIL_RETRY_BASE_SECONDS = 60
    settings.MAIL_RETRY_MAX_SECONDS = 3600

    delays = [retry_delay(attempt).total_seconds() for attempt in range(1, 9)]

    assert delays == [60, 120, 240, 480, 960, 1920, 3600, 3600]
