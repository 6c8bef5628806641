"""Real app server processes for the scale-out tests and the load test.

Each piece is an ordinary OS process started the way production starts it (gunicorn on the WSGI
application, `manage.py db_worker`), talking to PostgreSQL through `DATABASE_URL`; a plain HTTP
client with its own cookie jar plays the visitor. Nothing here touches Django's test client, so
whatever the processes share, they share through the database alone.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from email import message_from_bytes, policy
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url(settings_dict: dict) -> str:
    """A DATABASE_URL for the database Django is connected to (also the pytest test database)."""
    user = urllib.parse.quote(settings_dict.get("USER") or "")
    password = settings_dict.get("PASSWORD") or ""
    credentials = f"{user}:{urllib.parse.quote(password)}" if password else user
    name = urllib.parse.quote(settings_dict["NAME"])
    host = settings_dict.get("HOST") or ""
    port = settings_dict.get("PORT") or ""
    if host.startswith("/"):
        query = urllib.parse.urlencode({"host": host, **({"port": port} if port else {})})
        return f"postgres://{credentials}@/{name}?{query}"
    netloc = f"{host}:{port}" if port else host
    return f"postgres://{credentials}@{netloc}/{name}"


def production_env(
    *,
    database_url: str,
    secret_key: str,
    static_root: str | Path,
    smtp_port: int | None = None,
    base_url: str = "http://127.0.0.1",
) -> dict[str, str]:
    """Production settings for a plain-HTTP trial on 127.0.0.1 (no TLS, no second factor)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "PG", "TEST_DATABASE", "EMAIL_", "REDIS_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="cluster_portal.settings.production",
        DATABASE_URL=database_url,
        SECRET_KEY=secret_key,
        DEBUG="0",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        # Where the links in mails point; the trials follow their paths to each app server.
        PORTAL_BASE_URL=base_url,
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        ADMIN_REQUIRE_OTP="0",
        STATIC_ROOT=str(static_root),
        PYTHONUNBUFFERED="1",
    )
    if smtp_port is not None:
        env.update(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=str(smtp_port),
            EMAIL_TIMEOUT="5",
            MAIL_RETRY_BASE_SECONDS="2",
            MAIL_RETRY_MAX_SECONDS="10",
        )
    return env


def collect_static(env: dict[str, str]) -> None:
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=300,
    )


class Process:
    """A child process with its output in a log file, stopped with SIGTERM (then SIGKILL)."""

    def __init__(self, command: list[str], env: dict[str, str], log_path: Path):
        self.command = command
        self.env = env
        self.log_path = log_path
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            self.command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT
        )
        log.close()

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self, timeout: float = 20) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self.process = None

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


class AppServer(Process):
    """One gunicorn instance on its own port, as `make serve` runs it."""

    def __init__(self, env, log_dir: Path, *, workers: int = 1, threads: int = 1):
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "cluster_portal.wsgi:application",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--timeout",
            "30",
            "--graceful-timeout",
            "10",
            "--no-control-socket",
        ]
        super().__init__(command, env, log_dir / f"gunicorn-{self.port}.log")

    def health(self, timeout: float = 5) -> int:
        """The status of /health/, 0 when the server does not answer."""
        try:
            with urllib.request.urlopen(f"{self.base_url}/health/", timeout=timeout) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code
        except OSError:
            return 0

    def wait_healthy(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.running:
                raise RuntimeError(f"gunicorn exited:\n{self.log_tail()}")
            if self.health(timeout=2) == 200:
                return
            time.sleep(0.2)
        raise TimeoutError(f"{self.base_url}/health/ did not answer 200:\n{self.log_tail()}")


class MailWorker(Process):
    """`manage.py db_worker` as the Procfile's worker runs it: sends the queued e-mails."""

    def __init__(self, env, log_dir: Path):
        command = [
            sys.executable,
            "manage.py",
            "db_worker",
            "--queue-name",
            "*",
            "--no-reload",
            "--no-startup-delay",
            "--interval",
            "0.2",
        ]
        super().__init__(command, env, log_dir / "db_worker.log")


@dataclass
class Answer:
    status: int  # 0: no HTTP answer (connection refused or reset, timeout)
    body: str
    location: str
    started: float
    finished: float


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the caller sees the 302 itself


class Visitor:
    """One browser: a cookie jar shared by every server it talks to (same host, other port)."""

    def __init__(self, timeout: float = 30):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect
        )
        self.timeout = timeout

    def get(self, url: str) -> Answer:
        return self._send(urllib.request.Request(url))

    def post(self, url: str, data: dict, *, referer: str | None = None) -> Answer:
        body = urllib.parse.urlencode(data, doseq=True).encode()
        request = urllib.request.Request(url, data=body, method="POST")
        request.add_header("Content-Type", "application/x-www-form-urlencoded")
        if referer:
            request.add_header("Referer", referer)
        return self._send(request)

    def _send(self, request) -> Answer:
        started = time.monotonic()
        try:
            with self.opener.open(request, timeout=self.timeout) as response:
                status, headers, raw = response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            status, headers, raw = error.code, error.headers, error.read()
        except OSError:
            return Answer(0, "", "", started, time.monotonic())
        return Answer(
            status,
            raw.decode("utf-8", errors="replace"),
            headers.get("Location", "") if headers else "",
            started,
            time.monotonic(),
        )

    def cookie(self, name: str) -> str | None:
        return next((cookie.value for cookie in self.jar if cookie.name == name), None)


def csrf_token(html: str) -> str:
    match = CSRF_INPUT.search(html)
    if not match:
        raise ValueError("no CSRF token in the form page")
    return match.group(1)


class SinkHandler:
    """aiosmtpd handler that keeps (recipient, subject) of every message it accepts."""

    def __init__(self):
        self.received: list[tuple[str, str]] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        message = message_from_bytes(envelope.content, policy=policy.default)
        subject = " ".join(str(message.get("Subject", "")).split())
        for recipient in envelope.rcpt_tos:
            self.received.append((recipient.lower(), subject))
        return "250 Message accepted for delivery"


class MailSink:
    """A local SMTP server that accepts everything (the load test's mail server)."""

    def __init__(self):
        from aiosmtpd.controller import Controller

        self.port = free_port()
        self.handler = SinkHandler()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

    def start(self):
        self.controller.start()

    def stop(self):
        self.controller.stop()
