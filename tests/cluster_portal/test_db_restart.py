"""A database restart: /health/ says so while it is down, and the portal recovers by itself.

The database is a throw-away cluster of scripts/localdb.py (the suite's own keeps running), in a
tempfile.mkdtemp() folder: pytest's temp root is chmodded by pytest, which breaks the ACL that
lets the postgres user reach the socket.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from bench.appservers import ROOT, AppServer, production_env

SCRIPT = ROOT / "scripts" / "localdb.py"


def localdb(root: Path, command: str) -> None:
    env = {k: v for k, v in os.environ.items() if k != "LOCALDB_ROOT" and not k.startswith("PG")}
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--root", str(root), command],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture
def throwaway_cluster():
    base = Path(tempfile.mkdtemp(prefix="dbrestart-"))
    # Short names: the socket path must stay below 108 bytes.
    parent = base / "p"
    parent.mkdir(mode=0o700)
    root = parent / "r"
    root.mkdir()
    localdb(root, "start")
    yield root
    localdb(root, "stop")
    shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def server(throwaway_cluster, collected_static):
    socket_dir = throwaway_cluster / ".pgdata" / "run"
    env = production_env(
        database_url=f"postgres://postgres@/cluster_portal?host={socket_dir}",
        secret_key="database-restart-test-key-" + "x" * 30,
        static_root=collected_static,
    )
    app = AppServer(env, throwaway_cluster.parent.parent)
    app.start()
    try:
        app.wait_healthy(timeout=60)
        yield app
    finally:
        app.stop()


def wait_for_health(server, status: int, timeout: float = 30) -> int:
    deadline = time.monotonic() + timeout
    answer = server.health()
    while answer != status and time.monotonic() < deadline:
        time.sleep(0.2)
        answer = server.health()
    return answer


def test_health_is_503_while_the_database_is_down_and_200_again_after_restart(
    server, throwaway_cluster
):
    pid = server.process.pid
    assert server.health() == 200

    localdb(throwaway_cluster, "stop")
    down = [server.health() for _ in range(3)]
    localdb(throwaway_cluster, "start")
    back = wait_for_health(server, 200)

    assert down == [503, 503, 503]
    assert back == 200
    # Recovered by itself: the same gunicorn, its old connection replaced by a new one.
    assert server.process.pid == pid
    assert server.running


def test_pages_that_need_the_database_answer_503_with_retry_after_while_it_is_down(
    server, throwaway_cluster
):
    import urllib.error
    import urllib.request

    page = f"{server.base_url}/mitglieder/?q=Nichtgecacht"
    localdb(throwaway_cluster, "stop")
    try:
        request = urllib.request.Request(page, headers={"Accept-Language": "de"})  # noqa: S310
        with pytest.raises(urllib.error.HTTPError) as answer:
            urllib.request.urlopen(request, timeout=10)  # noqa: S310
    finally:
        localdb(throwaway_cluster, "start")

    assert answer.value.code == 503
    assert answer.value.headers["Retry-After"] == "30"
    assert "Vorübergehend nicht erreichbar" in answer.value.read().decode()
    assert wait_for_health(server, 200) == 200
