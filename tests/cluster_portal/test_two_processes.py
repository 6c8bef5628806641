"""Two app server processes on one database: whatever one answers, the other knows.

Two real gunicorn processes with production settings (plain HTTP) serve the test database on
two ports; a plain HTTP client with one cookie jar talks to both, as a browser behind a load
balancer would.
"""

import tempfile
import threading
from pathlib import Path

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from django.utils import timezone

from bench.appservers import AppServer, Visitor, csrf_token, database_url, production_env
from bench.loadtest import confirm_path_from_mail
from events.models import Registration
from legal.models import LegalPage
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-test-password-42"


def clear_shared_cache():
    # The cache table is not a model, so the test database's flush does not empty it.
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM portal_cache")


@pytest.fixture(scope="module")
def server_pair(collected_static, django_db_setup, django_db_blocker):
    """Started once for the module: the test database's name is the same for every test."""
    from django.conf import settings

    env = production_env(
        database_url=database_url(connection.settings_dict),
        secret_key=settings.SECRET_KEY,
        static_root=collected_static,
    )
    log_dir = Path(tempfile.mkdtemp(prefix="two-processes-"))
    pair = [AppServer(env, log_dir), AppServer(env, log_dir)]
    try:
        for server in pair:
            server.start()
        for server in pair:
            server.wait_healthy(timeout=60)
        yield pair
    finally:
        for server in pair:
            server.stop()


@pytest.fixture
def servers(server_pair):
    clear_shared_cache()
    yield server_pair
    clear_shared_cache()


@pytest.fixture
def privacy_notice(db):
    return LegalPage.objects.create(
        kind=LegalPage.Kind.PRIVACY,
        version=1,
        title="Datenschutz",
        body="…",
        published_at=timezone.now(),
    )


def test_servers_are_separate_processes_on_separate_ports(servers):
    a, b = servers

    assert a.port != b.port
    assert a.process.pid != b.process.pid
    assert a.health() == b.health() == 200


def test_admin_session_started_on_one_server_is_valid_on_the_other(servers, django_user_model):
    a, b = servers
    user = django_user_model.objects.create_superuser("chefin", "chefin@example.org")
    # Hashed as production hashes (the test settings use a faster hasher production lacks).
    user.password = PBKDF2PasswordHasher().encode(PASSWORD, PBKDF2PasswordHasher().salt())
    user.save()
    browser = Visitor()

    login_page = browser.get(f"{a.base_url}/admin/login/?next=/admin/")
    logged_in = browser.post(
        f"{a.base_url}/admin/login/?next=/admin/",
        {
            "csrfmiddlewaretoken": csrf_token(login_page.body),
            "username": "chefin",
            "password": PASSWORD,
            "next": "/admin/",
        },
    )
    on_b = browser.get(f"{b.base_url}/admin/")
    stranger = Visitor().get(f"{b.base_url}/admin/")

    assert logged_in.status == 302, logged_in.body[:500]
    assert browser.cookie("sessionid")
    assert on_b.status == 200
    assert "chefin" in on_b.body
    assert stranger.status == 302
    assert "/admin/login/" in stranger.location


def report(token: str, number: int = 1) -> dict:
    return {
        "csrfmiddlewaretoken": token,
        "page_url": "https://portal.example.org/veranstaltungen/",
        "description": f"Das Formular {number} lässt sich nicht mit der Tastatur bedienen.",
        "name": "",
        "email": "",
        "homepage": "",
    }


def test_csrf_token_from_a_form_on_one_server_is_accepted_by_the_other(servers):
    a, b = servers
    browser = Visitor()

    form_page = browser.get(f"{a.base_url}/barrierefreiheit/")
    accepted = browser.post(f"{b.base_url}/barrierefreiheit/", report(csrf_token(form_page.body)))
    forged = browser.post(f"{b.base_url}/barrierefreiheit/", report("x" * 64))

    assert form_page.status == 200
    assert accepted.status == 302, accepted.body[:500]
    assert forged.status == 403


def test_rate_limit_counted_on_both_servers_stops_the_report_over_the_limit(servers):
    from django.conf import settings

    a, b = servers
    browser = Visitor()
    token = csrf_token(browser.get(f"{a.base_url}/barrierefreiheit/").body)
    limit = settings.RATE_LIMITS["barrier-report"]["per_address"]

    answers = [
        browser.post(f"{server.base_url}/barrierefreiheit/", report(token, number)).status
        for number, server in enumerate([a, b] * (limit // 2 + 1), start=1)
    ]

    # `limit` reports per hour and client in all: each server alone has seen only half of them.
    assert answers == [302] * limit + [429] * (len(answers) - limit)


def test_event_capacity_holds_when_people_register_and_confirm_on_both_servers(
    servers, privacy_notice
):
    a, b = servers
    event = factories.make_event(slug="netzwerktreffen", capacity=3, registration_enabled=True)
    since = timezone.now()
    people = [f"person{number}@example.org" for number in range(8)]

    for number, email in enumerate(people):
        server = servers[number % 2]
        browser = Visitor()
        page = browser.get(f"{server.base_url}/veranstaltungen/netzwerktreffen/")
        answer = browser.post(
            f"{server.base_url}/veranstaltungen/netzwerktreffen/",
            {
                "csrfmiddlewaretoken": csrf_token(page.body),
                "name": f"Person {number}",
                "email": email,
                "organisation_name": "",
                "role": "",
                "privacy_consent": "on",
                "homepage": "",
            },
        )
        assert answer.status == 302, answer.body[:500]

    statuses = []

    def confirm(number, email, start):
        # Confirmed on the server the person did not register on, all at the same moment.
        server = servers[(number + 1) % 2]
        browser = Visitor()
        link = confirm_path_from_mail(email, since)
        page = browser.get(server.base_url + link)
        start.wait(timeout=30)
        answer = browser.post(
            server.base_url + link, {"csrfmiddlewaretoken": csrf_token(page.body)}
        )
        statuses.append(answer.status)
        connection.close()

    start = threading.Barrier(len(people))
    threads = [
        threading.Thread(target=confirm, args=(number, email, start))
        for number, email in enumerate(people)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert statuses == [302] * len(people)
    counts = {
        status: event.registrations.filter(status=status).count() for status in Registration.Status
    }
    assert counts[Registration.Status.CONFIRMED] == 3
    assert counts[Registration.Status.WAITING_LIST] == 5
    assert sum(counts.values()) == len(people)


BILLING = {
    "billing_organisation": "Beispiel Medizintechnik GmbH",
    "billing_department": "",
    "billing_street": "Hauptstraße 5",
    "billing_postcode": "06108",
    "billing_city": "Halle (Saale)",
    "billing_country": "DE",
    "billing_vat_id": "",
    "billing_reference": "",
    "billing_email": "rechnung@example.org",
}


def test_invoice_numbers_stay_gap_free_when_both_servers_confirm_paid_places_at_once(
    servers, privacy_notice
):
    """Issue 25: the seller's counter is shared by both processes, so confirmations at the
    same moment on two servers take the numbers 1 to n, each once."""
    from billing.models import Invoice

    a, b = servers
    event = factories.make_event(
        slug="konferenz", capacity=None, registration_enabled=True, price_cents=9500
    )
    since = timezone.now()
    people = [f"teilnehmer{number}@example.org" for number in range(10)]
    for number, email in enumerate(people):
        server = servers[number % 2]
        browser = Visitor()
        page = browser.get(f"{server.base_url}/veranstaltungen/konferenz/")
        answer = browser.post(
            f"{server.base_url}/veranstaltungen/konferenz/",
            {
                "csrfmiddlewaretoken": csrf_token(page.body),
                "name": f"Teilnehmer {number}",
                "email": email,
                "organisation_name": "Beispiel Medizintechnik GmbH",
                "role": "",
                "privacy_consent": "on",
                "homepage": "",
                **BILLING,
            },
        )
        assert answer.status == 302, answer.body[:500]

    statuses = []

    def confirm(number, email, start):
        server = servers[number % 2]
        browser = Visitor()
        link = confirm_path_from_mail(email, since)
        page = browser.get(server.base_url + link)
        start.wait(timeout=30)
        answer = browser.post(
            server.base_url + link, {"csrfmiddlewaretoken": csrf_token(page.body)}
        )
        statuses.append(answer.status)
        connection.close()

    start = threading.Barrier(len(people))
    threads = [
        threading.Thread(target=confirm, args=(number, email, start))
        for number, email in enumerate(people)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert statuses == [302] * len(people)
    numbers = sorted(Invoice.objects.filter(seller=event.seller).values_list("number", flat=True))
    year = timezone.localdate().year
    prefix = event.seller.invoice_prefix
    assert numbers == [f"{prefix}-{year}-{n:05d}" for n in range(1, len(people) + 1)]
    assert set(Registration.objects.filter(event=event).values_list("status", flat=True)) == {
        Registration.Status.CONFIRMED
    }
    assert Registration.objects.filter(event=event, invoice__isnull=True).count() == 0
