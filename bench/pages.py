"""Key pages on a region-sized database: server time, throughput under load, Lighthouse.

    uv run python -m bench                      # SQLite, full size (generated first: see README)
    uv run python -m bench --small              # 1/100 of every size, for a quick run
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres uv run python -m bench --postgres

1. The scale database: `wijkbasis generate-scale-data` on a throw-away database, or a kept one
   (`--data-dir` / `--database`) reused when it already has data.
2. Server time: each page through Django's test client with DEBUG off, `--runs` times, each request
   interleaved with the ceiling (bench/urls.py: a bare view rendering a 50-row template through the
   same middleware, as the same user), reported as median, p95, spread and ratio to the ceiling.
3. Under load: the real server (granian, `--workers`, bench settings) on loopback and wrk, per page
   `--load-seconds` per round, each page interleaved with the ceiling; ratios over `--load-rounds`.
   wrk and the server share the machine's cores, as on a small server.
4. Lighthouse (mobile) on home, a wijk page and the vacancy search: scores and transfer size.

Pages come from each app's `bench_pages(ctx)` (its scale.py). Staff pages are measured logged in,
with two-step verification done, as the tests' `login()` does; wrk sends that session's cookie.
Figures only: this is not a test. Results go to bench/results/<date>-<database>[-<size>].md.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils.text import slugify

from bench import frame
from bench.urls import CEILING_PATH
from wijkbasis.core.scale import BenchPage, ScaleContext, ScaleSizes, bench_pages

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --no-first-run"
)
LIGHTHOUSE = frame.BENCH_DIR / "node_modules" / ".bin" / "lighthouse"


def say(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------
# Statistics


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))]


def spread(values: list[float]) -> float:
    """The interquartile range as a share of the median."""
    middle = statistics.median(values)
    return (percentile(values, 0.75) - percentile(values, 0.25)) / middle if middle else 0.0


# ---------------------------------------------------------------------------
# The database


def size_label(options: Any) -> str:
    if options.small:
        return "small"
    return f"1-{options.divide}" if options.divide > 1 else "full"


def ensure_data(options: Any) -> float | None:
    """Generate the scale data unless the database has it; returns the seconds it took (None: reused)."""
    from wijkbasis.accounts.models import Resident

    call_command("migrate", verbosity=0, interactive=False)
    if Resident.objects.exists():
        say("the database has data already: reusing it")
        return None
    arguments = ["--seed", str(options.seed)]
    if options.small:
        arguments.append("--small")
    elif options.divide > 1:
        arguments += ["--divide", str(options.divide)]
    say(f"generating scale data ({' '.join(arguments)})")
    started = time.perf_counter()
    call_command("generate_scale_data", *arguments)
    return time.perf_counter() - started


def table_sizes() -> dict[str, int]:
    from wijkbasis.accounts.models import Consent, Resident, User
    from wijkbasis.areas.models import District, Municipality, Neighbourhood, NeighbourhoodTeam, Organisation
    from wijkbasis.volunteering.models import Response, TalentProfile, Vacancy

    models = {
        "municipalities": Municipality,
        "wijken": District,
        "buurten": Neighbourhood,
        "teams": NeighbourhoodTeam,
        "residents": Resident,
        "consents": Consent,
        "users": User,
        "organisations": Organisation,
        "vacancies": Vacancy,
        "responses": Response,
        "talent profiles": TalentProfile,
    }
    sizes = {label: model.objects.count() for label, model in models.items()}
    sizes["published vacancies"] = Vacancy.objects.published().count()
    return sizes


# ---------------------------------------------------------------------------
# Clients and sessions


def logged_in_client(user_id: int | None) -> Client:
    """A test client; for a user: logged in with two-step verification done (as conftest.login)."""
    client = Client(raise_request_exception=False)
    if user_id is None:
        return client
    from wijkbasis.accounts.models import User

    user = User.objects.get(pk=user_id)
    client.force_login(user, backend="allauth.account.auth_backends.AuthenticationBackend")
    session = client.session
    session["account_authentication_methods_user"] = str(user.pk)
    session["account_authentication_methods"] = [{"method": "mfa", "at": time.time(), "type": "totp"}]
    session.save()
    return client


def session_cookie(client: Client) -> str:
    morsel = client.cookies.get(settings.SESSION_COOKIE_NAME)
    return f"{settings.SESSION_COOKIE_NAME}={morsel.value}" if morsel is not None else ""


# ---------------------------------------------------------------------------
# Server time


@dataclass
class ServerTime:
    page: BenchPage
    status: int
    size_kb: float
    queries: int
    times: list[float] = field(default_factory=list)
    ceiling: list[float] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        return statistics.median(self.times) / statistics.median(self.ceiling)


def _timed(client: Client, path: str) -> tuple[float, Any]:
    started = time.perf_counter()
    response = client.get(path)
    return time.perf_counter() - started, response


def measure_server_time(pages: list[BenchPage], clients: dict[int | None, Client], runs: int) -> list[ServerTime]:
    results = []
    for page in pages:
        client = clients[page.user_id]
        client.get(CEILING_PATH)
        client.get(page.path)  # warm caches (templates, vocabulary, matching facts)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(page.path)
        results.append(
            ServerTime(
                page=page, status=response.status_code, size_kb=len(response.content) / 1024, queries=len(queries)
            )
        )
        if response.status_code != 200:
            say(f"{page.label}: status {response.status_code} ({page.path})")
    say(f"server time: {len(pages)} pages × {runs} runs, interleaved with the ceiling")
    for run in range(runs):
        for result in results:
            client = clients[result.page.user_id]
            seconds, _response = _timed(client, CEILING_PATH)
            result.ceiling.append(seconds)
            seconds, _response = _timed(client, result.page.path)
            result.times.append(seconds)
        if (run + 1) % 10 == 0:
            say(f"  run {run + 1} of {runs}")
    return results


# ---------------------------------------------------------------------------
# Under load: granian and wrk


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Server:
    """The production server (wijkbasis.core.server.run_server) as a subprocess on loopback."""

    def __init__(self, env: frame.Environment, workers: int) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = tempfile.NamedTemporaryFile(prefix="wijkbasis-bench-server-", suffix=".log", delete=False)  # noqa: SIM115
        variables = {
            **os.environ,
            **env.process_environment(),
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "PYTHONPATH": os.pathsep.join(filter(None, [str(frame.REPO_DIR), os.environ.get("PYTHONPATH", "")])),
        }
        code = (
            "from wijkbasis.core.server import run_server; "
            f"run_server('127.0.0.1', {self.port}, workers={workers}, threads=4)"
        )
        self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and code
            [sys.executable, "-c", code],
            cwd=frame.REPO_DIR,
            env=variables,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self._wait_until_ready()

    def _wait_until_ready(self) -> None:
        import httpx

        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server stopped; see {self.log.name}")
            try:
                if httpx.get(self.url + CEILING_PATH, timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"the server did not answer within 60 s; see {self.log.name}")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)  # the server's own process group (its workers)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)
        self.log.close()


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _milliseconds(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    if match is None:
        raise ValueError(f"not a wrk latency: {text!r}")
    return float(match.group(1)) * _UNITS[match.group(2)]


def _found(pattern: str, output: str) -> re.Match[str]:
    match = re.search(pattern, output)
    if match is None:
        raise ValueError(f"wrk's output has no {pattern!r}:\n{output}")
    return match


def wrk(url: str, *, seconds: float, connections: int, cookie: str) -> dict[str, float]:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds:g}s", "--latency", "--timeout", "10s"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(  # noqa: S603 - wrk on loopback, bounded by -d
        [*command, url], capture_output=True, text=True, check=True, timeout=seconds + 60
    ).stdout
    latency = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+(?:us|ms|s|m))\s*$", output, re.M))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    timeouts = re.search(r"Socket errors:.*timeout (\d+)", output)
    return {
        "rps": float(_found(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "requests": float(_found(r"(\d+) requests in", output).group(1)),
        "p50_ms": _milliseconds(latency["50"]),
        "p99_ms": _milliseconds(latency["99"]),
        "errors": float(errors.group(1)) if errors else 0.0,
        "timeouts": float(timeouts.group(1)) if timeouts else 0.0,
    }


@dataclass
class LoadResult:
    page: BenchPage
    rounds: list[dict[str, float]] = field(default_factory=list)
    ceiling: list[dict[str, float]] = field(default_factory=list)

    def ratios(self) -> list[float]:
        return [page["rps"] / ceiling["rps"] for page, ceiling in zip(self.rounds, self.ceiling, strict=True)]


def measure_load(
    server: Server, pages: list[BenchPage], cookies: dict[int | None, str], options: Any
) -> list[LoadResult]:
    results = [LoadResult(page) for page in pages]
    total = len(pages) * options.load_rounds * 2 * options.load_seconds
    say(f"under load: {len(pages)} pages × {options.load_rounds} rounds, with the ceiling: about {total / 60:.0f} min")
    for _round in range(options.load_rounds):
        for result in results:
            cookie = cookies[result.page.user_id]
            arguments = {"seconds": options.load_seconds, "connections": options.connections, "cookie": cookie}
            result.ceiling.append(wrk(server.url + CEILING_PATH, **arguments))
            result.rounds.append(wrk(server.url + result.page.path, **arguments))
    return results


# ---------------------------------------------------------------------------
# Lighthouse


def lighthouse_ready() -> str:
    """'' when Lighthouse can run; else why not."""
    if not Path(CHROMIUM).exists():
        return f"Chromium is not at {CHROMIUM} (Debian: apt install chromium)"
    if LIGHTHOUSE.exists():
        return ""
    npm = shutil.which("npm")
    if npm is None:
        return "npm is not installed (Debian: apt install npm)"
    say("installing Lighthouse (npm ci --prefix bench)")
    completed = subprocess.run(  # noqa: S603 - fixed command
        [npm, "ci", "--prefix", str(frame.BENCH_DIR), "--no-audit", "--no-fund"],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    if completed.returncode != 0 or not LIGHTHOUSE.exists():
        return "npm ci --prefix bench failed (no network?): " + (completed.stderr.strip().splitlines() or ["?"])[-1]
    return ""


def lighthouse(url: str, cookie: str = "") -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="wijkbasis-lighthouse-") as folder:
        report = Path(folder) / "report.json"
        command = [
            str(LIGHTHOUSE),
            url,
            "--output=json",
            f"--output-path={report}",
            "--only-categories=performance,accessibility,best-practices",
            "--form-factor=mobile",
            "--quiet",
            f"--chrome-flags={CHROMIUM_FLAGS}",
        ]
        if cookie:
            command.append(f"--extra-headers={json.dumps({'Cookie': cookie})}")
        completed = subprocess.run(  # noqa: S603 - our Lighthouse on a loopback URL
            command,
            env={**os.environ, "CHROME_PATH": CHROMIUM, "HOME": folder},
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )
        if completed.returncode != 0 or not report.exists():
            last = [line.strip() for line in completed.stderr.splitlines() if line.strip()][-3:]
            raise RuntimeError(f"Lighthouse exited with {completed.returncode}: {' / '.join(last)[:300]}")
        data = json.loads(report.read_text())
    audits = data["audits"]
    return {
        **{
            name: data["categories"][name]["score"] * 100 for name in ("performance", "accessibility", "best-practices")
        },
        "transfer_kb": audits["total-byte-weight"]["numericValue"] / 1024,
        "fcp_s": audits["first-contentful-paint"]["numericValue"] / 1000,
        "lcp_s": audits["largest-contentful-paint"]["numericValue"] / 1000,
        "tbt_ms": audits["total-blocking-time"]["numericValue"],
    }


# ---------------------------------------------------------------------------
# The report


def report(
    *,
    options: Any,
    database: str,
    generated_in: float | None,
    sizes: dict[str, int],
    server_times: list[ServerTime],
    load: list[LoadResult] | str,
    lighthouse_results: dict[str, dict[str, float] | str] | str,
    load_average: tuple[float, float],
) -> str:
    command = "uv run python -m bench" + (" --postgres" if options.postgres else "")
    command += " --small" if options.small else (f" --divide {options.divide}" if options.divide > 1 else "")
    command += f" --only '{options.only}'" if options.only else ""
    # Reused data is described by its rows (below), not by this run's size options.
    size = f"{size_label(options)} size" if generated_in is not None else "reused data"
    lines = [
        f"# Page benchmark: {database}, {size}" + (f", only pages with “{options.only}”" if options.only else ""),
        "",
        f"`{command}` on {frame.today()}: {frame.describe_machine()} "
        f"1-minute load average at the start and the end: {load_average[0]:.1f}, {load_average[1]:.1f} "
        "(above 0, other processes shared the machine: read the ratios to the ceiling rather than the times).",
        "",
        "Scale data (`wijkbasis generate-scale-data`, seed "
        f"{options.seed}): "
        + ", ".join(f"{count:,} {label}" for label, count in sizes.items())
        + ". "
        + (
            f"Generated in this run in {generated_in:.0f} s."
            if generated_in is not None
            else "Reused from an earlier run."
        ),
        "",
        "## Server time",
        "",
        f"Django test client, DEBUG off, {options.runs} runs per page; every request interleaved with the ceiling "
        "(a bare view rendering a 50-row template through the same middleware, as the same user). "
        "Spread: interquartile range as a share of the median. × ceiling: median page time / median ceiling time. "
        "Queries and size: one request after warming up.",
        "",
        "| page | status | queries | KB | median (ms) | p95 (ms) | spread | ceiling (ms) | × ceiling |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for result in server_times:
        user = " (staff)" if result.page.user_id else ""
        lines.append(
            f"| {result.page.label}{user} | {result.status} | {result.queries} | {result.size_kb:.0f} "
            f"| {statistics.median(result.times) * 1000:.1f} | {percentile(result.times, 0.95) * 1000:.1f} "
            f"| {spread(result.times):.0%} | {statistics.median(result.ceiling) * 1000:.2f} | {result.ratio:.1f} |"
        )
    if not server_times:
        lines.append("| not measured (--lighthouse-only) | | | | | | | | |")
    lines += ["", "Paths:", ""]
    lines += [f"- {result.page.label}: `{result.page.path}`" for result in server_times]
    lines += ["", "## Under load", ""]
    if isinstance(load, str):
        lines.append(f"Not measured: {load}.")
    else:
        lines += [
            f"granian with {options.workers} workers (bench settings) and wrk (2 threads, {options.connections} "
            f"connections, {options.load_seconds:g} s per page per round, {options.load_rounds} rounds) on loopback; "
            "wrk and the server share the machine. Each page's run follows one of the ceiling. "
            "× ceiling: page requests/s over the ceiling's in the same round (median, and lowest–highest).",
            "",
            "| page | requests/s | latency p50 (ms) | p99 (ms) | ceiling requests/s | × ceiling | lowest–highest "
            "| completed | non-2xx | timeouts (10 s) |",
            "|---|---:|---:|---:|---:|---:|---|---:|---:|---:|",
        ]
        for result in load:
            ratios = result.ratios()
            user = " (staff)" if result.page.user_id else ""
            lines.append(
                f"| {result.page.label}{user} | {statistics.median(r['rps'] for r in result.rounds):.1f} "
                f"| {statistics.median(r['p50_ms'] for r in result.rounds):.1f} "
                f"| {statistics.median(r['p99_ms'] for r in result.rounds):.1f} "
                f"| {statistics.median(r['rps'] for r in result.ceiling):.0f} "
                f"| {statistics.median(ratios):.3f} | {min(ratios):.3f}–{max(ratios):.3f} "
                f"| {sum(r['requests'] for r in result.rounds):.0f} | {sum(r['errors'] for r in result.rounds):.0f} "
                f"| {sum(r.get('timeouts', 0) for r in result.rounds):.0f} |"
            )
    lines += ["", "## Lighthouse", ""]
    if isinstance(lighthouse_results, str):
        lines.append(f"Not measured: {lighthouse_results}.")
    else:
        lines += [
            "Lighthouse 12 (bench/package.json), mobile (simulated throttling), Debian's Chromium, against the "
            "granian server above. Transfer: total byte weight.",
            "",
            "| page | performance | accessibility | best practices | transfer (KB) | FCP (s) | LCP (s) | TBT (ms) |",
            "|---|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for label, scores in lighthouse_results.items():
            if isinstance(scores, str):
                lines.append(f"| {label} | failed: {scores} | | | | | | |")
                continue
            lines.append(
                f"| {label} | {scores['performance']:.0f} | {scores['accessibility']:.0f} "
                f"| {scores['best-practices']:.0f} | {scores['transfer_kb']:.0f} | {scores['fcp_s']:.1f} "
                f"| {scores['lcp_s']:.1f} | {scores['tbt_ms']:.0f} |"
            )
    lines.append("")
    return "\n".join(lines)


# ---------------------------------------------------------------------------


def main(options: Any, env: frame.Environment) -> None:
    from wijkbasis.bootstrap import ensure_ready

    load_at_start = os.getloadavg()[0]
    generated_in = ensure_data(options)
    ensure_ready()
    call_command("collectstatic", interactive=False, verbosity=0)
    frame.analyse()
    database = frame.database_label()
    sizes = table_sizes()
    pages = bench_pages(ScaleContext(sizes=ScaleSizes(), seed=options.seed))
    if options.only:
        pages = [page for page in pages if options.only in page.label]
    clients = {user_id: logged_in_client(user_id) for user_id in dict.fromkeys(page.user_id for page in pages)}
    if options.lighthouse_only:
        options.no_load, options.no_lighthouse = True, False
    server_times = [] if options.lighthouse_only else measure_server_time(pages, clients, options.runs)
    cookies = {user_id: session_cookie(client) for user_id, client in clients.items()}
    load: list[LoadResult] | str = "skipped (--no-load)"
    lighthouse_results: dict[str, dict[str, float] | str] | str = "skipped (--no-lighthouse)"
    server = None
    try:
        if not options.no_load or not options.no_lighthouse:
            server = Server(env, options.workers)
        if not options.no_load:
            if shutil.which("wrk") is None:
                load = "wrk is not installed (Debian: apt-get install -y wrk)"
                say(load)
            else:
                load = measure_load(server, [page for page in pages if "load" in page.groups], cookies, options)
        if not options.no_lighthouse:
            why_not = lighthouse_ready()
            if why_not:
                lighthouse_results = why_not
                say(f"Lighthouse skipped: {why_not}")
            else:
                lighthouse_results = {}
                for page in pages:
                    if "lighthouse" in page.groups:
                        say(f"Lighthouse: {page.label}")
                        try:
                            scores = lighthouse(server.url + page.path, cookies[page.user_id])
                        except (RuntimeError, subprocess.TimeoutExpired) as error:
                            say(f"  failed: {error}")
                            scores = str(error)
                        lighthouse_results[page.label] = scores
    except (RuntimeError, OSError, subprocess.SubprocessError) as error:
        # The server time is measured already: keep it, and say what failed.
        say(f"failed: {error}")
        if not options.no_load and not isinstance(load, list):
            load = f"failed ({error})"
        if not options.no_lighthouse and not (isinstance(lighthouse_results, dict) and lighthouse_results):
            lighthouse_results = f"failed ({error})"
    finally:
        if server is not None:
            server.stop()
    text = report(
        options=options,
        database=database,
        generated_in=generated_in,
        sizes=sizes,
        server_times=server_times,
        load=load,
        lighthouse_results=lighthouse_results,
        load_average=(load_at_start, os.getloadavg()[0]),
    )
    vendor = "postgresql" if env.vendor == "postgresql" else "sqlite"
    suffix = "" if size_label(options) == "full" else f"-{size_label(options)}"
    suffix += "-lighthouse" if options.lighthouse_only else ""
    # A run of some pages never replaces the day's run of all of them.
    suffix += f"-only-{slugify(options.only)}" if options.only else ""
    path = frame.write_results(frame.RESULTS_DIR / f"{frame.today()}-{vendor}{suffix}.md", text)
    print(text)
    say(f"results written to {path.relative_to(frame.REPO_DIR)}")
