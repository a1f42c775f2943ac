"""Load and worker-restart benchmark: gunicorn on PostgreSQL on loopback, production settings.

    .venv/bin/python bench/load.py [--seconds 15] [--clients 4] [--port 8105]

What it does, all on 127.0.0.1 and bounded in time:

1. Prepares a PostgreSQL database (``--database-url``, default
   ``miksei_hardening_bench``): migrate, demo content, collectstatic (WhiteNoise's
   hashed, compressed files).
2. Starts gunicorn with ``config/gunicorn.py``, 2 workers, ``config.settings.production``.
   The clients send ``X-Forwarded-Proto: https`` as the reverse proxy would.
3. Phase "ceiling": a hashed static file served by WhiteNoise.
   Phase "mix": the TARGETS below, anonymous, so cacheable pages come from the page cache.
   Phase "uncached": the same pages with a query string, which bypasses the page cache.
   Phase "stock": the home page of a stock ``wagtail start`` project generated in a
   temporary directory (never committed), served the same way (gunicorn, 2 workers,
   PostgreSQL, DEBUG off).
   Phase "worker-kill": the mix again, with one worker killed (SIGKILL) midway;
   gunicorn's master starts a new one.
4. Reports per phase and page type: requests, req/s, median and p95 latency, errors.

Adding a page type (directory search, a company page) is one line in TARGETS. A
form submission is a Target with ``method="POST"``, a ``body`` function and a
``stored`` function that counts what reached the database afterwards; the report
then compares submissions sent with submissions stored.

The load clients run on the same two cores as the server, so absolute numbers are
lower than on a dedicated load machine; ratios between phases are what to read.
"""

import argparse
import http.client
import json
import multiprocessing
import os
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BIN = Path(PYTHON).parent


@dataclass(frozen=True)
class Target:
    name: str
    path: str
    weight: int = 1
    method: str = "GET"
    body: object = None  # callable(n) -> (bytes, content type) for submissions
    stored: object = None  # callable(env) -> int rows stored, for submissions
    expect: tuple = (200,)


# The mix. Later apps add e.g.
#   Target("directory search", "/yritykset/?q=kahvila", weight=2),
#   Target("company page", "/yritykset/esimerkki-oy/", weight=3),
#   Target("contact form", "/yhteydenotto/", method="POST", body=..., stored=..., expect=(302,)),
TARGETS = [
    Target("home", "/", weight=3),
    Target("notice", "/tietosuojaseloste/", weight=2),
]


@dataclass
class Result:
    latencies: dict = field(default_factory=dict)  # name -> [seconds]
    errors: dict = field(default_factory=dict)  # name -> count
    sent: dict = field(default_factory=dict)  # name -> submissions sent


def request(port, method, path, body=None, content_type=None, host="127.0.0.1"):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Host": host, "X-Forwarded-Proto": "https", "Connection": "close"}
    if content_type:
        headers["Content-Type"] = content_type
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status, dict(response.getheaders())
    finally:
        connection.close()


def client(port, targets, seconds, seed, queue):
    """One load process: weighted round robin over targets until time is up."""
    schedule = [t for t in targets for _ in range(t.weight)]
    result = Result()
    deadline = time.perf_counter() + seconds
    n = seed
    while time.perf_counter() < deadline:
        target = schedule[n % len(schedule)]
        n += 1
        body, content_type = target.body(n) if target.body else (None, None)
        started = time.perf_counter()
        try:
            status, _ = request(port, target.method, target.path, body, content_type)
            ok = status in target.expect
        except (OSError, http.client.HTTPException):  # reset or cut off mid-response
            ok = False
        elapsed = time.perf_counter() - started
        if target.body:
            result.sent[target.name] = result.sent.get(target.name, 0) + 1
        if ok:
            result.latencies.setdefault(target.name, []).append(elapsed)
        else:
            result.errors[target.name] = result.errors.get(target.name, 0) + 1
    queue.put(result)


def drive(port, targets, seconds, clients, during=None):
    """Run `clients` load processes for `seconds`; `during` runs midway in this process."""
    queue = multiprocessing.Queue()
    processes = [
        multiprocessing.Process(target=client, args=(port, targets, seconds, i * 7919, queue))
        for i in range(clients)
    ]
    started = time.perf_counter()
    for process in processes:
        process.start()
    if during:
        time.sleep(seconds / 2)
        during()
    results = [queue.get(timeout=seconds + 60) for _ in processes]
    for process in processes:
        process.join()
    elapsed = time.perf_counter() - started
    merged = Result()
    for result in results:
        for name, values in result.latencies.items():
            merged.latencies.setdefault(name, []).extend(values)
        for name, count in result.errors.items():
            merged.errors[name] = merged.errors.get(name, 0) + count
        for name, count in result.sent.items():
            merged.sent[name] = merged.sent.get(name, 0) + count
    return merged, elapsed


def summarise(phase, merged, elapsed, targets):
    rows = []
    for target in targets:
        latencies = sorted(merged.latencies.get(target.name, []))
        errors = merged.errors.get(target.name, 0)
        count = len(latencies) + errors
        p95 = latencies[int(len(latencies) * 0.95) - 1] if latencies else float("nan")
        rows.append(
            {
                "phase": phase,
                "page": target.name,
                "requests": count,
                "rps": round(count / elapsed, 1),
                "median_ms": round(statistics.median(latencies) * 1000, 2) if latencies else None,
                "p95_ms": round(p95 * 1000, 2),
                "errors": errors,
            }
        )
    return rows


def run(command, env, **kwargs):
    subprocess.run(command, env=env, cwd=kwargs.pop("cwd", ROOT), check=True, **kwargs)


def wait_until_up(port, path="/health/", timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            status, _ = request(port, "GET", path)
            if status < 500:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"gunicorn on port {port} did not come up")


def start_gunicorn(env, port, app="config.wsgi", cwd=ROOT, config=ROOT / "config/gunicorn.py"):
    command = [
        str(BIN / "gunicorn"),
        "-c",
        str(config),
        app,
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        "2",
    ]
    return subprocess.Popen(command, env=env, cwd=cwd, start_new_session=True)


def worker_pids(master_pid):
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    return [int(pid) for pid in children]


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
    )
    return env


def ensure_database(database_url):
    import psycopg

    name = database_url.rsplit("/", 1)[1]
    admin_url = database_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (name,)
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def stock_wagtail_project(tmp, database_url):
    """A stock `wagtail start` project on the same PostgreSQL, served the same way."""
    run([str(BIN / "wagtail"), "start", "stock", str(tmp)], env=os.environ.copy())
    name = database_url.rsplit("/", 1)[1] + "_stock"
    ensure_database(database_url.rsplit("/", 1)[0] + "/" + name)
    (tmp / "stock/settings/local.py").write_text(
        "import dj_database_url\n"
        f"DATABASES = {{'default': dj_database_url.parse({(database_url + '_stock')!r},"
        " conn_max_age=60)}\n"
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
    env.update(DJANGO_SETTINGS_MODULE="stock.settings.production")
    run([PYTHON, "manage.py", "migrate", "--no-input", "-v", "0"], env=env, cwd=tmp)
    return env


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=15, help="length of each phase")
    parser.add_argument("--clients", type=int, default=4, help="load processes")
    parser.add_argument("--port", type=int, default=8105)
    parser.add_argument(
        "--database-url",
        default="postgres://postgres@127.0.0.1:5432/miksei_hardening_bench",
    )
    parser.add_argument("--json", action="store_true", help="print the rows as JSON too")
    args = parser.parse_args()

    ensure_database(args.database_url)
    env = database_env(args.database_url)
    page_cache = Path(tempfile.mkdtemp(prefix="miksei-page-cache-"))
    env["PAGE_CACHE_DIR"] = str(page_cache)
    print("Preparing: migrate, demo content, collectstatic ...", flush=True)
    run([PYTHON, "manage.py", "migrate", "--no-input", "-v", "0"], env=env)
    run([PYTHON, "manage.py", "createcachetable"], env=env)
    run([PYTHON, "manage.py", "load_initial_data"], env=env, stdout=subprocess.DEVNULL)
    run([PYTHON, "manage.py", "collectstatic", "--no-input", "-v", "0"], env=env)
    manifest = json.loads((ROOT / "static/staticfiles.json").read_text())
    static_path = "/static/" + manifest["paths"]["css/site.css"]

    rows, notes = [], []
    server = start_gunicorn(env, args.port)
    try:
        wait_until_up(args.port)
        status, headers = request(args.port, "GET", static_path)
        notes.append(f"static {static_path}: {status}, Cache-Control: {headers['Cache-Control']}")
        for target in TARGETS:  # warm the page cache and each worker
            for _ in range(4):
                request(args.port, "GET", target.path)

        ceiling = [Target("static file (WhiteNoise)", static_path)]
        merged, elapsed = drive(args.port, ceiling, args.seconds, args.clients)
        rows += summarise("ceiling", merged, elapsed, ceiling)

        merged, elapsed = drive(args.port, TARGETS, args.seconds, args.clients)
        rows += summarise("mix (page cache)", merged, elapsed, TARGETS)

        uncached = [
            Target(f"{t.name} (uncached)", t.path + "?nocache=1", t.weight)
            for t in TARGETS
            if t.method == "GET"
        ]
        merged, elapsed = drive(args.port, uncached, args.seconds, args.clients)
        rows += summarise("uncached", merged, elapsed, uncached)

        killed = []

        def kill_a_worker():
            victim = worker_pids(server.pid)[0]
            os.kill(victim, signal.SIGKILL)
            killed.append(victim)

        merged, elapsed = drive(args.port, TARGETS, args.seconds, args.clients, kill_a_worker)
        rows += summarise("worker-kill (mix)", merged, elapsed, TARGETS)
        time.sleep(1)
        replacement = worker_pids(server.pid)
        notes.append(
            f"worker-kill: SIGKILLed worker {killed[0]} midway; workers after: "
            f"{replacement} ({len(replacement)} running, "
            f"{'replaced' if killed[0] not in replacement else 'NOT replaced'})"
        )
        for target in TARGETS:
            if target.stored:
                notes.append(
                    f"{target.name}: sent {merged.sent.get(target.name, 0)}, "
                    f"stored {target.stored(env)}"
                )
    finally:
        stop(server)
        shutil.rmtree(page_cache, ignore_errors=True)

    with tempfile.TemporaryDirectory(prefix="wagtail-stock-") as tmp:
        print("Generating a stock `wagtail start` project ...", flush=True)
        stock_env = stock_wagtail_project(Path(tmp), args.database_url)
        # Our gunicorn.py (access log off, same workers) so only the application differs.
        stock_env.update(GUNICORN_ACCESS_LOG="", GUNICORN_LOG_LEVEL="warning")
        stock = start_gunicorn(stock_env, args.port + 1000, app="stock.wsgi", cwd=tmp)
        try:
            wait_until_up(args.port + 1000, path="/")
            for _ in range(4):
                request(args.port + 1000, "GET", "/")
            stock_targets = [Target("stock wagtail start home", "/")]
            merged, elapsed = drive(args.port + 1000, stock_targets, args.seconds, args.clients)
            rows += summarise("stock", merged, elapsed, stock_targets)
        finally:
            stop(stock)

    print(f"\n{args.clients} client processes, {args.seconds:g} s per phase, gunicorn 2 workers,")
    print(f"{os.cpu_count()} cores shared by server and clients; demo content (home + notice).\n")
    header = f"{'phase':<20} {'page':<28} {'requests':>8} {'req/s':>8} {'median ms':>10} "
    print(header + f"{'p95 ms':>8} {'errors':>6}")
    for row in rows:
        print(
            f"{row['phase']:<20} {row['page']:<28} {row['requests']:>8} {row['rps']:>8} "
            f"{row['median_ms']!s:>10} {row['p95_ms']:>8} {row['errors']:>6}"
        )
    print()
    for note in notes:
        print(note)
    if args.json:
        print(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
