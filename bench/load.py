"""Load and worker-kill benchmark: gunicorn on PostgreSQL on loopback, production settings.

    .venv/bin/python bench/load.py [--rounds 4] [--slice 3] [--seconds 15] [--clients 4]

Everything runs on 127.0.0.1 and is bounded in time:

1. Prepares a new PostgreSQL database (``--database-url``, default ``miksei_load_bench``,
   dropped and created again): migrate, cache table, demo content, collectstatic
   (WhiteNoise's hashed files).
2. Starts gunicorn with ``config/gunicorn.py``, 2 workers, ``config.settings.production``,
   and one ``db_worker`` for the background steps of form submissions, as in
   production. Beside it, a stock ``wagtail start`` project generated in a temporary
   directory (never committed), served the same way (gunicorn, 2 workers, PostgreSQL,
   DEBUG off). Clients send ``X-Forwarded-Proto: https`` as the reverse proxy would.
3. Rates: ``--rounds`` rounds of ``--slice`` seconds per target, the targets taking
   turns, so that whatever else the machine does falls on all of them alike:
   - ceiling: a hashed static file served by WhiteNoise;
   - cached: home, notice and a company page from the anonymous page cache;
   - uncached, one page type at a time: home, notice and company page with a query
     string (which keeps them out of the page cache), directory search, and the
     contact form (its CSRF token keeps it out too);
   - stock: the stock project's home page (it caches nothing).
4. Mix: ``--seconds`` of home, notice, company pages, directory searches and contact
   form submissions together, from the page cache where a visitor would get it.
5. With ``--elasticsearch URL`` (a running ``make elasticsearch``): a second gunicorn
   whose directory uses that cluster (the index rebuilt first), and directory searches
   against each server in turns: the database engine beside the Elasticsearch engine.
6. Worker kills: the mix again, with a web worker SIGKILLed every 2 seconds;
   gunicorn's master starts a new one each time. A client whose connection is cut sends the same
   request again, as a browser or a proxy does; a form carries its submission key,
   so the server stores a repeat once.

It reports req/s, median and 95th percentile per page type, errors (failed
attempts, and failures left after the retries), and for the form: submissions sent,
answered, stored, and stored more than once.

The load clients run on the same two cores as the servers, so absolute numbers are
lower than with a separate load machine; compare rates within one run.
"""

import argparse
import http.client
import json
import multiprocessing
import os
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import uuid
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BIN = Path(PYTHON).parent

FORM_PATH = "/ota-yhteytta/"
SUBMISSION_KEY_FIELD = "intake_submission_key"
SEARCHES = ["kirjanpito", "remontti", "mikkeli", "catering", "puusepantyot", "ohjelmisto"]
RETRIES = 5


@dataclass(frozen=True)
class Target:
    name: str
    paths: tuple  # taken in turn
    weight: int = 1
    form: bool = False  # POST the contact form

    def path(self, n):
        return self.paths[n % len(self.paths)]


@dataclass
class Result:
    latencies: dict = field(default_factory=dict)  # name -> [seconds]
    failed_attempts: dict = field(default_factory=dict)  # name -> cut or wrong answers
    errors: dict = field(default_factory=dict)  # name -> failures left after retries
    sent: int = 0  # submissions (one key each)
    answered: int = 0  # submissions that got the thank-you page

    def merge(self, other):
        for name, values in other.latencies.items():
            self.latencies.setdefault(name, []).extend(values)
        for mine, theirs in (
            (self.failed_attempts, other.failed_attempts),
            (self.errors, other.errors),
        ):
            for name, count in theirs.items():
                mine[name] = mine.get(name, 0) + count
        self.sent += other.sent
        self.answered += other.answered


def request(port, method, path, body=None, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    sent_headers = {"Host": "127.0.0.1", "X-Forwarded-Proto": "https", "Connection": "close"}
    sent_headers.update(headers or {})
    try:
        connection.request(method, path, body=body, headers=sent_headers)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


class Visitor:
    """One load process: its own CSRF cookie, weighted turns over the targets."""

    def __init__(self, port, run_id, seed):
        self.port, self.run_id, self.n = port, run_id, seed
        self.cookie = self.token = None

    def fetch_form(self):
        status, headers, body = request(self.port, "GET", FORM_PATH)
        cookie = re.search(r"csrftoken=([^;]+)", headers.get("Set-Cookie", ""))
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
        if status != 200 or not cookie or not token:
            raise RuntimeError(f"the contact form did not render ({status})")
        self.cookie, self.token = cookie.group(1), token.group(1).decode()

    def submission(self):
        number = self.n
        body = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": self.token,
                SUBMISSION_KEY_FIELD: str(uuid.uuid4()),
                "nimi": f"Kuorma Testaaja{number % 500}",
                "sahkoposti": f"load{number % 500}.{self.run_id}@example.fi",
                "puhelin": "040 123 4567",
                "yritys_tai_organisaatio": f"Kuorma Oy {number % 50}",
                "viesti": f"load {self.run_id} #{number}",
            }
        ).encode()
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={self.cookie}",
            "Referer": f"https://127.0.0.1{FORM_PATH}",
        }
        return body, headers

    def attempt(self, target, result, body=None, headers=None):
        path = FORM_PATH if target.form else target.path(self.n)
        started = time.perf_counter()
        try:
            status, _, content = request(
                self.port, "POST" if target.form else "GET", path, body, headers
            )
            ok = status == 200 and (not target.form or b"Kiitos" in content)
        except (OSError, http.client.HTTPException):  # reset or cut off mid-response
            ok = False
        if ok:
            result.latencies.setdefault(target.name, []).append(time.perf_counter() - started)
        else:
            result.failed_attempts[target.name] = result.failed_attempts.get(target.name, 0) + 1
        return ok

    def visit(self, target, result):
        body, headers = self.submission() if target.form else (None, None)
        result.sent += target.form
        for _ in range(RETRIES):
            if self.attempt(target, result, body, headers):
                result.answered += target.form
                return
            time.sleep(0.2)  # the worker is being replaced
        result.errors[target.name] = result.errors.get(target.name, 0) + 1

    def run(self, targets, seconds, queue):
        schedule = [t for t in targets for _ in range(t.weight)]
        result = Result()
        if any(t.form for t in targets):
            self.fetch_form()
        deadline = time.perf_counter() + seconds
        while time.perf_counter() < deadline:
            self.visit(schedule[self.n % len(schedule)], result)
            self.n += 1
        queue.put(result)


def _visitor_process(port, run_id, seed, targets, seconds, queue):
    Visitor(port, run_id, seed).run(targets, seconds, queue)


def drive(port, targets, seconds, clients, run_id, during=None, every=2.0):
    """Run `clients` load processes for `seconds`; `during` runs in this process every
    `every` seconds from the first to the last but one."""
    queue = multiprocessing.Queue()
    processes = [
        multiprocessing.Process(
            target=_visitor_process, args=(port, run_id, i * 7919, targets, seconds, queue)
        )
        for i in range(clients)
    ]
    started = time.perf_counter()
    for process in processes:
        process.start()
    if during:
        time.sleep(1)
        while time.perf_counter() - started < seconds - 1:
            during()
            time.sleep(every)
    merged = Result()
    for _ in processes:
        merged.merge(queue.get(timeout=seconds + 120))
    for process in processes:
        process.join()
    return merged, time.perf_counter() - started


def rows_for(phase, merged, elapsed, targets):
    rows = []
    for target in targets:
        latencies = sorted(merged.latencies.get(target.name, []))
        count = len(latencies)
        rows.append(
            {
                "phase": phase,
                "page": target.name,
                "requests": count,
                "rps": round(count / elapsed, 1),
                "median_ms": round(statistics.median(latencies) * 1000, 1) if latencies else None,
                "p95_ms": round(latencies[int(count * 0.95) - 1] * 1000, 1) if latencies else None,
                "failed_attempts": merged.failed_attempts.get(target.name, 0),
                "errors": merged.errors.get(target.name, 0),
            }
        )
    return rows


def run(command, env, **kwargs):
    subprocess.run(command, env=env, cwd=kwargs.pop("cwd", ROOT), check=True, **kwargs)


def wait_until_up(port, path="/health/", timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            if request(port, "GET", path)[0] < 500:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"gunicorn on port {port} did not come up")


def start(command, env, cwd=ROOT, log=None):
    return subprocess.Popen(
        command, env=env, cwd=cwd, start_new_session=True, stdout=log, stderr=log
    )


def gunicorn(env, port, app="config.wsgi", cwd=ROOT):
    config = ROOT / "config/gunicorn.py"
    command = [str(BIN / "gunicorn"), "-c", str(config), app, "--bind", f"127.0.0.1:{port}"]
    return start([*command, "--workers", "2"], env, cwd)


def worker_pids(master_pid):
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text()
    return [int(pid) for pid in children.split()]


def stop(process):
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)


def database_env(database_url):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=database_url,
        CONN_MAX_AGE="60",
        GUNICORN_ACCESS_LOG="",
        GUNICORN_LOG_LEVEL="warning",
        LOG_LEVEL="WARNING",
        # Four load processes on one address: the per-address form limit would refuse them.
        INTAKE_RATE_LIMIT="1000000/m",
        # No mail server here: notifications stay in the outbox, which is what an outage does.
        EMAIL_URL="smtp://127.0.0.1:2",
    )
    return env


def ensure_database(database_url, fresh=False):
    """Create the database if it is missing; with `fresh`, drop it first: a run must not
    inherit an earlier run's queue (its undeliverable emails keep the worker busy)."""
    import psycopg

    name = database_url.rsplit("/", 1)[1]
    admin_url = database_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        if fresh:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (name,)
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def query(database_url, sql, params=()):
    import psycopg

    with psycopg.connect(database_url) as connection:
        return connection.execute(sql, params).fetchall()


def stored_submissions(database_url, run_id):
    """(rows stored, distinct submissions among them, steps by status) for this run."""
    like = f"load {run_id} #%"
    (stored, distinct), *_ = query(
        database_url,
        "SELECT count(*), count(DISTINCT form_data->>'viesti') FROM intake_intakesubmission "
        "WHERE form_data->>'viesti' LIKE %s",
        (like,),
    )
    steps = query(
        database_url,
        "SELECT s.status, count(*) FROM intake_submissionstep s JOIN intake_intakesubmission i "
        "ON i.id = s.submission_id WHERE i.form_data->>'viesti' LIKE %s GROUP BY s.status",
        (like,),
    )
    return stored, distinct, dict(steps)


def stock_wagtail_project(tmp, database_url):
    """A stock `wagtail start` project on the same PostgreSQL, served the same way."""
    run([str(BIN / "wagtail"), "start", "stock", str(tmp)], env=os.environ.copy())
    stock_url = database_url + "_stock"
    ensure_database(stock_url)
    (tmp / "stock/settings/local.py").write_text(
        "import dj_database_url\n"
        f"DATABASES = {{'default': dj_database_url.parse({stock_url!r}, conn_max_age=60)}}\n"
        "ALLOWED_HOSTS = ['127.0.0.1']\n"
        f"SECRET_KEY = {secrets.token_urlsafe(50)!r}\n"
        "STORAGES = {'default': {'BACKEND': 'django.core.files.storage.FileSystemStorage'},"
        " 'staticfiles': {'BACKEND':"
        " 'django.contrib.staticfiles.storage.StaticFilesStorage'}}\n"
    )
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL")
    }
    # Our gunicorn.py (access log off, same workers) so that only the application differs.
    env.update(
        DJANGO_SETTINGS_MODULE="stock.settings.production",
        GUNICORN_ACCESS_LOG="",
        GUNICORN_LOG_LEVEL="warning",
    )
    run([PYTHON, "manage.py", "migrate", "--no-input", "-v", "0"], env=env, cwd=tmp)
    return env


def prepare(env):
    print("Preparing: migrate, cache table, demo content, collectstatic ...", flush=True)
    run([PYTHON, "manage.py", "migrate", "--no-input", "-v", "0"], env=env)
    run([PYTHON, "manage.py", "createcachetable"], env=env)
    run([PYTHON, "manage.py", "load_initial_data"], env=env, stdout=subprocess.DEVNULL)
    run([PYTHON, "manage.py", "collectstatic", "--no-input", "-v", "0"], env=env)
    manifest = json.loads((ROOT / "static/staticfiles.json").read_text())
    return "/static/" + manifest["paths"]["css/site.css"]


def targets(database_url, static_path):
    slugs = tuple(
        f"/yrityshakemisto/{slug}/"
        for (slug,) in query(
            database_url,
            "SELECT slug FROM directory_listing WHERE status = 'public' ORDER BY slug",
        )
    )
    searches = tuple(f"/yrityshakemisto/?q={word}" for word in SEARCHES)
    pages = {
        "home": ("/",),
        "notice": ("/tietosuojaseloste/",),
        "company page": slugs,
    }
    cached = [Target(name, paths) for name, paths in pages.items()]
    uncached = [
        Target(f"{name} (uncached)", tuple(f"{path}?from=load" for path in paths))
        for name, paths in pages.items()
    ]
    uncached += [
        Target("directory search", searches),
        Target("contact form page", (FORM_PATH,)),
    ]
    mix = [
        Target("home", pages["home"], weight=3),
        Target("notice", pages["notice"], weight=2),
        Target("company page", slugs, weight=3),
        Target("directory search", searches, weight=2),
        Target("contact form sent", (FORM_PATH,), weight=1, form=True),
    ]
    return Target("static file (WhiteNoise)", (static_path,)), cached, uncached, mix


def rates(args, run_id, port, stock_port, ceiling, cached, uncached):
    """Each target alone for a slice per round, in turns; req/s over all its slices."""
    slices = [("ceiling", port, [ceiling]), ("cached", port, cached)]
    slices += [("uncached", port, [target]) for target in uncached]
    slices.append(("stock", stock_port, [Target("stock wagtail start home", ("/",))]))
    totals = [(Result(), [0.0]) for _ in slices]
    for _ in range(args.rounds):
        for (_phase, slice_port, slice_targets), (merged, elapsed) in zip(
            slices, totals, strict=True
        ):
            result, seconds = drive(slice_port, slice_targets, args.slice, args.clients, run_id)
            merged.merge(result)
            elapsed[0] += seconds
    rows = []
    for (phase, _port, slice_targets), (merged, elapsed) in zip(slices, totals, strict=True):
        rows += rows_for(phase, merged, elapsed[0], slice_targets)
    return rows


def search_engines(args, env, uncached, run_id):
    """Directory search on the database engine and on Elasticsearch, in turns."""
    es_env = {
        **env,
        "ELASTICSEARCH_URL": args.elasticsearch,
        "ELASTICSEARCH_INDEX_PREFIX": "loadbench",
    }
    run([PYTHON, "manage.py", "rebuild_directory_index"], env=es_env, stdout=subprocess.DEVNULL)
    es_port = args.port + 2
    server = gunicorn(es_env, es_port)
    try:
        wait_until_up(es_port)
        search = next(target for target in uncached if target.name == "directory search")
        for path in search.paths:
            request(es_port, "GET", path)
        slices = [("database engine", args.port), ("elasticsearch", es_port)]
        totals = [(Result(), [0.0]) for _ in slices]
        for _ in range(args.rounds):
            for (_phase, port), (merged, elapsed) in zip(slices, totals, strict=True):
                result, seconds = drive(port, [search], args.slice, args.clients, run_id)
                merged.merge(result)
                elapsed[0] += seconds
        rows = []
        for (phase, _port), (merged, elapsed) in zip(slices, totals, strict=True):
            rows += rows_for(phase, merged, elapsed[0], [search])
        return rows
    finally:
        stop(server)


def submissions_note(phase, merged, database_url, run_id):
    """Sent against stored, once the db_worker has done every step (or 120 s passed)."""
    started = time.perf_counter()
    while True:
        stored, distinct, steps = stored_submissions(database_url, run_id)
        waited = time.perf_counter() - started
        if set(steps) <= {"done"} or waited > 120:
            break
        time.sleep(1)
    return (
        f"{phase}: submissions sent {merged.sent}, answered {merged.answered}, "
        f"stored {stored}, stored more than once {stored - distinct}; follow-up steps "
        f"{steps}, {waited:.0f} s after the load stopped"
    )


def verdicts(rows):
    """The issue's goals: cached pages at least half the static rate, each uncached
    page type at least the stock home page's rate."""
    rate = {(row["phase"], row["page"]): row["rps"] for row in rows}
    ceiling = rate[("ceiling", "static file (WhiteNoise)")]
    stock = rate[("stock", "stock wagtail start home")]
    cached = sum(row["rps"] for row in rows if row["phase"] == "cached")
    lines = [
        f"cached pages together: {cached} req/s, {cached / ceiling:.0%} of the static file's "
        f"{ceiling} (goal: at least 50%)"
    ]
    for row in rows:
        if row["phase"] == "uncached":
            lines.append(
                f"{row['page']}: {row['rps']} req/s, {row['rps'] / stock:.0%} of the stock "
                f"home page's {stock} (goal: at least 100%)"
            )
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=4, help="turns of the rate slices")
    parser.add_argument("--slice", type=float, default=3, help="seconds per target per turn")
    parser.add_argument("--seconds", type=float, default=15, help="length of each mix phase")
    parser.add_argument("--clients", type=int, default=4, help="load processes")
    parser.add_argument("--port", type=int, default=8105)
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/miksei_load_bench"
    )
    parser.add_argument("--json", action="store_true", help="print the rows as JSON too")
    parser.add_argument("--elasticsearch", default="", help="a cluster for the engines phase")
    args = parser.parse_args()

    ensure_database(args.database_url, fresh=True)
    env = database_env(args.database_url)
    page_cache = Path(tempfile.mkdtemp(prefix="miksei-page-cache-"))
    env["PAGE_CACHE_DIR"] = str(page_cache)
    static_path = prepare(env)
    ceiling, cached, uncached, mix = targets(args.database_url, static_path)
    stock_port = args.port + 1000
    rows, notes = [], []

    worker_log = open(ROOT / "bench" / "load-worker.log", "w")  # noqa: SIM115 (the worker's)
    with worker_log, tempfile.TemporaryDirectory(prefix="wagtail-stock-") as tmp:
        print("Generating a stock `wagtail start` project ...", flush=True)
        stock_env = stock_wagtail_project(Path(tmp), args.database_url)
        servers = [
            gunicorn(env, args.port),
            gunicorn(stock_env, stock_port, app="stock.wsgi", cwd=tmp),
            # It reports every task it runs: kept out of the report, in bench/load-worker.log.
            start([PYTHON, "manage.py", "db_worker"], env, log=worker_log),
        ]
        web = servers[0]
        try:
            wait_until_up(args.port)
            wait_until_up(stock_port, path="/")
            status, headers, _ = request(args.port, "GET", static_path)
            notes.append(f"static {static_path}: {status}, {headers['Cache-Control']}")
            for target in [*cached, *uncached]:  # warm each worker and the caches
                for path in target.paths:
                    for _ in range(2):
                        request(args.port, "GET", path)
            run_id = uuid.uuid4().hex[:8]

            print("Rates, page type by page type ...", flush=True)
            rows += rates(args, run_id, args.port, stock_port, ceiling, cached, uncached)

            print("Mix ...", flush=True)
            merged, elapsed = drive(args.port, mix, args.seconds, args.clients, run_id)
            rows += rows_for("mix", merged, elapsed, mix)
            notes.append(submissions_note("mix", merged, args.database_url, run_id))

            if args.elasticsearch:
                print("Directory search, database engine beside Elasticsearch ...", flush=True)
                rows += search_engines(args, env, uncached, run_id)

            print("Mix with web workers killed every 2 seconds ...", flush=True)
            kill_run = uuid.uuid4().hex[:8]
            killed = []

            def kill_a_worker():
                workers = worker_pids(web.pid)
                if workers:  # none while gunicorn is between a death and a new worker
                    victim = workers[len(killed) % len(workers)]
                    os.kill(victim, signal.SIGKILL)
                    killed.append(victim)

            merged, elapsed = drive(
                args.port, mix, args.seconds, args.clients, kill_run, kill_a_worker
            )
            rows += rows_for("workers killed", merged, elapsed, mix)
            time.sleep(2)
            after = worker_pids(web.pid)
            replaced = not set(killed) & set(after) and len(after) == 2
            notes.append(
                f"workers killed: {len(killed)} SIGKILLs during the mix; workers after: "
                f"{after} ({'all replaced' if replaced else 'NOT replaced'})"
            )
            notes.append(submissions_note("workers killed", merged, args.database_url, kill_run))
        finally:
            for server in servers:
                stop(server)
            shutil.rmtree(page_cache, ignore_errors=True)

    print(f"\n{args.clients} client processes; rates: {args.rounds} rounds x {args.slice:g} s")
    print(f"per target in turns; mixes: {args.seconds:g} s each. gunicorn 2 workers, PostgreSQL,")
    print(f"{os.cpu_count()} cores shared by servers, db_worker and clients; demo content.\n")
    header = f"{'phase':<14} {'page':<28} {'requests':>8} {'req/s':>7} {'median':>7} {'p95':>7}"
    print(header + f" {'cut':>4} {'errors':>6}")
    for row in rows:
        print(
            f"{row['phase']:<14} {row['page']:<28} {row['requests']:>8} {row['rps']:>7} "
            f"{row['median_ms']!s:>7} {row['p95_ms']!s:>7} {row['failed_attempts']:>4} "
            f"{row['errors']:>6}"
        )
    print("\n(median and p95 in ms; cut: attempts cut off or answered wrongly, each retried;")
    print(" errors: requests that still failed after the retries)\n")
    for line in verdicts(rows):
        print(line)
    print()
    for note in notes:
        print(note)
    if args.json:
        print(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
