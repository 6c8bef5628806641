import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_health_answers_200_when_the_database_is_reachable(client, db):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": True}
    assert "no-cache" in response["Cache-Control"]


def test_health_answers_503_when_the_database_is_unreachable(tmp_path):
    # A real server that is not there: a socket folder nobody listens in.
    script = (
        "import django; django.setup(); from django.test import Client; "
        "r = Client().get('/health/'); print(r.status_code, r.content.decode())"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "cluster_portal.settings.test",
            "DATABASE_URL": f"postgres://postgres@/nowhere?host={tmp_path}",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    status, body = result.stdout.strip().split(" ", 1)
    assert status == "503"
    assert json.loads(body)["database"] is False
