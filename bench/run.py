"""`make bench`: the portal under load, as in production, against the floor.

    .venv/bin/python bench/run.py [--organisations N] [--seed S] [--rounds R] [--skip-10x]

1. builds the benchmark database (`manage.py build_scale_data`, reused when it matches),
2. chooses the paths of each page type and counts their SQL queries (bench/prepare.py),
3. serves the portal with gunicorn as in production (2 sync workers, DEBUG=0, persistent
   connections, WhiteNoise, scripts/production-env with DATABASE_URL on the benchmark database),
4. loads it with wrk (-t2 -c8; a warm-up that is thrown away, then the measured run with
   --latency), the floor and the pages in alternating rounds, sampling the workers' memory,
   while a bounded stream of registrations goes on (`WriteStream`: BENCH_WRITE_RATE per second
   on average in bursts of 35, at most BENCH_WRITES_MAX); the long-tail page types draw their
   paths from the whole population (bench/prepare.py),
5. writes bench/results.json and bench/results.md and prints the table.

Then it does the same again at ten times the organisations and reports how each page's p50
grew (--skip-10x leaves that out). Durations: BENCH_SECONDS (15), BENCH_WARMUP (5); see `make help`.
"""

import argparse
import datetime as dt
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
WORK = ROOT / "var" / "bench"
PY = sys.executable
LUA = BENCH / "wrk.lua"
THREADS, CONNECTIONS, WORKERS = 2, 8, 2
TARGETS = {
    "public_ratio": 3.0,
    "search_ratio": 4.0,
    "p99_ratio": 10.0,
    "growth_10x": 1.5,
    "queries": 12,
    "worker_rss_mb": 150,
}


def log(message: str) -> None:
    print(f"bench: {message}", flush=True)


# --- environment -------------------------------------------------------------------------------


def production_env(database_url: str) -> dict:
    """scripts/production-env's variables (as `make serve` sources them) on the bench database."""
    script = f"source {ROOT / 'scripts' / 'production-env'} && env -0"
    env = os.environ | {"DATABASE_URL": database_url}
    output = subprocess.run(
        ["bash", "-c", script], env=env, capture_output=True, check=True
    ).stdout.decode()
    result = dict(item.split("=", 1) for item in output.split("\0") if "=" in item)
    # As behind one reverse proxy: the rate limit counts the client that wrk.lua and
    # prepare.py name in X-Forwarded-For, a different one for every registration.
    return result | {
        "DEBUG": "0",
        "CONN_MAX_AGE": "60",
        "BENCHMARK_FLOOR": "1",
        "RATELIMIT_TRUSTED_PROXIES": "1",
    }


def bench_database_url(url: str, suffix: str) -> str:
    command = [PY, str(ROOT / "manage.py"), "build_scale_data", "--print-url"]
    command += [f"--database-url={url}", f"--suffix={suffix}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT)
    return output.stdout.strip().splitlines()[-1]


def machine() -> dict:
    model = ""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    memory_kb = 0
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            memory_kb = int(line.split()[1])
    return {
        "nproc": os.cpu_count(),
        "cpu": model,
        "memory_gb": round(memory_kb / 1024 / 1024, 1),
        "load_average": os.getloadavg(),
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- gunicorn and memory -----------------------------------------------------------------------


class Server:
    def __init__(self, env: dict):
        self.port = free_port()
        self.env = env
        self.process = None
        self.peak_kb: dict[int, int] = {}
        self._stop = threading.Event()

    def __enter__(self):
        gunicorn = str(Path(PY).parent / "gunicorn")
        self.process = subprocess.Popen(
            [
                gunicorn, "cluster_portal.wsgi:application",
                "--bind", f"127.0.0.1:{self.port}",
                "--workers", str(WORKERS), "--worker-class", "sync",
                "--timeout", "30", "--no-control-socket", "--log-level", "warning",
            ],
            cwd=ROOT, env=self.env,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{self.url}/health/", timeout=2) as response:  # noqa: S310
                    if response.status == 200:
                        break
            except OSError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("bench: gunicorn did not come up (see its output above)")
            time.sleep(0.3)
        threading.Thread(target=self._sample, daemon=True).start()
        return self

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def drain(self) -> None:
        """Wait until the requests that wrk left queued at the end of a run are answered (a
        health check waits behind them), so that they do not count against the next page."""
        for _ in range(WORKERS):
            try:
                with urllib.request.urlopen(f"{self.url}/health/", timeout=120):  # noqa: S310
                    pass
            except OSError:
                pass

    def workers(self) -> list[int]:
        pid = self.process.pid
        try:
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        except OSError:
            return []
        return [int(child) for child in children]

    def _sample(self):
        # VmHWM is the process's own peak; VmRSS sampled too, in case a worker is replaced.
        while not self._stop.is_set():
            for pid in self.workers():
                try:
                    status = Path(f"/proc/{pid}/status").read_text()
                except OSError:
                    continue
                for line in status.splitlines():
                    if line.startswith(("VmRSS:", "VmHWM:")):
                        kb = int(line.split()[1])
                        self.peak_kb[pid] = max(self.peak_kb.get(pid, 0), kb)
            self._stop.wait(0.5)

    def __exit__(self, *exc):
        self._stop.set()
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    @property
    def peak_worker_mb(self) -> float:
        return round(max(self.peak_kb.values(), default=0) / 1024, 1)


# --- wrk ---------------------------------------------------------------------------------------


def wrk(server: Server, page: dict, paths_file: Path, seconds: int, nonce: str) -> dict:
    if page.get("consume"):
        # Links that work once: each run gets the ones no run has used yet.
        unused = page["paths"][page.setdefault("cursor", 0) :]
        paths_file.write_text("\n".join(unused or page["paths"]) + "\n")
    stride = str(THREADS) if page.get("consume") else ""
    command = [
        "wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout", "20s",
        "--latency", "-s", str(LUA),
        server.url, "--", str(paths_file), page["method"], page["cookie"], page["body"], nonce,
        stride,
    ]  # fmt: skip
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    for line in output.splitlines():
        if line.startswith("WRK_JSON "):
            result = json.loads(line.removeprefix("WRK_JSON "))
            if page.get("consume"):
                # The threads take turns, one may be ahead; each connection may have had one
                # more request in flight when wrk stopped.
                page["cursor"] += THREADS * result["requests"] + CONNECTIONS
            return result
    raise SystemExit(f"bench: wrk printed no result:\n{output}")


def load(server: Server, page: dict, folder: Path, args, label: str, round_no: int) -> dict:
    paths_file = folder / f"{page['key']}.txt"
    paths_file.write_text("\n".join(page["paths"]) + "\n")
    nonce = f"{label}{round_no}{time.time_ns() % 10**9}"
    if args.warmup:
        wrk(server, page, paths_file, args.warmup, nonce + "w")
        server.drain()
    result = wrk(server, page, paths_file, args.seconds, nonce + "m")
    server.drain()
    log(
        f"  {page['key']:<20} p50 {result['p50_ms']:7.2f} ms  p99 {result['p99_ms']:7.2f} ms  "
        f"{result['rps']:7.1f} req/s  errors {sum(result['errors'].values())}"
    )
    return result


class WriteStream:
    """A bounded stream of writes while the pages are measured (issue 22): on average
    BENCH_WRITE_RATE per second (5), in bursts at the rush rate (35 per second) with pauses
    between them, at most BENCH_WRITES_MAX (3000) in a run, each from its own client and
    address. Registrations, as the registration POST's paths and form body (bench/prepare.py)
    make them, and every `ACCESS_REQUEST_EVERY`-th write a request for a profile's update link
    (a stored link and a queued mail, as a member asks for one)."""

    RUSH_RATE = 35.0
    ACCESS_REQUEST_EVERY = 5

    def __init__(self, server: Server, page: dict | None, access_requests: list[dict] = ()):
        self.server = server
        self.page = page
        self.access_requests = list(access_requests)
        self.rate = float(os.environ.get("BENCH_WRITE_RATE", "5"))
        self.limit = int(os.environ.get("BENCH_WRITES_MAX", "3000"))
        self.sent = 0
        self.answers: dict[str, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        opener = urllib.request.build_opener(_NoRedirect)
        self._open = opener.open

    def __enter__(self):
        if self.page is not None and self.rate > 0 and self.limit > 0:
            self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=30)

    def _post(self, number: int) -> None:
        if self.access_requests and number % self.ACCESS_REQUEST_EVERY == 0:
            target = self.access_requests[
                number // self.ACCESS_REQUEST_EVERY % len(self.access_requests)
            ]
            path, body, kind = target["path"], target["body"], "access_request"
        else:
            kind = "registration"
            path = self.page["paths"][number % len(self.page["paths"])]
            body = self.page["body"].replace("{n}", f"stream-{time.time_ns()}-{number}")
        client = f"10.255.{(number >> 8) % 256}.{number % 256}"
        request = urllib.request.Request(  # noqa: S310 - our own server
            self.server.url + path,
            data=body.encode(),
            method="POST",
            headers={
                "Cookie": self.page["cookie"],
                "Content-Type": "application/x-www-form-urlencoded",
                "X-Forwarded-For": client,
            },
        )
        try:
            with self._open(request, timeout=20) as response:
                status = str(response.status)
        except urllib.error.HTTPError as error:
            status = str(error.code)
        except OSError as error:
            status = type(error).__name__
        self.answers[f"{kind} {status}"] = self.answers.get(f"{kind} {status}", 0) + 1

    def _run(self) -> None:
        # A burst of `burst` POSTs at the rush rate, then a pause that brings the average to
        # the stream's rate.
        burst = max(1, int(self.RUSH_RATE))
        pause = max(0.0, burst / self.rate - 1.0)
        while not self._stop.is_set() and self.sent < self.limit:
            for _ in range(min(burst, self.limit - self.sent)):
                started = time.monotonic()
                self._post(self.sent)
                self.sent += 1
                if self._stop.wait(max(0.0, 1 / self.RUSH_RATE - (time.monotonic() - started))):
                    return
            self._stop.wait(pause)

    def summary(self) -> dict:
        return {
            "rate_per_s": self.rate,
            "max": self.limit,
            "sent": self.sent,
            "answers": self.answers,
        }


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


FLOOR = {
    "key": "floor", "label": "Floor (fortunes)", "kind": "floor", "method": "GET",
    "cookie": "", "body": "", "paths": ["/bench/floor/"], "available": True,
}  # fmt: skip


def run_scale(label: str, organisations: int, suffix: str, args) -> dict:
    folder = WORK / label
    folder.mkdir(parents=True, exist_ok=True)
    url = bench_database_url(args.database_url if label == "1x" else "", suffix)
    log(f"[{label}] database {url.split('?')[0]} with {organisations} organisations")
    build = [
        PY, str(ROOT / "manage.py"), "build_scale_data", f"--database-url={url}",
        f"--organisations={organisations}", f"--seed={args.seed}",
    ]  # fmt: skip
    started = time.monotonic()
    subprocess.run(build, cwd=ROOT, check=True)
    build_seconds = time.monotonic() - started
    env = production_env(url)
    prepared_file = folder / "prepare.json"
    subprocess.run(
        [PY, str(BENCH / "prepare.py"), str(prepared_file), f"--seed={args.seed}"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    prepared = json.loads(prepared_file.read_text())
    pages = [page for page in prepared["pages"] if page["available"]]
    rounds = []
    registration = next((p for p in pages if p["key"] == "registration_post"), None)
    with Server(env) as server:
        log(f"[{label}] gunicorn on {server.url}, {args.rounds} rounds of {args.seconds} s")
        # The floor and the pages alike are measured while the registrations go on.
        access_requests = prepared.get("stream_writes", {}).get("access_requests", [])
        with WriteStream(server, registration, access_requests) as stream:
            for round_no in range(1, args.rounds + 1):
                log(f"[{label}] round {round_no}")
                results = {"floor": load(server, FLOOR, folder, args, label, round_no)}
                for page in pages:
                    results[page["key"]] = load(server, page, folder, args, label, round_no)
                rounds.append(results)
        log(f"[{label}] write stream: {stream.summary()}")
        peak_mb = server.peak_worker_mb
    stored = None
    if any(page["key"] == "registration_post" for page in pages):
        out = subprocess.run(
            [PY, str(BENCH / "prepare.py"), "--count-registrations"],
            cwd=ROOT, env=env, capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        stored = json.loads(out)["stored_registrations"]
    summary = summarise(label, organisations, prepared, rounds, peak_mb, build_seconds, stored)
    summary["write_stream"] = stream.summary()
    return summary


# --- results -----------------------------------------------------------------------------------


def summarise(label, organisations, prepared, rounds, peak_mb, build_seconds, stored) -> dict:
    floor_rounds = [r["floor"] for r in rounds]
    pages = {}
    for page in prepared["pages"]:
        key = page["key"]
        entry = {
            "label": page["label"],
            "kind": page["kind"],
            "available": page["available"],
            "paths": len(page.get("paths", [])),
            "queries_min": page.get("queries_min"),
            "queries_max": page.get("queries_max"),
            "inprocess_ms": page.get("inprocess_ms"),
            "inprocess_sql_ms": page.get("inprocess_sql_ms"),
            "cold_queries_max": page.get("cold_queries_max"),
            "cold_inprocess_ms": page.get("cold_inprocess_ms"),
            "cold_inprocess_sql_ms": page.get("cold_inprocess_sql_ms"),
            "dropped_paths": page.get("dropped", {}),
        }
        if not page["available"]:
            pages[key] = entry | {"why": page.get("why", "no path answered 200")}
            continue
        per_round = [r[key] for r in rounds]
        ratios = [r[key]["p50_ms"] / (r["floor"]["p50_ms"] or float("nan")) for r in rounds]
        entry |= {
            "p50_ms": statistics.mean(x["p50_ms"] for x in per_round),
            "p95_ms": statistics.mean(x["p95_ms"] for x in per_round),
            "p99_ms": statistics.mean(x["p99_ms"] for x in per_round),
            "rps": statistics.mean(x["rps"] for x in per_round),
            "errors": sum(sum(x["errors"].values()) for x in per_round),
            "ratio": statistics.mean(ratios),
            "ratio_per_round": ratios,
            # p99 against the floor's p50 of the same round (target: at most 10 times).
            "p99_ratio": statistics.mean(
                r[key]["p99_ms"] / (r["floor"]["p50_ms"] or float("nan")) for r in rounds
            ),
            "rounds": per_round,
        }
        if key == "registration_post":
            entry["stored_registrations"] = stored
        entry["checks"] = checks(entry)
        pages[key] = entry
    return {
        "label": label,
        "organisations": organisations,
        "counts": prepared["counts"],
        "build_seconds": round(build_seconds, 1),
        "floor": {
            "p50_ms": statistics.mean(x["p50_ms"] for x in floor_rounds),
            "p95_ms": statistics.mean(x["p95_ms"] for x in floor_rounds),
            "p99_ms": statistics.mean(x["p99_ms"] for x in floor_rounds),
            "rps": statistics.mean(x["rps"] for x in floor_rounds),
            "queries": prepared["floor"]["queries"],
            "inprocess_ms": prepared["floor"]["ms"],
            "rounds": floor_rounds,
        },
        "peak_worker_rss_mb": peak_mb,
        "worker_memory_ok": peak_mb < TARGETS["worker_rss_mb"],
        "pages": pages,
    }


def ratio_target(kind: str) -> float | None:
    return {"public": TARGETS["public_ratio"], "search": TARGETS["search_ratio"]}.get(kind)


def checks(entry: dict) -> dict:
    target = ratio_target(entry["kind"])
    return {
        "ratio": None if target is None else entry["ratio"] <= target,
        "p99_ratio": None if target is None else entry["p99_ratio"] <= TARGETS["p99_ratio"],
        "queries": max(entry["queries_max"], entry.get("cold_queries_max") or 0)
        <= TARGETS["queries"],
        "no_errors": entry["errors"] == 0,
        # A run in which no request finished measured nothing (requests slower than the run).
        "measured": all(r["requests"] > 0 for r in entry["rounds"]),
    }


def growth(base: dict, big: dict) -> dict:
    result = {}
    for key, page in base["pages"].items():
        other = big["pages"].get(key, {})
        if not page.get("available") or not other.get("available"):
            continue
        raw = other["p50_ms"] / page["p50_ms"]
        # The floor does not depend on the data, so this factor is free of the machine's mood.
        normalised = other["ratio"] / page["ratio"]
        # One request at a time in-process: no queueing, less of the other tenants' noise.
        inprocess = (other["inprocess_ms"] or 0) / (page["inprocess_ms"] or float("nan"))
        cold = (other.get("cold_inprocess_ms") or 0) / (
            page.get("cold_inprocess_ms") or float("nan")
        )
        result[key] = {
            "p50_ms_1x": page["p50_ms"],
            "p50_ms_10x": other["p50_ms"],
            "growth": raw,
            "growth_vs_floor": normalised,
            "growth_inprocess": inprocess,
            "growth_inprocess_cold": cold,
            "ok": normalised <= TARGETS["growth_10x"],
        }
    return result


def fmt(value, digits=2) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "**no**"
    return f"{value:.{digits}f}"


def markdown(results: dict) -> str:
    info = results["machine"]
    lines = [
        f"# Benchmark results ({results['finished_at']})",
        "",
        f"Machine: {info['nproc']} × {info['cpu']}, {info['memory_gb']} GB RAM; load average "
        f"{', '.join(f'{x:.1f}' for x in info['load_average'])} at the start, "
        f"{', '.join(f'{x:.1f}' for x in results['load_average_end'])} at the end "
        "(the benchmark's own load included).",
        f"gunicorn {WORKERS} sync workers, DEBUG=0, CONN_MAX_AGE=60, WhiteNoise; wrk -t{THREADS} "
        f"-c{CONNECTIONS}, {results['settings']['warmup']} s warm-up thrown away, "
        f"{results['settings']['seconds']} s measured, {results['settings']['rounds']} rounds "
        "(floor, then every page). Ratio = page p50 / floor p50 of the same round, averaged; "
        "ok also asks p99 ≤ 10 × the floor's p50. Pages marked long tail draw their paths "
        "from the whole population (mostly cold fragments); the others cycle through a "
        "sample that fits the fragment cache (warm).",
        "",
    ]
    for run in results["runs"]:
        counts = run["counts"]
        floor = run["floor"]
        lines += [
            f"## {run['label']}: {counts['organisations']:,} organisations "
            f"({counts['members']:,} members), {counts['events']:,} events, "
            f"{counts['cooperations']:,} cooperations",
            "",
            f"Floor: p50 {fmt(floor['p50_ms'])} ms, p95 {fmt(floor['p95_ms'])} ms, "
            f"p99 {fmt(floor['p99_ms'])} ms, {fmt(floor['rps'], 0)} req/s "
            f"(per round: {', '.join(fmt(r['p50_ms']) for r in floor['rounds'])} ms), "
            f"{floor['queries']} query, {fmt(floor['inprocess_ms'], 1)} ms in-process. "
            f"Peak worker RSS: {fmt(run['peak_worker_rss_mb'], 1)} MB "
            f"(target < {TARGETS['worker_rss_mb']} MB: {fmt(run['worker_memory_ok'])}).",
            "",
            "| page | p50 ms | p95 ms | p99 ms | req/s | × floor | target | queries "
            "cached / cold | in-process ms cached (SQL) | in-process ms cold (SQL) | ok |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
        ]
        for page in run["pages"].values():
            if not page["available"]:
                lines.append(f"| {page['label']} | not available: {page['why']} ||||||||||")
                continue
            target = ratio_target(page["kind"])
            ok = all(v for v in page["checks"].values() if v is not None)
            if not page["checks"]["measured"]:
                # The workers were still busy with the warm-up's requests: raise BENCH_SECONDS.
                lines.append(f"| {page['label']} | no request finished in a round ||||||||||")
                continue
            queries = (
                str(page["queries_max"])
                if page["queries_min"] == page["queries_max"]
                else f"{page['queries_min']}–{page['queries_max']}"
            )
            lines.append(
                f"| {page['label']} | {fmt(page['p50_ms'])} | {fmt(page['p95_ms'])} | "
                f"{fmt(page['p99_ms'])} | {fmt(page['rps'], 0)} | {fmt(page['ratio'], 1)} | "
                f"{'≤ ' + fmt(target, 0) if target else '–'} | {queries} / "
                f"{page.get('cold_queries_max', '–')} | "
                f"{fmt(page['inprocess_ms'], 1)} ({fmt(page['inprocess_sql_ms'], 1)}) | "
                f"{fmt(page.get('cold_inprocess_ms'), 1)} "
                f"({fmt(page.get('cold_inprocess_sql_ms'), 1)}) | "
                f"{'yes' if ok else '**no**'}{' (errors)' if page['errors'] else ''} |"
            )
        stream = run.get("write_stream")
        if stream:
            lines += [
                "",
                f"Write stream during the rounds: {stream['sent']:,} registrations "
                f"(about {fmt(stream['rate_per_s'], 0)} per second in bursts of 35, at most "
                f"{stream['max']:,}; answers {stream['answers']}).",
            ]
        stored = run["pages"].get("registration_post", {}).get("stored_registrations")
        if stored is not None:
            lines += ["", f"Registrations stored by the POSTs: {stored:,}."]
        lines.append("")
    if results.get("growth"):
        lines += [
            "## Growth at 10x organisations",
            "",
            "| page | p50 ms 1x | p50 ms 10x | growth | growth vs floor | ≤ 1.5 | "
            "in-process growth cached | in-process growth cold |",
            "|---|---:|---:|---:|---:|---|---:|---:|",
        ]
        for key, row in results["growth"].items():
            label = results["runs"][0]["pages"][key]["label"]
            lines.append(
                f"| {label} | {fmt(row['p50_ms_1x'])} | {fmt(row['p50_ms_10x'])} | "
                f"{fmt(row['growth'])} | {fmt(row['growth_vs_floor'])} | {fmt(row['ok'])} | "
                f"{fmt(row.get('growth_inprocess'))} | {fmt(row.get('growth_inprocess_cold'))} |"
            )
        lines.append("")
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--organisations", type=int, default=int(os.environ.get("BENCH_ORGANISATIONS", 10_000))
    )
    parser.add_argument("--seed", type=int, default=int(os.environ.get("BENCH_SEED", 1)))
    parser.add_argument("--rounds", type=int, default=int(os.environ.get("BENCH_ROUNDS", 2)))
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("BENCH_SECONDS", 15)))
    parser.add_argument("--warmup", type=int, default=int(os.environ.get("BENCH_WARMUP", 5)))
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", ""))
    parser.add_argument("--skip-10x", action="store_true")
    parser.add_argument(
        "--report-only", action="store_true", help="Rewrite results.md from results.json."
    )
    args = parser.parse_args(argv)
    if args.report_only:
        results = json.loads((BENCH / "results.json").read_text())
        if len(results["runs"]) > 1:
            results["growth"] = growth(results["runs"][0], results["runs"][1])
        write_results(results)
        return
    if args.rounds < 1 or args.seconds < 1:
        parser.error("--rounds and --seconds must be at least 1")
    if shutil.which("wrk") is None:
        raise SystemExit("bench: wrk is missing (make bench installs Debian's wrk)")
    started_machine = machine()
    log("collectstatic (production settings)")
    subprocess.run(
        [PY, str(ROOT / "manage.py"), "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT, env=production_env(os.environ.get("DATABASE_URL", "")),
        check=True,
    )  # fmt: skip
    runs = [run_scale("1x", args.organisations, "_bench", args)]
    if not args.skip_10x:
        runs.append(run_scale("10x", args.organisations * 10, "_bench_10x", args))
    results = {
        "finished_at": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": started_machine,
        "load_average_end": os.getloadavg(),
        "settings": {
            "rounds": args.rounds,
            "seconds": args.seconds,
            "warmup": args.warmup,
            "threads": THREADS,
            "connections": CONNECTIONS,
            "workers": WORKERS,
            "seed": args.seed,
        },
        "targets": TARGETS,
        "runs": runs,
        "growth": growth(runs[0], runs[1]) if len(runs) > 1 else None,
    }
    write_results(results)


def write_results(results: dict) -> None:
    (BENCH / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    table = markdown(results)
    (BENCH / "results.md").write_text(table + "\n")
    print(table)


if __name__ == "__main__":
    main()
