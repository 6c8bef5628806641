"""The load test at a small size: two gunicorn instances, the mail worker and an SMTP sink."""

import pytest
from django.db import connection
from django.utils import timezone

from bench.appservers import database_url
from bench.loadtest import Config, run_once
from legal.models import LegalPage

CAPACITY = 5


@pytest.fixture
def empty_shared_cache(db):
    # Not a model's table: the test database's flush leaves rate-limit counters in it.
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM portal_cache")


@pytest.mark.django_db(transaction=True)
def test_visitors_on_two_servers_lose_no_registration_and_never_overbook(
    collected_static, settings, empty_shared_cache
):
    LegalPage.objects.create(
        kind=LegalPage.Kind.PRIVACY,
        version=1,
        title="Datenschutz",
        body="…",
        published_at=timezone.now(),
    )
    config = Config(
        seconds=10,
        threads=6,
        capacity=CAPACITY,
        workers=1,
        gunicorn_threads=2,
        static_root=collected_static,
        drain_seconds=60,
    )

    results = run_once(
        config, db_url=database_url(connection.settings_dict), secret_key=settings.SECRET_KEY
    )

    assert results["problems"] == []
    assert results["errors_5xx"] == results["no_answer"] == 0
    # Enough people came for the waiting list to be used, and all of them were kept.
    assert results["registrations_answered_ok"] > CAPACITY
    assert results["registrations_lost"] == 0
    assert results["confirmed"] == CAPACITY
    assert results["waiting_list"] == results["confirmations_answered_ok"] - CAPACITY
    assert results["over_capacity"] == 0
    assert results["mail_queue_drained"]
    assert results["confirmation_mails_queued"] == CAPACITY
    assert results["confirmation_mails_received"] == CAPACITY
    assert results["confirmation_mail_mismatches_queued"] == 0
    assert results["confirmation_mail_mismatches_received"] == 0
