"""The cache lives in the database (or Redis), so every app process sees the same values."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import cache, caches
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def test_two_cache_clients_see_the_same_value(db):
    first = caches.create_connection("default")
    second = caches.create_connection("default")
    assert first is not second

    first.set("registrations:event-17", 42, timeout=60)

    assert second.get("registrations:event-17") == 42
    second.incr("registrations:event-17")
    assert first.get("registrations:event-17") == 43


@pytest.mark.django_db(transaction=True)
def test_a_value_cached_by_one_process_is_read_by_another():
    cache.set("rate-limit:203.0.113.7", 3, timeout=60)
    test_db = connection.settings_dict
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env["DJANGO_SETTINGS_MODULE"] = "cluster_portal.settings.test"
    env["DATABASE_URL"] = (
        f"postgres://{test_db['USER']}@/{test_db['NAME']}?host={test_db['HOST']}"
        f"&port={test_db['PORT']}"
    )

    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "--no-imports",
            "-c",
            "from django.core.cache import cache; print(cache.get('rate-limit:203.0.113.7'))",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "3"


def test_sessions_are_kept_in_the_database(client, db):
    session = client.session
    session["basket"] = "event-17"
    session.save()

    stored = Session.objects.get(session_key=session.session_key)
    assert stored.get_decoded()["basket"] == "event-17"
