"""Headless Chromium (Debian's package) driven by Playwright, against pytest-django's live server.

These tests run in a pytest session of their own (`pytest -m browser tests/browser`): the demo
data is loaded once per session and committed, which the rest of the suite must not see.

They run the portal as its users meet it: the live server queues e-mails in the database, a real
`manage.py db_worker` process (as `make worker` runs it) sends them as files, and the stories read
those files and follow their links.
"""

import email
import os
import re
import signal
import subprocess
import sys
import time
from email import policy
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.test import override_settings

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "var" / "screenshots"
# The database queue, as in production (cluster_portal/settings/base.py). The test settings run
# tasks immediately for the rest of the suite; here the live server must leave each mail in the
# queue for the worker process, or the worker, the queue and the mail files would go untested.
DATABASE_TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "mail"]}
}
# Long enough for the worker's one-second poll on a busy two-core machine.
MAIL_TIMEOUT = 10
MAIL_SEPARATOR = b"\n" + b"-" * 79 + b"\n"  # written after each message by the file backend


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; Django's ORM calls from the test
    # thread are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def demo_data(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_demo", "--no-admin")


@pytest.fixture(scope="session", autouse=True)
def _keep_committed_data():
    """Keep the demo data between tests of this session.

    A live-server test is a transactional test, which empties every table when it ends;
    reloading the demo data for each of some hundred page checks would take most of the
    run. This session's database is its own and is dropped at the end, so nothing leaks.
    """
    from django.test import TransactionTestCase

    original = TransactionTestCase._fixture_teardown
    TransactionTestCase._fixture_teardown = lambda self: None
    yield
    TransactionTestCase._fixture_teardown = original


@pytest.fixture
def site(demo_data, live_server, db):
    """The live server's base URL, with the demo data in its database.

    Loaded again should the database have been emptied after all.
    """
    from regions.models import Region

    if not Region.objects.exists():
        call_command("load_demo", "--no-admin")
    return live_server.url


@pytest.fixture
def console_errors():
    """Errors the browser reports (blocked by the Content-Security-Policy, failed loads)."""
    return []


@pytest.fixture
def page(browser, console_errors):
    context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.on(
        "console",
        lambda message: console_errors.append(message.text) if message.type == "error" else None,
    )
    yield page
    context.close()


@pytest.fixture
def screenshot(page, request):
    """Save the story's last page under var/screenshots/ for anyone to look at."""

    def take(name: str | None = None):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOTS / f"{name or request.node.name}.png", full_page=True)

    return take


@pytest.fixture(scope="session", autouse=True)
def portal_as_users_run_it(live_server):
    """The live server with the production task queue and its own address for absolute links.

    Mails are rendered when they are queued, in the live server's thread, so its settings decide
    the links in them; PORTAL_BASE_URL is the portal's one source of absolute addresses.
    """
    with override_settings(TASKS=DATABASE_TASKS, PORTAL_BASE_URL=live_server.url):
        yield live_server.url


def database_url(settings_dict) -> str:
    """The session's test database as a DATABASE_URL (the local cluster has a socket host)."""
    user = quote(settings_dict["USER"] or "", safe="")
    password = quote(settings_dict["PASSWORD"] or "", safe="")
    credentials = f"{user}:{password}@" if password else f"{user}@" if user else ""
    host = settings_dict["HOST"] or ""
    port = settings_dict["PORT"] or ""
    name = quote(settings_dict["NAME"], safe="")
    if host.startswith("/"):
        return f"postgres://{credentials}/{name}?host={quote(host, safe='')}&port={port or 5432}"
    return f"postgres://{credentials}{host}{':' + port if port else ''}/{name}"


class Worker:
    """`manage.py db_worker` as a separate process, with production settings, sending to files."""

    def __init__(self, environment: dict, log_path: Path):
        self.environment = environment
        self.log_path = log_path
        self.process: subprocess.Popen | None = None

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def start(self) -> None:
        if self.running:
            return
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            # The command `make worker` runs.
            [sys.executable, "manage.py", "db_worker", "--queue-name", "*", "--no-reload"],
            cwd=ROOT,
            env=self.environment,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()

    def stop(self) -> None:
        """Stop as a process manager does (SIGTERM: the worker finishes its task and exits)."""
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        self.process = None

    def kill(self) -> None:
        """Die at once, as on a crash or an OOM kill (SIGKILL: no clean-up at all)."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=5)
        self.process = None

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


@pytest.fixture(scope="session")
def mail_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("mail")


@pytest.fixture(scope="session")
def _worker_process(django_db_setup, django_db_blocker, portal_as_users_run_it, mail_dir):
    from django.db import connection

    with django_db_blocker.unblock():
        # After django_db_setup the connection points at the session's test database.
        url = database_url(connection.settings_dict)
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "TEST_DATABASE", "DATABASE_", "EMAIL_"))
    }
    environment.update(
        {
            # The worker runs as in production (scripts/production-env, `make worker`).
            "DJANGO_SETTINGS_MODULE": "cluster_portal.settings.production",
            "DATABASE_URL": url,
            "SECRET_KEY": "browser-tests-only-not-secret",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "PORTAL_BASE_URL": portal_as_users_run_it,
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(mail_dir),
            "LOG_LEVEL": "INFO",
        }
    )
    worker = Worker(environment, mail_dir.parent / "worker.log")
    worker.start()
    yield worker
    process = worker.process
    worker.stop()
    assert process is None or process.poll() is not None, "the worker outlived the session"


@pytest.fixture
def worker(_worker_process):
    """The running mail worker (started again should an earlier test have left it stopped)."""
    _worker_process.start()
    yield _worker_process
    _worker_process.start()


class Mailbox:
    """The mails the worker wrote as files, read as a mail program reads them."""

    def __init__(self, directory: Path, worker: Worker):
        self.directory = directory
        self.worker = worker
        self.seen: set[tuple[str, int]] = set()

    def _messages(self):
        for path in sorted(self.directory.glob("*.log")):
            chunks = path.read_bytes().split(MAIL_SEPARATOR)
            # The last chunk is empty, or a message still being written.
            for index, chunk in enumerate(chunks[:-1]):
                yield (path.name, index), email.message_from_bytes(chunk, policy=policy.default)

    def wait_for(self, to: str, subject: str = "", timeout: float = MAIL_TIMEOUT):
        """The next mail to `to` (with `subject` in its subject) not returned before."""
        deadline = time.monotonic() + timeout
        while True:
            for key, message in self._messages():
                if key in self.seen:
                    continue
                if to in str(message["To"]) and subject in str(message["Subject"]):
                    self.seen.add(key)
                    return message
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"no mail to {to} with {subject!r} within {timeout} s; "
                    f"worker log:\n{self.worker.log()[-3000:]}"
                )
            time.sleep(0.2)

    def assert_none_for(self, to: str) -> None:
        unread = [m for key, m in self._messages() if key not in self.seen and to in str(m["To"])]
        assert not unread, [str(m["Subject"]) for m in unread]


def text_of(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def links_in(message) -> list[str]:
    return re.findall(r"https?://[^\s<>\"]+", text_of(message))


def link_in(message, pattern: str) -> str:
    """The link in the mail's text whose address contains `pattern` (a regular expression).

    Returned as it stands in the mail, to be opened as a person would; it must point at the
    portal's own address.
    """
    from django.conf import settings

    found = [link for link in links_in(message) if re.search(pattern, link)]
    assert found, f"no link matching {pattern!r} in:\n{text_of(message)}"
    assert found[0].startswith(settings.PORTAL_BASE_URL + "/"), found[0]
    return found[0]


@pytest.fixture(scope="session")
def _mailbox(_worker_process, mail_dir) -> Mailbox:
    # One for the session: a mail read by one test is not handed to the next.
    return Mailbox(mail_dir, _worker_process)


@pytest.fixture
def mailbox(worker, _mailbox) -> Mailbox:
    return _mailbox
