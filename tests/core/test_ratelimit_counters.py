"""The rate limit's counters in PostgreSQL: atomic, one statement a check, purged when over."""

import datetime as dt
import threading

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import RequestFactory
from django.utils import timezone

from core import privacy
from core.models import RateLimitCounter
from core.ratelimit import check_rate_limit

PARALLEL = 16


def request_from(address="203.0.113.5"):
    return RequestFactory().post("/", REMOTE_ADDR=address)


def end_windows(**filters):
    """What the clock does when the window's time is up."""
    past = timezone.now() - dt.timedelta(seconds=1)
    RateLimitCounter.objects.filter(**filters).update(window_ends=past)


@pytest.mark.django_db(transaction=True)
def test_parallel_attempts_from_one_client_are_each_counted_exactly_once():
    barrier = threading.Barrier(PARALLEL)
    answers, errors = [], []

    def attempt():
        try:
            barrier.wait()
            answers.append(check_rate_limit(request_from(), scope="t", limit=PARALLEL // 2))
        except Exception as error:  # noqa: BLE001 - reported to the main thread
            errors.append(error)
        finally:
            connection.close()  # each thread had its own connection

    threads = [threading.Thread(target=attempt) for _ in range(PARALLEL)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert RateLimitCounter.objects.get().hits == PARALLEL
    # No two requests saw the same count, so exactly `limit` of them got through.
    assert sorted(answers) == [False] * (PARALLEL // 2) + [True] * (PARALLEL // 2)


@pytest.mark.django_db
def test_one_check_of_client_and_e_mail_address_is_one_query(django_assert_num_queries):
    check_rate_limit(request_from(), scope="t", email="eva@example.org")

    with django_assert_num_queries(1):
        check_rate_limit(request_from(), scope="t", email="eva@example.org")

    assert set(RateLimitCounter.objects.values_list("hits", flat=True)) == {2}


def synchronous_commit() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_a_counter_of_its_own_is_committed_without_waiting_for_the_disk():
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        check_rate_limit(request_from(), scope="t", email="eva@example.org")

    (upsert,) = queries.captured_queries
    assert "set_config('synchronous_commit', 'off', true)" in upsert["sql"]
    # Set for the upsert's own transaction alone: the connection's later commits are durable.
    assert synchronous_commit() == "on"
    assert RateLimitCounter.objects.count() == 2


@pytest.mark.django_db
def test_a_counter_inside_a_transaction_leaves_that_transactions_commit_durable():
    # (A test runs inside a transaction, as a registration counts inside its own.)
    check_rate_limit(request_from(), scope="t", email="eva@example.org")

    assert synchronous_commit() == "on"
    assert set(RateLimitCounter.objects.values_list("hits", flat=True)) == {1}


@pytest.mark.django_db
def test_the_window_is_fixed_from_the_first_attempt():
    check_rate_limit(request_from(), scope="t")
    first_end = RateLimitCounter.objects.get().window_ends

    check_rate_limit(request_from(), scope="t")

    counter = RateLimitCounter.objects.get()
    assert counter.window_ends == first_end
    assert counter.hits == 2


@pytest.mark.django_db
def test_a_refused_client_is_let_in_again_when_the_window_has_ended():
    answers = [check_rate_limit(request_from(), scope="t", limit=2) for _ in range(3)]
    end_windows()

    answers += [check_rate_limit(request_from(), scope="t", limit=2) for _ in range(3)]

    assert answers == [True, True, False, True, True, False]


@pytest.mark.django_db
def test_the_e_mail_counter_refuses_even_when_the_client_counter_restarted():
    for number in range(2):
        check_rate_limit(request_from(f"198.51.100.{number}"), scope="t", email="a@x.org", limit=2)

    assert not check_rate_limit(request_from("192.0.2.1"), scope="t", email="a@x.org", limit=2)
    assert check_rate_limit(request_from("192.0.2.1"), scope="t", email="b@x.org", limit=2)


@pytest.mark.django_db
def test_purge_deletes_the_counters_whose_window_has_ended_and_keeps_the_others(capsys):
    check_rate_limit(request_from("203.0.113.1"), scope="t")
    check_rate_limit(request_from("203.0.113.2"), scope="t")
    end_windows(pk=RateLimitCounter.objects.first().pk)

    call_command("purge_personal_data", "--dry-run")
    assert "rate limit counters: 1 would be" in capsys.readouterr().out
    assert privacy.purge()["rate_limit_counters"] == 1
    assert privacy.purge()["rate_limit_counters"] == 0

    remaining = RateLimitCounter.objects.get()
    assert remaining.window_ends > timezone.now()


@pytest.mark.django_db
def test_erasing_an_address_deletes_its_counters_whatever_the_form():
    check_rate_limit(request_from(), scope="event-registration", email="Eva@example.org")
    check_rate_limit(request_from(), scope="barrier-report", email="eva@example.org")
    check_rate_limit(request_from(), scope="barrier-report", email="other@example.org")

    found = privacy.collect("eva@example.org")["rate_limit_counters"]
    assert sorted(row["scope"] for row in found) == ["barrier-report", "event-registration"]

    record = privacy.erase(email="EVA@example.org")

    assert record.counts["rate_limit_counters"] == 2
    assert privacy.collect("eva@example.org")["rate_limit_counters"] == []
    assert len(privacy.collect("other@example.org")["rate_limit_counters"]) == 1
