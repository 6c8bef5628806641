"""Tests for scripts/localdb.py against real throw-away PostgreSQL clusters.

No mocks: each cluster lives in a tmp folder below a 0700 parent, which (as
root) exercises the ACL path the same way a CI checkout under ``mktemp -d``
does. Run without Django: ``pytest tests/test_localdb.py -p no:django``.
"""

from __future__ import annotations

import glob
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "localdb.py"
IS_ROOT = os.geteuid() == 0


def psql_binary() -> str:
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/psql"),
        key=lambda p: int(Path(p).parent.parent.name.split(".")[0]),
    )
    if os.environ.get("PG_BIN"):
        candidates.append(str(Path(os.environ["PG_BIN"]) / "psql"))
    found = candidates[-1] if candidates else shutil.which("psql")
    if not found:
        pytest.skip("psql not available")
    return found


def script_env() -> dict[str, str]:
    # The caller's LOCALDB_ROOT or PG* settings must not leak into the
    # clusters under test (or point the script at the real one).
    return {k: v for k, v in os.environ.items() if k != "LOCALDB_ROOT" and k[:2] != "PG"}


class Cluster:
    def __init__(self, root: Path, script: Path = SCRIPT, pass_root: bool = True) -> None:
        self.root = root
        self.script = script
        self.pass_root = pass_root
        self.pgdata = root / ".pgdata"
        self.run_dir = self.pgdata / "run"

    def cli(self, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
        root_args = ["--root", str(self.root)] if self.pass_root else []
        return subprocess.run(
            [sys.executable, str(self.script), *root_args, *args],
            capture_output=True,
            text=True,
            env=script_env() | env,
            timeout=120,
            check=False,
        )

    def ok(self, *args: str) -> subprocess.CompletedProcess[str]:
        result = self.cli(*args)
        assert result.returncode == 0, result.stdout + result.stderr
        return result

    def pid(self) -> int:
        return int((self.pgdata / "data" / "postmaster.pid").read_text().split("\n", 1)[0])

    def query(self, sql: str) -> str:
        result = subprocess.run(
            [psql_binary(), "-X", "-tA", "-h", str(self.run_dir), "-U", "postgres"]
            + ["-d", "cluster_portal", "-c", sql],
            capture_output=True,
            text=True,
            env=script_env(),
            timeout=30,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()

    def teardown(self) -> None:
        if not self.pgdata.exists():
            return
        self.cli("stop")
        # A failed stop must not leave a server running after the tests.
        try:
            pid = self.pid()
        except (OSError, ValueError):
            return
        if self.cli("status").returncode == 0:
            os.kill(pid, signal.SIGKILL)


@pytest.fixture
def tmp_path() -> Iterator[Path]:
    """A private folder outside pytest's own temp root.

    pytest chmods its temp root at the start of every session (and parallel sessions share
    it), which resets the ACL mask that lets the server user pass through.
    """
    path = Path(tempfile.mkdtemp(prefix="localdb-test-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


def make_root(base: Path) -> Path:
    # Short names: the socket path must stay below 108 bytes.
    parent = base / "p"
    parent.mkdir(mode=0o700)
    parent.chmod(0o700)
    root = parent / "r"
    root.mkdir()
    return root


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[Cluster]:
    c = Cluster(make_root(tmp_path))
    yield c
    c.teardown()


@pytest.fixture(scope="module")
def running() -> Iterator[Cluster]:
    """One started cluster shared by the read-only tests, to keep them fast."""
    base = Path(tempfile.mkdtemp(prefix="localdb-test-"))
    c = Cluster(make_root(base))
    c.ok("start")
    yield c
    c.teardown()
    shutil.rmtree(base, ignore_errors=True)


def test_start_twice_is_idempotent(running: Cluster) -> None:
    pid = running.pid()
    started = time.monotonic()
    result = running.ok("start")
    assert time.monotonic() - started < 5
    assert "already running" in result.stdout
    assert running.pid() == pid
    assert running.ok("status").stdout.startswith("localdb: running")


def test_query_over_socket(running: Cluster) -> None:
    assert (running.run_dir / ".s.PGSQL.5432").is_socket()
    assert running.query("select 1") == "1"
    assert running.query("show server_encoding") == "UTF8"
    assert running.query("show listen_addresses") == ""
    assert running.query("select current_user") == "postgres"
    assert running.query("show lc_collate") in ("C.UTF-8", "C")


def test_layout_and_ownership(running: Cluster) -> None:
    for folder in (running.pgdata, running.run_dir, running.pgdata / "data"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    assert (running.pgdata / "server.log").is_file()
    owner = running.pgdata.stat().st_uid
    if IS_ROOT:
        import pwd

        assert owner == pwd.getpwnam("postgres").pw_uid
    else:
        assert owner == os.geteuid()


def test_env_prints_socket_dir(running: Cluster) -> None:
    assert f"PGHOST={running.run_dir}" in running.ok("env").stdout.splitlines()


def test_root_from_environment_or_option(tmp_path: Path) -> None:
    (tmp_path / "from-env").mkdir()
    env_root = Cluster(tmp_path / "from-env", pass_root=False)
    lines = env_root.cli("env", LOCALDB_ROOT=str(env_root.root)).stdout.splitlines()
    assert f"PGHOST={env_root.run_dir}" in lines
    # --root is accepted after the command too.
    after = subprocess.run(
        [sys.executable, str(SCRIPT), "env", "--root", str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
        env=script_env(),
    )
    assert f"PGHOST={tmp_path / '.pgdata' / 'run'}" in after.stdout.splitlines()


def test_bad_pg_bin_fails_clearly(cluster: Cluster) -> None:
    result = cluster.cli("start", PG_BIN=str(cluster.root / "nowhere"))
    assert result.returncode == 1
    assert "has no initdb" in result.stderr


def test_status_stop_start_cycle(cluster: Cluster) -> None:
    assert cluster.cli("status").returncode == 3
    assert not cluster.pgdata.exists(), "status must not create anything"
    assert cluster.ok("stop").stdout.strip() == "localdb: not running"

    cluster.ok("start")
    first = cluster.pid()
    assert cluster.cli("status").returncode == 0
    cluster.ok("stop")
    assert cluster.cli("status").returncode == 3
    assert not (cluster.pgdata / "data" / "postmaster.pid").exists()
    assert cluster.ok("stop").stdout.strip() == "localdb: not running"

    cluster.ok("start")
    assert cluster.pid() != first
    assert cluster.cli("status").returncode == 0
    assert cluster.query("select 1") == "1"


def test_kill_9_of_postmaster_does_not_block_start(cluster: Cluster) -> None:
    cluster.ok("start")
    cluster.query("create table survivor (x int); insert into survivor values (42)")
    killed = cluster.pid()
    os.kill(killed, signal.SIGKILL)
    assert cluster.cli("status").returncode == 3

    result = cluster.ok("start")
    assert "started" in result.stdout
    assert cluster.pid() != killed
    assert cluster.cli("status").returncode == 0
    assert cluster.query("select x from survivor") == "42"


def test_stale_pid_file_naming_a_live_unrelated_process(cluster: Cluster) -> None:
    # After a container restart the PID in a stale postmaster.pid may belong
    # to some other live process; PostgreSQL alone would refuse to start.
    cluster.ok("start")
    cluster.ok("stop")
    with subprocess.Popen(["sleep", "60"]) as impostor:
        try:
            pidfile = cluster.pgdata / "data" / "postmaster.pid"
            pidfile.write_text(f"{impostor.pid}\n{cluster.pgdata / 'data'}\n")
            lock = cluster.run_dir / ".s.PGSQL.5432.lock"
            lock.write_text(f"{impostor.pid}\n")
            assert cluster.cli("status").returncode == 3
            cluster.ok("start")
            assert cluster.pid() != impostor.pid
            assert cluster.query("select 1") == "1"
        finally:
            impostor.kill()


def ancestor_modes(path: Path) -> dict[Path, int]:
    return {p: stat.S_IMODE(p.stat().st_mode) for p in [path, *path.parents]}


def test_start_from_checkout_keeps_parent_folders_closed(tmp_path: Path) -> None:
    # A checkout-like copy run without --root also checks the repo-root default.
    root = make_root(tmp_path)
    (root / "scripts").mkdir()
    shutil.copy(SCRIPT, root / "scripts" / "localdb.py")
    c = Cluster(root, script=root / "scripts" / "localdb.py", pass_root=False)
    before = ancestor_modes(root)
    try:
        c.ok("start")
        assert c.query("select 1") == "1"
        after = ancestor_modes(root)
        for folder, mode in before.items():
            # Adding an ACL shows its mask in the group bits; owner and
            # "other" bits must never change.
            assert after[folder] & 0o707 == mode & 0o707, folder
        parent = root.parent
        assert after[parent] & 0o007 == 0
        if IS_ROOT and shutil.which("getfacl"):
            acl = subprocess.run(
                ["getfacl", "-c", "-p", str(parent)], capture_output=True, text=True, check=True
            ).stdout.split()
            assert "group::---" in acl
            assert "other::---" in acl
            assert "user:postgres:--x" in acl
    finally:
        c.teardown()
