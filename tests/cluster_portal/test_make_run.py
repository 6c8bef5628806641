"""`make run` as a new user runs it: portal, worker, scheduler and a database of its own.

The test copies the checkout (with its virtualenv linked in, so nothing is installed again), runs
`make run` there on a free port with e-mails written as files, registers for an event over HTTP,
follows the link in the e-mail that arrives and confirms, then presses Ctrl-C: afterwards no
process of that copy is left, and a second `make run` starts again.
"""

import email
import http.cookiejar
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from email import policy
from pathlib import Path

import pytest

from tests.core.conftest import free_port

REPO = Path(__file__).resolve().parents[2]
NOT_COPIED = {".venv", ".pgdata", "var", "media", "staticfiles", ".git", "node_modules"}
EVENT = "/veranstaltungen/workshop-ambient-assisted-living/"


@pytest.fixture
def checkout():
    """A copy of the working tree that `make` accepts as set up (the venv is this one's).

    It lies below the checkout's own var/ rather than pytest's temporary folder: pytest keeps
    resetting the permissions of that folder, through which the database's system user must
    pass to reach the copy's cluster.
    """
    (REPO / "var").mkdir(exist_ok=True)
    copy = Path(tempfile.mkdtemp(prefix="make-run-test-", dir=REPO / "var")) / "portal"
    shutil.copytree(
        REPO,
        copy,
        ignore=lambda folder, names: [
            name for name in names if name in NOT_COPIED or name == "__pycache__"
        ],
    )
    (copy / ".venv").symlink_to(REPO / ".venv")
    installed = (REPO / ".venv" / ".installed").stat().st_mtime
    os.utime(copy / "pyproject.toml", (installed - 60, installed - 60))
    yield copy
    subprocess.run(
        [str(REPO / ".venv/bin/python"), "scripts/localdb.py", "stop"], cwd=copy, check=False
    )
    shutil.rmtree(copy.parent, ignore_errors=True)


class MakeRun:
    def __init__(self, checkout: Path, port: int, mail_dir: Path, log: Path):
        self.checkout, self.port, self.mail_dir, self.log = checkout, port, mail_dir, log
        self.base = f"http://127.0.0.1:{port}"
        self.process = None

    def start(self):
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "PORTAL_BASE_URL", "MAKEFLAGS"}
        }
        env |= {
            "PORT": str(self.port),
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(self.mail_dir),
        }
        with self.log.open("ab") as log:
            # Its own process group, as a terminal's foreground job: Ctrl-C signals all of it.
            self.process = subprocess.Popen(
                ["make", "run"],
                cwd=self.checkout,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def wait_until_serving(self, timeout=300):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.log.read_text()[-3000:]
            try:
                with urllib.request.urlopen(self.base + "/health/", timeout=5) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(1)
        pytest.fail("make run did not serve in time:\n" + self.log.read_text()[-3000:])

    def press_ctrl_c(self, timeout=60):
        os.killpg(self.process.pid, signal.SIGINT)
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            pytest.fail("make run did not stop on Ctrl-C:\n" + self.log.read_text()[-3000:])


def processes_of(folder: Path) -> list[str]:
    """Command lines of the running processes started in `folder` or naming it."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            if (proc / "stat").read_text().rsplit(")", 1)[1].split()[0] == "Z":
                continue
            command = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            cwd = os.readlink(proc / "cwd")
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
        if str(folder) in command or cwd.startswith(str(folder)):
            found.append(f"{proc.name}: {command}")
    return found


def wait_for_mail(folder: Path, to: str, timeout=60) -> email.message.EmailMessage:
    """The first mail to `to`, whatever else the worker writes into the folder meanwhile."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        files = sorted(folder.glob("*.log")) if folder.exists() else []
        for file in files:
            # The file backend writes every message of a connection into one file.
            for part in file.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
                message = email.message_from_bytes(part.strip(), policy=policy.default)
                if message["To"] == to:
                    return message
        time.sleep(0.5)
    pytest.fail(f"no e-mail to {to} arrived in {folder} within {timeout} s")


def form_fields(html: str) -> dict:
    """What a browser would send for the page's post form, with the first choice of each group."""
    form = re.search(r"<form[^>]*method=\"post\"[^>]*>(.*?)</form>", html, re.S | re.I).group(1)
    data = {}
    for tag in re.finditer(r"<input([^>]*)>", form):
        attributes = dict(re.findall(r"([\w-]+)=\"([^\"]*)\"", tag.group(1)))
        name, kind = attributes.get("name"), attributes.get("type", "text")
        if not name:
            continue
        if kind == "hidden" or (kind == "radio" and name not in data):
            data[name] = attributes.get("value", "")
        elif kind == "checkbox" and " required" in tag.group(1):
            data[name] = attributes.get("value", "on")
    for select in re.finditer(
        r"<select[^>]*name=\"([^\"]+)\"[^>]*required[^>]*>(.*?)</select>", form, re.S
    ):
        data[select.group(1)] = [
            v for v in re.findall(r"value=\"([^\"]*)\"", select.group(2)) if v
        ][0]
    return data  # fmt: skip


class Visitor:
    def __init__(self):
        cookies = urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        self.opener = urllib.request.build_opener(cookies)

    def get(self, url: str) -> str:
        with self.opener.open(url, timeout=30) as response:
            return response.read().decode()

    def post_form(self, url: str, **values) -> tuple[str, str]:
        data = form_fields(self.get(url)) | values
        request = urllib.request.Request(
            url, data=urllib.parse.urlencode(data).encode(), headers={"Referer": url}
        )
        with self.opener.open(request, timeout=30) as response:
            return response.url, response.read().decode()


def test_make_run_sends_a_working_confirmation_link_and_ctrl_c_stops_everything(checkout, tmp_path):
    run = MakeRun(checkout, free_port(), tmp_path / "mails", tmp_path / "make-run.log")
    run.start()
    run.wait_until_serving()
    visitor = Visitor()

    _url, page = visitor.post_form(
        run.base + EVENT, name="Erika Mustermann", email="erika@example.org"
    )
    assert "E-Mail" in page

    message = wait_for_mail(run.mail_dir, "erika@example.org")
    assert message["To"] == "erika@example.org"
    body = message.get_body(preferencelist=("plain",)).get_content()
    links = re.findall(r"https?://\S+", body)
    assert links and all(link.startswith(run.base + "/") for link in links), links
    confirm_link = next(link for link in links if "/bestaetigen/" in link)
    ticket_url, ticket = visitor.post_form(confirm_link)
    assert "/anmeldung/" in ticket_url
    assert "<svg" in ticket  # the ticket's QR code

    run.press_ctrl_c()
    assert processes_of(checkout) == []

    run.start()
    run.wait_until_serving()
    run.press_ctrl_c()
    assert processes_of(checkout) == []
