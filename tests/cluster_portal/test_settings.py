import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "cluster_portal.settings.production",
    "SECRET_KEY": "k3v!x9#tq7p2m8w4z6r1y5u0o3i8e7a2s9d4f6g1h5j0k2l7-Qm4Zr8Tn2Yw6",
    "DEBUG": "0",
    "ALLOWED_HOSTS": "portal.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://portal.example.org",
    "DATABASE_URL": "postgres://portal:secret@db.example.org:5432/portal",
    "PORTAL_BASE_URL": "https://portal.example.org",
}


def run_manage(*args, env):
    # Only what a deployment would have: nothing the test session itself set up.
    clean_env = {
        k: v
        for k, v in os.environ.items()
        if k not in PRODUCTION_ENV and k not in {"DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    clean_env.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.django_db
def test_deploy_check_is_clean_with_production_values():
    # Against a database that answers, as on a server: the checks of generated columns ask
    # PostgreSQL which kinds it supports.
    from django.db import connection

    from bench.appservers import database_url

    env = PRODUCTION_ENV | {"DATABASE_URL": database_url(connection.settings_dict)}
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    "missing", ["SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "PORTAL_BASE_URL"]
)
def test_production_refuses_to_start_without_a_required_value(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert missing in result.stderr


@pytest.mark.parametrize(
    "address", ["portal.example.org", "ftp://portal.example.org", "https://portal.example.org/x"]
)
def test_production_refuses_a_portal_address_that_is_not_scheme_and_host(address):
    result = run_manage("check", env=PRODUCTION_ENV | {"PORTAL_BASE_URL": address})
    assert result.returncode != 0
    assert "PORTAL_BASE_URL must be the portal's scheme and host" in result.stderr


def test_database_url_points_the_portal_at_another_server():
    env = {"DATABASE_URL": "postgres://someone:pw@db.example.org:6543/elsewhere"}
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; d = settings.DATABASES['default']; "
        "print(d['HOST'], d['PORT'], d['NAME'])",
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["db.example.org", "6543", "elsewhere"]


def test_without_database_url_the_checkouts_own_cluster_is_used(settings):
    assert "DATABASE_URL" not in os.environ or settings.DATABASES["default"]["HOST"]
    if "DATABASE_URL" not in os.environ:
        assert settings.DATABASES["default"]["HOST"] == str(ROOT / ".pgdata" / "run")
        assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


@pytest.mark.django_db
def test_the_portals_connections_run_without_jit_compilation():
    # Compiling a plan took longer than running the partner suggestions (core settings).
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


def test_jit_stays_the_servers_choice_when_asked_for():
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; "
        "print(settings.DATABASES['default'].get('OPTIONS', {}).get('options', ''))",
        env={
            "DATABASE_URL": "postgres://someone:pw@db.example.org:6543/elsewhere",
            "DATABASE_JIT": "on",
        },
    )
    assert result.returncode == 0, result.stderr
    assert "jit" not in result.stdout
