"""Load test: many visitors browse and register for one small event on two gunicorn instances.

    make loadtest                      # 60 s without, then 60 s with a database restart
    LOADTEST_SECONDS=20 make loadtest
    .venv/bin/python bench/loadtest.py --seconds 30 --threads 30 --capacity 50 [--restart-db]

Every visitor thread loops: it opens one page (home, directory, event list, event page), then
registers a new e-mail address for the load-test event through the real form, reads its
confirmation link from the e-mail queued in the database, and confirms through the link's form.
Requests alternate between the two instances (round robin), so a registration started on one is
confirmed on the other. `manage.py db_worker` sends the e-mails to a local SMTP sink meanwhile.

At the end it checks what the issue asks: no 5xx answer (outside a database outage), no
registration lost (each address answered with "thank you" has its row), the event not over
capacity, and exactly one "registration confirmed" e-mail, queued and received, for every
confirmed registration (none for those on the waiting list). With `--restart-db` the database
is stopped in the middle of the run and started again (scripts/localdb.py): /health/ must
answer 503 meanwhile and 200 after, without restarting gunicorn.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.appservers import (  # noqa: E402
    ROOT,
    Answer,
    AppServer,
    MailSink,
    MailWorker,
    Visitor,
    collect_static,
    csrf_token,
    database_url,
    production_env,
)

URL_IN_TEXT = re.compile(r"https?://[^\s<>\"]+")


@dataclass
class Config:
    seconds: float = 60
    threads: int = 30
    capacity: int = 50
    restart_db: bool = False
    # Which cluster to restart: scripts/localdb.py [--root ROOT] stop/start.
    localdb_root: str | None = None
    outage_seconds: float = 5
    workers: int = 2
    gunicorn_threads: int = 4
    drain_seconds: float = 60
    log_dir: Path | None = None
    static_root: Path | None = None
    keep_event: bool = False


@dataclass
class Outage:
    stopped_at: float = 0
    started_at: float = 0
    recovered_at: float = 0
    health_while_down: list = field(default_factory=list)
    health_after: list = field(default_factory=list)
    seconds_to_recover: float = 0


class Recorder:
    """Every answer with its timing, and the addresses at each step of the flow."""

    def __init__(self):
        self.lock = threading.Lock()
        self.answers: list[tuple[str, Answer]] = []
        self.attempted: set[str] = set()
        self.registered_ok: set[str] = set()
        self.confirmed_ok: set[str] = set()
        self.link_missing: set[str] = set()

    def add(self, kind: str, answer: Answer) -> Answer:
        with self.lock:
            self.answers.append((kind, answer))
        return answer


def setup_django() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cluster_portal.settings.production")
    django.setup()


def create_event(capacity: int, run_id: str):
    """An open event with `capacity` places, no questions and no approval step."""
    from django.utils import timezone

    from events.models import Event

    start = timezone.now() + dt.timedelta(days=30)
    return Event.objects.create(
        slug=f"lasttest-{run_id}",
        title=f"Lasttest {run_id}",
        kind=Event.Kind.WORKSHOP,
        start=start,
        end=start + dt.timedelta(hours=3),
        city="Bochum",
        capacity=capacity,
        registration_enabled=True,
    )


def delete_event(event) -> None:
    event.registrations.all().delete()
    event.delete()


def page_paths(event) -> list[str]:
    from django.urls import reverse
    from django.utils import translation

    with translation.override("de"):
        return [
            reverse("home"),
            reverse("members:list"),
            reverse("events:list"),
            event.get_absolute_url(),
        ]


def queued_messages(since) -> list[dict]:
    """The messages queued since `since`: first attempts only (a retry repeats the message)."""
    from django_tasks_db.models import DBTaskResult

    rows = DBTaskResult.objects.filter(enqueued_at__gte=since).values_list("args_kwargs", flat=True)
    return [
        row["kwargs"]["message"]
        for row in rows
        if row.get("kwargs", {}).get("attempt") == 1 and "message" in row.get("kwargs", {})
    ]


def confirm_path_from_mail(email: str, since) -> str | None:
    """The path of the confirmation link in the e-mail queued for `email`."""
    from django.urls import Resolver404, resolve
    from django.utils import translation
    from django_tasks_db.models import DBTaskResult

    rows = DBTaskResult.objects.filter(
        enqueued_at__gte=since, args_kwargs__kwargs__message__to__contains=[email]
    ).values_list("args_kwargs", flat=True)
    for row in rows:
        for url in URL_IN_TEXT.findall(row["kwargs"]["message"]["body"]):
            path = "/" + url.split("/", 3)[3] if url.count("/") >= 3 else "/"
            try:
                with translation.override("de"):
                    match = resolve(path)
            except Resolver404:
                continue
            if match.view_name == "events:confirm":
                return path
    return None


class LoadTest:
    def __init__(self, config: Config, *, env: dict[str, str], servers: list[AppServer]):
        self.config = config
        self.env = env
        self.servers = servers
        self.turn = itertools.count()
        self.recorder = Recorder()
        self.run_id = f"{int(time.time())}{random.randrange(1000):03d}"
        self.outage: Outage | None = None
        self.worker_started = time.time()

    def base(self) -> str:
        return self.servers[next(self.turn) % len(self.servers)].base_url

    # --- one visitor ------------------------------------------------------------------------

    def visitor(self, number: int, deadline: float, paths: list[str], event_path: str, since):
        from django.db import DatabaseError, connection

        browser = Visitor()

        def record(kind: str, answer: Answer) -> Answer:
            self.recorder.add(kind, answer)
            if answer.status == 0 or answer.status >= 500:
                time.sleep(0.5)  # a person waits a moment before trying again
            return answer

        rng = random.Random(number)
        for attempt in itertools.count():
            if time.monotonic() >= deadline:
                break
            record("page", browser.get(self.base() + rng.choice(paths)))
            page = record("event", browser.get(self.base() + event_path))
            if page.status != 200:
                continue
            email = f"v{number}-{attempt}@lasttest-{self.run_id}.example.org"
            form = {
                "csrfmiddlewaretoken": csrf_token(page.body),
                "name": f"Besucherin {number}-{attempt}",
                "email": email,
                "organisation_name": "",
                "role": "",
                "privacy_consent": "on",
                "homepage": "",
            }
            with self.recorder.lock:
                self.recorder.attempted.add(email)
            answer = record("register", browser.post(self.base() + event_path, form))
            if answer.status != 302:
                continue
            with self.recorder.lock:
                self.recorder.registered_ok.add(email)
            link = None
            for _ in range(50):  # the database may be restarting
                try:
                    link = confirm_path_from_mail(email, since)
                except DatabaseError:
                    connection.close()
                if link:
                    break
                time.sleep(0.2)
            if link is None:
                with self.recorder.lock:
                    self.recorder.link_missing.add(email)
                continue
            confirm_page = record("confirm-page", browser.get(self.base() + link))
            if confirm_page.status != 200:
                continue
            data = {"csrfmiddlewaretoken": csrf_token(confirm_page.body)}
            confirmed = record("confirm", browser.post(self.base() + link, data))
            if confirmed.status == 302:
                with self.recorder.lock:
                    self.recorder.confirmed_ok.add(email)
        connection.close()

    # --- the database restart ---------------------------------------------------------------

    def localdb(self, command: str) -> None:
        root = ["--root", self.config.localdb_root] if self.config.localdb_root else []
        subprocess.run(
            [sys.executable, str(ROOT / "scripts" / "localdb.py"), *root, command],
            check=True,
            capture_output=True,
            timeout=120,
        )

    def restart_database(self, at: float) -> None:
        outage = self.outage = Outage()
        time.sleep(max(0.0, at - time.monotonic()))
        outage.stopped_at = time.monotonic()
        self.localdb("stop")
        time.sleep(self.config.outage_seconds / 2)
        outage.health_while_down = [server.health() for server in self.servers]
        time.sleep(self.config.outage_seconds / 2)
        outage.started_at = time.monotonic()
        self.localdb("start")
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            outage.health_after = [server.health() for server in self.servers]
            if all(status == 200 for status in outage.health_after):
                break
            time.sleep(0.1)
        outage.recovered_at = time.monotonic()
        outage.seconds_to_recover = round(outage.recovered_at - outage.started_at, 2)

    # --- the run ----------------------------------------------------------------------------

    def run(self, sink: MailSink | None, worker: MailWorker | None) -> dict:
        from django.utils import timezone

        since = timezone.now()
        from django.utils import translation

        event = create_event(self.config.capacity, self.run_id)
        paths = page_paths(event)
        with translation.override("de"):
            event_path = event.get_absolute_url()
        started = time.monotonic()
        deadline = started + self.config.seconds
        threads = [
            threading.Thread(
                target=self.visitor,
                args=(number, deadline, paths, event_path, since),
                daemon=True,
            )
            for number in range(self.config.threads)
        ]
        if self.config.restart_db:
            at = started + self.config.seconds / 3
            threads.append(threading.Thread(target=self.restart_database, args=(at,)))
        worker_restarts = 0
        for thread in threads:
            thread.start()
        while any(thread.is_alive() for thread in threads):
            # A supervisor (systemd, the container runtime) restarts a worker that exits.
            if worker is not None and not worker.running:
                worker_restarts += 1
                self.worker_started = time.time()
                worker.start()
            time.sleep(0.5)
        elapsed = time.monotonic() - started
        # This thread's connection may date from before a database restart.
        from django.db import connection

        connection.close()
        drained, orphaned = self.wait_for_mail(since, sink, worker)
        results = self.check(event, since, sink, elapsed)
        results["worker_restarts"] = worker_restarts
        results["mail_queue_drained"] = drained
        results["mail_tasks_left_running_by_a_dead_worker"] = orphaned
        if not self.config.keep_event:
            delete_event(event)
        return results

    def wait_for_mail(self, since, sink, worker) -> bool:
        """Let the worker send what is queued (retries included) before counting."""
        from django_tasks_db.models import DBTaskResult

        if sink is None:
            return False, 0
        # A worker that lost its database mid-task exits and leaves that row RUNNING for good
        # (django-tasks-db does not reclaim it); such rows are counted, not waited for.
        orphaned = DBTaskResult.objects.filter(
            enqueued_at__gte=since,
            status="RUNNING",
            started_at__lt=dt.datetime.fromtimestamp(self.worker_started, dt.UTC),
        )
        deadline = time.monotonic() + self.config.drain_seconds
        while time.monotonic() < deadline:
            if worker is not None and not worker.running:
                self.worker_started = time.time()
                worker.start()
            open_rows = (
                DBTaskResult.objects.filter(enqueued_at__gte=since, status__in=["READY", "RUNNING"])
                .exclude(pk__in=orphaned.values("pk"))
                .count()
            )
            if open_rows == 0:
                return True, orphaned.count()
            time.sleep(0.5)
        return False, orphaned.count()

    def in_outage(self, answer: Answer) -> bool:
        outage = self.outage
        if outage is None:
            return False
        return answer.finished >= outage.stopped_at and answer.started <= outage.recovered_at

    def check(self, event, since, sink, elapsed: float) -> dict:
        from django.template.loader import render_to_string
        from django.utils import translation

        from events.emails import TEMPLATES
        from events.models import Registration

        answers = self.recorder.answers
        statuses = Counter(answer.status for _kind, answer in answers)
        failed = [a for _k, a in answers if a.status >= 500 or a.status == 0]
        failed_outside = [a for a in failed if not self.in_outage(a)]
        durations = sorted(a.finished - a.started for _k, a in answers)
        by_kind: dict[str, list[float]] = {}
        for kind, answer in answers:
            by_kind.setdefault(kind, []).append(answer.finished - answer.started)

        rows = dict(Registration.objects.filter(event=event).values_list("email", "status"))
        status = Registration.Status
        confirmed = {email for email, state in rows.items() if state == status.CONFIRMED}
        waiting = {email for email, state in rows.items() if state == status.WAITING_LIST}
        lost = self.recorder.registered_ok - rows.keys()
        # Confirmed through the link but neither confirmed nor on the waiting list.
        confirmations_lost = self.recorder.confirmed_ok - confirmed - waiting

        with translation.override("de"):
            subject = " ".join(
                render_to_string(f"{TEMPLATES['confirmed']}_subject.txt", {"event": event}).split()
            )
        queued = Counter(
            message["to"][0].lower()
            for message in queued_messages(since)
            if message["subject"] == subject
        )
        bad_queued = {
            email
            for email in rows
            if queued.get(email.lower(), 0) != (1 if email in confirmed else 0)
        }
        received = (
            Counter(to for to, subj in sink.handler.received if subj == subject) if sink else None
        )
        bad_received = (
            {
                email
                for email in rows
                if received.get(email.lower(), 0) != (1 if email in confirmed else 0)
            }
            if sink
            else set()
        )

        results = {
            "seconds": round(elapsed, 1),
            "visitors": self.config.threads,
            "servers": len(self.servers),
            "capacity": self.config.capacity,
            "requests": len(answers),
            "requests_per_second": round(len(answers) / elapsed, 1) if elapsed else 0,
            "median_ms": round(statistics.median(durations) * 1000) if durations else 0,
            "p95_ms": round(durations[int(len(durations) * 0.95)] * 1000) if durations else 0,
            "median_ms_by_kind": {
                kind: round(statistics.median(times) * 1000)
                for kind, times in sorted(by_kind.items())
            },
            "status_counts": {str(code): count for code, count in sorted(statuses.items())},
            "errors_5xx": sum(1 for a in failed if a.status >= 500),
            "no_answer": sum(1 for a in failed if a.status == 0),
            "errors_outside_outage": len(failed_outside),
            "registration_attempts": len(self.recorder.attempted),
            "registrations_answered_ok": len(self.recorder.registered_ok),
            "registration_rows": len(rows),
            "registrations_lost": len(lost),
            "confirmation_links_missing": len(self.recorder.link_missing),
            "confirmations_answered_ok": len(self.recorder.confirmed_ok),
            "confirmations_lost": len(confirmations_lost),
            "confirmed": len(confirmed),
            "waiting_list": len(waiting),
            "over_capacity": max(0, len(confirmed) - self.config.capacity),
            "confirmation_mails_queued": sum(queued.values()),
            "confirmation_mail_mismatches_queued": len(bad_queued),
            "confirmation_mails_received": sum(received.values()) if sink else None,
            "confirmation_mail_mismatches_received": len(bad_received) if sink else None,
            "db_restart": self.config.restart_db,
        }
        if self.outage is not None:
            results["outage"] = {
                "health_while_down": self.outage.health_while_down,
                "health_after": self.outage.health_after,
                "seconds_down": round(self.outage.started_at - self.outage.stopped_at, 1),
                "seconds_to_recover_after_start": self.outage.seconds_to_recover,
                "failed_in_outage": len(failed) - len(failed_outside),
            }
        results["problems"] = problems(results)
        return results


def problems(results: dict) -> list[str]:
    """What the run must show; an empty list is a pass."""
    found = []
    if results["errors_outside_outage"]:
        found.append(f"{results['errors_outside_outage']} failed answers outside an outage")
    if not results["db_restart"] and (results["errors_5xx"] or results["no_answer"]):
        found.append("5xx or unanswered requests without any fault")
    if results["registrations_lost"]:
        found.append(f"{results['registrations_lost']} registrations lost")
    if results["confirmations_lost"]:
        found.append(f"{results['confirmations_lost']} confirmations lost")
    if results["over_capacity"]:
        found.append(f"event over capacity by {results['over_capacity']}")
    if results["confirmation_mail_mismatches_queued"]:
        found.append("confirmed registrations without exactly one queued confirmation e-mail")
    if results["confirmation_mail_mismatches_received"]:
        found.append("confirmed registrations without exactly one received confirmation e-mail")
    if results["confirmed"] < min(results["capacity"], results["confirmations_answered_ok"]):
        found.append("fewer confirmed than places although enough people confirmed")
    outage = results.get("outage")
    if outage is not None:
        if any(status != 503 for status in outage["health_while_down"]):
            found.append(f"/health/ answered {outage['health_while_down']} while the DB was down")
        if any(status != 200 for status in outage["health_after"]):
            found.append(f"/health/ answered {outage['health_after']} after the DB restart")
    return found


def start_stack(config: Config, *, db_url: str, secret_key: str, mail: bool = True):
    """Two gunicorn instances, the mail worker and the SMTP sink; returns them started."""
    log_dir = config.log_dir or Path(tempfile.mkdtemp(prefix="loadtest-logs-"))
    static_root = config.static_root or ROOT / "staticfiles"
    sink = MailSink() if mail else None
    if sink:
        sink.start()
    env = production_env(
        database_url=db_url,
        secret_key=secret_key,
        static_root=static_root,
        smtp_port=sink.port if sink else None,
    )
    if not (Path(static_root) / "staticfiles.json").exists():
        collect_static(env)
    servers = [
        AppServer(env, log_dir, workers=config.workers, threads=config.gunicorn_threads)
        for _ in range(2)
    ]
    worker = MailWorker(env, log_dir) if mail else None
    try:
        for server in servers:
            server.start()
        if worker:
            worker.start()
        for server in servers:
            server.wait_healthy()
    except BaseException:
        stop_stack(servers, worker, sink)
        raise
    return env, servers, worker, sink


def stop_stack(servers, worker, sink) -> None:
    for process in [*servers, worker]:
        if process is not None:
            process.stop()
    if sink is not None:
        sink.stop()


def run_once(config: Config, *, db_url: str, secret_key: str) -> dict:
    env, servers, worker, sink = start_stack(config, db_url=db_url, secret_key=secret_key)
    try:
        return LoadTest(config, env=env, servers=servers).run(sink, worker)
    finally:
        stop_stack(servers, worker, sink)


ROWS = [
    ("requests", "requests"),
    ("requests/s", "requests_per_second"),
    ("median ms / p95 ms", None),
    ("5xx answers", "errors_5xx"),
    ("no answer (connection)", "no_answer"),
    ("failed outside outage", "errors_outside_outage"),
    ("registrations answered OK", "registrations_answered_ok"),
    ("registrations lost", "registrations_lost"),
    ("confirmed / waiting list", None),
    ("over capacity", "over_capacity"),
    ("confirm mails queued / received", None),
    ("mail mismatches", "confirmation_mail_mismatches_queued"),
]


def table(runs: list[dict]) -> str:
    header = ["", *("with DB restart" if run["db_restart"] else "no fault" for run in runs)]
    lines = [header]
    for label, key in ROWS:
        cells = []
        for run in runs:
            if label.startswith("median"):
                cells.append(f"{run['median_ms']} / {run['p95_ms']}")
            elif label.startswith("confirmed"):
                cells.append(f"{run['confirmed']} / {run['waiting_list']} (cap {run['capacity']})")
            elif label.startswith("confirm mails"):
                cells.append(
                    f"{run['confirmation_mails_queued']} / {run['confirmation_mails_received']}"
                )
            else:
                cells.append(str(run[key]))
        lines.append([label, *cells])
    for run in runs:
        if "outage" in run:
            outage = run["outage"]
            lines.append(
                [
                    "health down / after",
                    f"{outage['health_while_down']} / {outage['health_after']}",
                ]
            )
            lines.append(["failed during outage", str(outage["failed_in_outage"])])
    widths = [max(len(line[i]) for line in lines if i < len(line)) for i in range(len(header))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=False))
        for line in lines
    )


def machine() -> dict:
    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--threads", type=int, default=30)
    parser.add_argument("--capacity", type=int, default=50)
    parser.add_argument(
        "--mode",
        choices=["both", "plain", "restart"],
        default="both",
        help="plain: no fault; restart: restart the database in the middle; both (default)",
    )
    parser.add_argument("--localdb-root", help="the cluster to restart (scripts/localdb.py)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per instance")
    parser.add_argument("--gunicorn-threads", type=int, default=4)
    parser.add_argument("--output", default=str(ROOT / "bench" / "loadtest-results.json"))
    parser.add_argument("--keep-event", action="store_true")
    args = parser.parse_args(argv)

    setup_django()
    from django.conf import settings
    from django.db import connection

    db_url = os.environ.get("DATABASE_URL") or database_url(connection.settings_dict)
    runs = []
    modes = {"both": [False, True], "plain": [False], "restart": [True]}[args.mode]
    for restart in modes:
        config = Config(
            seconds=args.seconds,
            threads=args.threads,
            capacity=args.capacity,
            restart_db=restart,
            localdb_root=args.localdb_root,
            workers=args.workers,
            gunicorn_threads=args.gunicorn_threads,
            keep_event=args.keep_event,
        )
        label = "with a database restart" if restart else "without faults"
        print(f"Load test {label}: {args.threads} visitors, {args.seconds:g} s ...", flush=True)
        runs.append(run_once(config, db_url=db_url, secret_key=settings.SECRET_KEY))
        connection.close()
    report = {"machine": machine(), "runs": runs}
    Path(args.output).write_text(json.dumps(report, indent=2) + "\n")
    print(table(runs))
    print(f"Results in {args.output}")
    failed = [problem for run in runs for problem in run["problems"]]
    for problem in failed:
        print(f"FAILED: {problem}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
