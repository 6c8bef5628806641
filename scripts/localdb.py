#!/usr/bin/env python3
"""Run a private PostgreSQL cluster for this checkout in ``<repo>/.pgdata/``.

Used whenever ``DATABASE_URL`` is unset, so a fresh machine (including CI,
which runs as root in a ``mktemp -d`` checkout) needs no hand-installed or
hand-configured database.

Layout (the Django settings rely on it):

    .pgdata/            owned by the server user, mode 0700
        data/           the cluster
        run/            Unix socket directory: run/.s.PGSQL.5432
        server.log

Usage:

    python scripts/localdb.py [--root PATH] start|stop|status|env

``start`` is idempotent, ``stop`` succeeds when nothing runs, ``status`` exits
0 when the server accepts connections and 3 otherwise (as ``pg_ctl status``).
``--root`` (or ``LOCALDB_ROOT``) points at another checkout-like folder.
``PG_BIN`` selects the PostgreSQL binaries directory.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import fcntl
import glob
import locale
import os
import pwd
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

DB_NAME = "cluster_portal"
SUPERUSER = "postgres"
PORT = 5432
# PostgreSQL refuses to run as root, so root hands the server to this account.
SERVER_USER = "postgres"
START_TIMEOUT = 30
# Linux sun_path is 108 bytes including the terminating NUL.
MAX_SOCKET_PATH = 107
CONF_NAME = "localdb.conf"
EXIT_NOT_RUNNING = 3


class LocalDBError(Exception):
    """A failure the user has to act on; main() prints it without a traceback."""


def say(message: str) -> None:
    print(f"localdb: {message}", flush=True)


def note(message: str) -> None:
    print(f"localdb: {message}", file=sys.stderr, flush=True)


def is_root() -> bool:
    return os.geteuid() == 0


def clean_env() -> dict[str, str]:
    # PGHOST, PGPORT, PGDATA, PGSERVICE ... from the caller's shell would
    # silently redirect our tools to some other server, and the postmaster
    # itself takes its default port from PGPORT.
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    env.setdefault("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
    return env


def run(
    cmd: list[str], *, as_server: bool = False, cwd: Path | None = None, check: bool = False
) -> subprocess.CompletedProcess[str]:
    if as_server and is_root():
        cmd = [runuser(), "-u", SERVER_USER, "--", *cmd]
    result = subprocess.run(
        cmd,
        cwd=cwd,
        env=clean_env(),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
    )
    if check and result.returncode != 0:
        output = (result.stdout + result.stderr).strip()
        raise LocalDBError(f"command failed ({result.returncode}): {shlex.join(cmd)}\n{output}")
    return result


def runuser() -> str:
    found = shutil.which("runuser") or "/usr/sbin/runuser"
    if not os.path.exists(found):
        raise LocalDBError("runuser not found; install Debian package 'util-linux'")
    return found


class Paths:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.pgdata = root / ".pgdata"
        self.data = self.pgdata / "data"
        self.data_init = self.pgdata / "data.init"
        self.run = self.pgdata / "run"
        self.log = self.pgdata / "server.log"
        self.pidfile = self.data / "postmaster.pid"
        self.socket = self.run / f".s.PGSQL.{PORT}"
        self.socket_lock = self.run / f".s.PGSQL.{PORT}.lock"


# --- finding or installing PostgreSQL --------------------------------------


def apt_install(package: str, why: str) -> bool:
    if not is_root() or shutil.which("apt-get") is None:
        return False
    note(f"installing Debian package '{package}' ({why}) with apt-get")
    env = clean_env() | {"DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "-q", "--no-install-recommends", package]
    for cmd in (["apt-get", "update", "-q"], install):
        result = subprocess.run(
            cmd, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, check=False
        )
        if result.returncode != 0:
            note(f"'{shlex.join(cmd)}' failed:\n{result.stderr.strip()[-2000:]}")
            return False
    return True


def version_key(bindir: str) -> tuple[int, ...]:
    match = re.search(r"/postgresql/([\d.]+)/bin$", bindir)
    return tuple(int(p) for p in match.group(1).split(".") if p) if match else ()


def find_bindir(paths: Paths, *, install: bool) -> Path | None:
    override = os.environ.get("PG_BIN")
    if override:
        if not (Path(override) / "initdb").exists():
            raise LocalDBError(f"PG_BIN={override} has no initdb")
        return Path(override)
    # An existing cluster only runs under its own major version, so prefer
    # that over "newest" after a PostgreSQL upgrade.
    version_file = paths.data / "PG_VERSION"
    if version_file.exists():
        major = version_file.read_text().strip()
        wanted = Path(f"/usr/lib/postgresql/{major}/bin")
        if (wanted / "initdb").exists():
            return wanted
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=version_key)
    candidates = [c for c in candidates if os.path.exists(os.path.join(c, "initdb"))]
    if candidates:
        return Path(candidates[-1])
    pg_ctl = shutil.which("pg_ctl")
    if pg_ctl and (Path(pg_ctl).parent / "initdb").exists():
        return Path(pg_ctl).parent
    if install and apt_install("postgresql", "no PostgreSQL server binaries found"):
        return find_bindir(paths, install=False)
    if install:
        raise LocalDBError(
            "PostgreSQL server binaries not found. Install them (Debian/Ubuntu: "
            "'apt-get install postgresql' as root) or set PG_BIN to the directory "
            "holding initdb and pg_ctl."
        )
    return None


def check_cluster_version(paths: Paths, bindir: Path) -> None:
    version_file = paths.data / "PG_VERSION"
    if not version_file.exists():
        return
    major = version_file.read_text().strip()
    out = run([str(bindir / "postgres"), "--version"], check=True).stdout
    match = re.search(r"\s(\d+)", out)
    if match and match.group(1) != major:
        raise LocalDBError(
            f"{paths.data} was created by PostgreSQL {major} but {bindir} is "
            f"version {match.group(1)}; install postgresql-{major}, set PG_BIN, or "
            f"delete {paths.pgdata} to start over"
        )


# --- root: server account and path access ----------------------------------


def server_uid() -> int:
    return pwd.getpwnam(SERVER_USER).pw_uid if is_root() else os.geteuid()


def ensure_server_user() -> None:
    try:
        pwd.getpwnam(SERVER_USER)
        return
    except KeyError:
        pass
    note(f"creating system user '{SERVER_USER}' to run the server")
    run(
        [
            "useradd",
            "--system",
            "--home-dir",
            "/nonexistent",
            "--shell",
            "/usr/sbin/nologin",
            SERVER_USER,
        ],
        check=True,
    )


def server_can_traverse(directory: Path) -> bool:
    # Asking the kernel as that user is exact; mode bits would miss existing
    # ACLs, group memberships and the ACL mask.
    return run(["test", "-x", str(directory)], as_server=True).returncode == 0


def setfacl() -> str:
    found = shutil.which("setfacl")
    if found is None and apt_install("acl", "setfacl is needed to grant folder access"):
        found = shutil.which("setfacl")
    if found is None:
        raise LocalDBError("setfacl not found; install Debian package 'acl' (apt-get install acl)")
    return found


def ensure_server_can_reach(directory: Path) -> None:
    """Let the server user traverse every ancestor of `directory`.

    A ``mktemp -d`` parent is 0700 root, so the unprivileged server could not
    reach its own data. Granting just that one user search permission via an
    ACL keeps the folders closed to everyone else; chmod would open them to all.
    """
    if server_can_traverse(directory):
        return
    # Top-down, because "test -x" on a folder also fails when any parent is
    # closed, which would grant ACLs on folders that do not need them.
    for folder in [*reversed(directory.parents), directory]:
        if server_can_traverse(folder):
            continue
        result = run([setfacl(), "-m", f"u:{SERVER_USER}:--x", str(folder)])
        if result.returncode != 0 or not server_can_traverse(folder):
            raise LocalDBError(
                f"cannot let user '{SERVER_USER}' traverse {folder} "
                f"({result.stderr.strip() or 'ACL had no effect'}); the file system may "
                "lack ACL support - move the checkout or make that folder traversable"
            )
        note(f"granted '{SERVER_USER}' traverse-only access (ACL u:{SERVER_USER}:--x) to {folder}")


def chown_tree(top: Path, uid: int, gid: int) -> None:
    os.chown(top, uid, gid, follow_symlinks=False)
    for dirpath, dirnames, filenames in os.walk(top):
        for name in dirnames + filenames:
            os.chown(os.path.join(dirpath, name), uid, gid, follow_symlinks=False)


def ensure_layout(paths: Paths) -> None:
    uid = server_uid()
    gid = pwd.getpwuid(uid).pw_gid
    paths.pgdata.mkdir(mode=0o700, exist_ok=True)
    owner = paths.pgdata.stat().st_uid
    if owner != uid:
        if not is_root():
            raise LocalDBError(
                f"{paths.pgdata} belongs to uid {owner}, not to you; run as that user or as root"
            )
        # For example left behind by a run that predates the switch to the
        # server account; the server cannot use files it does not own.
        chown_tree(paths.pgdata, uid, gid)
    for folder in (paths.pgdata, paths.run):
        folder.mkdir(mode=0o700, exist_ok=True)
        os.chown(folder, uid, gid)
        folder.chmod(0o700)


# --- process state -----------------------------------------------------------


def read_pid(paths: Paths) -> int | None:
    try:
        first = paths.pidfile.read_text().split("\n", 1)[0].strip()
    except (FileNotFoundError, PermissionError):
        return None
    return int(first) if first.isdigit() else None


def process_cwd(pid: int) -> str | None:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        if state in ("Z", "X"):
            return None
        return os.readlink(f"/proc/{pid}/cwd")
    except (OSError, IndexError):
        return None


def cluster_processes(paths: Paths) -> list[int]:
    # Every postgres process chdirs into its data folder, so the cwd ties a
    # PID to this cluster even after PID reuse or with several clusters around.
    data = os.path.realpath(paths.data)
    pids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit() and process_cwd(int(entry)) == data:
            pids.append(int(entry))
    return pids


def live_postmaster(paths: Paths) -> int | None:
    pid = read_pid(paths)
    if pid is None or process_cwd(pid) != os.path.realpath(paths.data):
        return None
    return pid


def accepting(bindir: Path | None, paths: Paths) -> bool:
    if bindir is None:
        return False
    cmd = [
        str(bindir / "pg_isready"),
        "-q",
        "-h",
        str(paths.run),
        "-p",
        str(PORT),
        "-U",
        SUPERUSER,
        "-d",
        "postgres",
        "-t",
        "2",
    ]
    return run(cmd).returncode == 0


def wait_accepting(bindir: Path, paths: Paths, pid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while True:
        if accepting(bindir, paths):
            return True
        if time.monotonic() > deadline or live_postmaster(paths) != pid:
            return False
        time.sleep(0.1)


def clear_stale_state(paths: Paths) -> None:
    """Make a killed cluster startable again.

    After ``kill -9`` of the postmaster its children linger briefly; starting
    while they still touch the data would be unsafe, so wait for them (they
    exit on noticing the postmaster's death) and kill stragglers. Then drop
    the lock files: a reused PID in them would otherwise make PostgreSQL
    believe another postmaster still runs.
    """
    deadline = time.monotonic() + 5
    leftovers = cluster_processes(paths)
    while leftovers and time.monotonic() < deadline:
        time.sleep(0.05)
        leftovers = cluster_processes(paths)
    for pid in leftovers:
        note(f"killing leftover process {pid} of a dead server")
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + 5
    while cluster_processes(paths) and time.monotonic() < deadline:
        time.sleep(0.05)
    removed = []
    for stale in (paths.pidfile, paths.socket_lock, paths.socket):
        try:
            stale.unlink()
            removed.append(stale.name)
        except FileNotFoundError:
            pass
    if paths.pidfile.name in removed or paths.socket_lock.name in removed:
        note(f"removed stale {', '.join(removed)} left by a server that is gone")


class DirLock:
    """Serialise start/stop so two callers never initdb or start at once."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.fd = -1

    def __enter__(self) -> DirLock:
        self.fd = os.open(self.directory, os.O_RDONLY | os.O_DIRECTORY)
        deadline = time.monotonic() + 120
        while True:
            try:
                fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return self
            except OSError as exc:
                if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN):
                    raise
            if time.monotonic() > deadline:
                raise LocalDBError(f"another localdb.py has held {self.directory} for 120 s")
            time.sleep(0.1)

    def __exit__(self, *exc: object) -> None:
        os.close(self.fd)


# --- cluster setup -------------------------------------------------------------


def pick_locale() -> str:
    # C.UTF-8 sorts like C but keeps UTF-8 character classes; older glibc
    # builds may lack it.
    saved = locale.setlocale(locale.LC_CTYPE)
    try:
        locale.setlocale(locale.LC_CTYPE, "C.UTF-8")
        return "C.UTF-8"
    except locale.Error:
        return "C"
    finally:
        locale.setlocale(locale.LC_CTYPE, saved)


def conf_quote(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def init_cluster(paths: Paths, bindir: Path) -> None:
    if paths.data.exists():
        if any(paths.data.iterdir()):
            raise LocalDBError(f"{paths.data} exists but is not a PostgreSQL cluster; move it away")
        paths.data.rmdir()
    # Build in a side folder and rename: a run interrupted mid-initdb then
    # leaves no half cluster that later starts would trip over.
    if paths.data_init.exists():
        shutil.rmtree(paths.data_init)
    chosen = pick_locale()
    say(f"initialising cluster in {paths.data} (locale {chosen})")
    run(
        [
            str(bindir / "initdb"),
            "-D",
            str(paths.data_init),
            "-U",
            SUPERUSER,
            "-E",
            "UTF8",
            f"--locale={chosen}",
            "-A",
            "trust",
            "--no-instructions",
        ],
        as_server=True,
        cwd=paths.pgdata,
        check=True,
    )
    # Only the Unix socket exists; its folder is private to the server user
    # (and root), which is what makes "trust" acceptable here.
    (paths.data_init / "pg_hba.conf").write_text(
        "# Managed by scripts/localdb.py.\nlocal   all   all   trust\n"
    )
    with (paths.data_init / "postgresql.conf").open("a") as conf:
        conf.write(f"\ninclude_if_exists = '{CONF_NAME}'\n")
    paths.data_init.rename(paths.data)


def write_conf(paths: Paths) -> None:
    # Rewritten on every start so a moved checkout gets the right socket path.
    conf = paths.data / CONF_NAME
    text = (
        "# Managed by scripts/localdb.py; rewritten on every start.\n"
        "listen_addresses = ''\n"
        f"port = {PORT}\n"
        f"unix_socket_directories = {conf_quote(str(paths.run))}\n"
        "unix_socket_permissions = 0700\n"
        "max_connections = 200\n"
    )
    if not conf.exists() or conf.read_text() != text:
        conf.write_text(text)
    uid = server_uid()
    os.chown(conf, uid, pwd.getpwuid(uid).pw_gid)
    conf.chmod(0o600)


def log_tail(paths: Paths, lines: int = 20) -> str:
    try:
        return "\n".join(paths.log.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no server.log)"


def ensure_database(paths: Paths, bindir: Path) -> None:
    conn = ["-h", str(paths.run), "-p", str(PORT), "-U", SUPERUSER]
    listing = run(
        [str(bindir / "psql"), "-X", "-l", "-q", "-t", "-A", *conn, "-d", "postgres"],
        check=True,
    ).stdout
    if DB_NAME not in {line.split("|", 1)[0] for line in listing.splitlines()}:
        run([str(bindir / "createdb"), *conn, DB_NAME], check=True)
        say(f"created database {DB_NAME}")


# --- commands --------------------------------------------------------------------


def cmd_start(paths: Paths) -> int:
    if len(os.fsencode(str(paths.socket))) > MAX_SOCKET_PATH:
        raise LocalDBError(
            f"socket path {paths.socket} exceeds {MAX_SOCKET_PATH} bytes; "
            "use a shorter checkout path"
        )
    bindir = find_bindir(paths, install=True)
    assert bindir is not None
    if is_root():
        ensure_server_user()
        ensure_server_can_reach(paths.root)
    ensure_layout(paths)
    with DirLock(paths.pgdata):
        pid = live_postmaster(paths)
        if pid is not None:
            # A live postmaster may still be starting or recovering; waiting is
            # safe, deleting its pid file would not be.
            if not wait_accepting(bindir, paths, pid, START_TIMEOUT):
                raise LocalDBError(
                    f"server (pid {pid}) runs but does not accept connections; "
                    f"tail of {paths.log}:\n{log_tail(paths)}"
                )
            ensure_database(paths, bindir)
            say(f"already running (pid {pid}), socket {paths.socket}")
            return 0
        clear_stale_state(paths)
        if not (paths.data / "PG_VERSION").exists():
            init_cluster(paths, bindir)
        check_cluster_version(paths, bindir)
        write_conf(paths)
        started = time.monotonic()
        result = run(
            [
                str(bindir / "pg_ctl"),
                "start",
                "-D",
                str(paths.data),
                "-l",
                str(paths.log),
                "-w",
                "-t",
                str(START_TIMEOUT),
                "-s",
            ],
            as_server=True,
            cwd=paths.pgdata,
        )
        pid = live_postmaster(paths)
        if result.returncode != 0 or pid is None:
            raise LocalDBError(
                f"server did not start ({(result.stdout + result.stderr).strip()}); "
                f"tail of {paths.log}:\n{log_tail(paths)}"
            )
        remaining = max(1.0, START_TIMEOUT - (time.monotonic() - started))
        if not wait_accepting(bindir, paths, pid, remaining):
            raise LocalDBError(
                f"server does not accept connections; tail of {paths.log}:\n{log_tail(paths)}"
            )
        ensure_database(paths, bindir)
        say(f"started (pid {pid}), socket {paths.socket}")
    return 0


def cmd_stop(paths: Paths) -> int:
    if not paths.pgdata.exists():
        say("not running")
        return 0
    with DirLock(paths.pgdata):
        pid = live_postmaster(paths)
        if pid is None:
            say("not running")
            return 0
        bindir = find_bindir(paths, install=False)
        if bindir is None:
            raise LocalDBError(f"server (pid {pid}) runs but pg_ctl is not found; set PG_BIN")
        run(
            [str(bindir / "pg_ctl"), "stop", "-D", str(paths.data), "-m", "fast", "-w", "-s"],
            as_server=True,
            cwd=paths.pgdata,
            check=True,
        )
        say(f"stopped (pid {pid})")
    return 0


def cmd_status(paths: Paths) -> int:
    pid = live_postmaster(paths)
    if pid is None:
        say("not running")
        return EXIT_NOT_RUNNING
    if not accepting(find_bindir(paths, install=False), paths):
        say(f"server process {pid} exists but does not accept connections")
        return EXIT_NOT_RUNNING
    say(f"running (pid {pid}), socket {paths.socket}")
    return 0


def cmd_env(paths: Paths) -> int:
    for key, value in (
        ("PGHOST", str(paths.run)),
        ("PGPORT", str(PORT)),
        ("PGUSER", SUPERUSER),
        ("PGDATABASE", DB_NAME),
    ):
        print(f"{key}={shlex.quote(value)}")
    return 0


COMMANDS = {"start": cmd_start, "stop": cmd_stop, "status": cmd_status, "env": cmd_env}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    default_root = os.environ.get("LOCALDB_ROOT") or str(Path(__file__).resolve().parent.parent)
    # --root is accepted before or after the command; SUPPRESS keeps the
    # sub-parser from overwriting a value given before it.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--root",
        default=argparse.SUPPRESS,
        help="checkout folder holding .pgdata (default: $LOCALDB_ROOT or the repo root)",
    )
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], parents=[common])
    sub = parser.add_subparsers(dest="command", required=True)
    for name in COMMANDS:
        sub.add_parser(name, parents=[common])
    args = parser.parse_args(argv)
    args.root = getattr(args, "root", default_root)
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    root = Path(args.root).expanduser().resolve()
    if not root.is_dir():
        note(f"error: {root} is not a directory")
        return 1
    try:
        return COMMANDS[args.command](Paths(root))
    except LocalDBError as exc:
        note(f"error: {exc}")
        return 1


if __name__ == "__main__":
    sys.exit(main())
