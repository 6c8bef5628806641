import datetime as dt

import pytest
from django.test import RequestFactory
from django.utils import timezone

from core.models import RateLimitCounter
from core.ratelimit import check_rate_limit, client_ip

pytestmark = pytest.mark.django_db


def request_from(address="203.0.113.5", **meta):
    return RequestFactory().post("/", REMOTE_ADDR=address, **meta)


def test_a_client_is_allowed_up_to_the_limit_and_then_refused():
    answers = [check_rate_limit(request_from(), scope="t", limit=3) for _ in range(4)]
    assert answers == [True, True, True, False]


def test_forms_are_counted_apart():
    for _ in range(3):
        check_rate_limit(request_from(), scope="registration", limit=3)
    assert check_rate_limit(request_from(), scope="barrier-report", limit=3)
    assert not check_rate_limit(request_from(), scope="registration", limit=3)


def test_clients_are_counted_apart():
    for _ in range(3):
        check_rate_limit(request_from("203.0.113.5"), scope="t", limit=3)
    assert check_rate_limit(request_from("203.0.113.6"), scope="t", limit=3)


def test_an_e_mail_address_is_counted_whatever_its_spelling_and_client():
    for number in range(3):
        address = f"198.51.100.{number}"
        assert check_rate_limit(request_from(address), scope="t", email="A@Example.org", limit=3)
    assert not check_rate_limit(
        request_from("192.0.2.1"), scope="t", email=" a@example.ORG ", limit=3
    )


def test_the_counters_are_stored_without_clear_addresses():
    check_rate_limit(request_from(), scope="t", email="eva@example.org")

    counters = list(RateLimitCounter.objects.values_list("key", "scope", "hits"))
    assert len(counters) == 2  # one for the client, one for the e-mail address
    stored = repr(counters)
    assert "eva" not in stored and "203.0.113.5" not in stored
    assert {scope for _key, scope, _hits in counters} == {"t"}


def test_a_counter_whose_window_has_ended_starts_a_new_window():
    for _ in range(3):
        check_rate_limit(request_from(), scope="t", limit=3)
    RateLimitCounter.objects.update(window_ends=timezone.now() - dt.timedelta(seconds=1))

    assert check_rate_limit(request_from(), scope="t", limit=3)
    counter = RateLimitCounter.objects.get()
    assert counter.hits == 1
    assert counter.window_ends > timezone.now()


def test_ipv6_clients_are_counted_per_network_of_64_addresses():
    assert client_ip(request_from("2001:db8:1:2::1")) == client_ip(request_from("2001:db8:1:2::ff"))
    assert client_ip(request_from("2001:db8:1:2::1")) != client_ip(request_from("2001:db8:1:3::1"))
    assert client_ip(request_from("::ffff:192.0.2.1")) == "192.0.2.1"


def test_forwarded_addresses_count_only_behind_a_trusted_proxy(settings):
    forged = {"HTTP_X_FORWARDED_FOR": "1.2.3.4, 198.51.100.9"}
    assert client_ip(request_from("10.0.0.1", **forged)) == "10.0.0.1"
    settings.RATELIMIT_TRUSTED_PROXIES = 1
    # The proxy appends the client it saw; what the client sent before that is not trusted.
    assert client_ip(request_from("10.0.0.1", **forged)) == "198.51.100.9"
