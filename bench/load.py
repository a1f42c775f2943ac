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
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

from _load_servers import (
    PYTHON,
    ROOT,
    database_env,
    ensure_database,
    gunicorn,
    prepare,
    query,
    run,
    start,
    stock_wagtail_project,
    stop,
    stored_submissions,
    wait_until_up,
    worker_pids,
)
from _load_visitors import FORM_PATH, Result, Target, drive, request, rows_for

SEARCHES = ["kirjanpito", "remontti", "mikkeli", "catering", "puusepantyot", "ohjelmisto"]


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


def in_turns(args, run_id, slices):
    """Each (phase, port, targets) slice for `args.slice` seconds per round, the slices
    taking turns; req/s over all of a slice's turns."""
    totals = [(Result(), [0.0]) for _ in slices]
    for _ in range(args.rounds):
        for (_phase, port, targets), (merged, elapsed) in zip(slices, totals, strict=True):
            result, seconds = drive(port, targets, args.slice, args.clients, run_id)
            merged.merge(result)
            elapsed[0] += seconds
    rows = []
    for (phase, _port, targets), (merged, elapsed) in zip(slices, totals, strict=True):
        rows += rows_for(phase, merged, elapsed[0], targets)
    return rows


def rates(args, run_id, port, stock_port, ceiling, cached, uncached):
    """Each target alone for a slice per round, in turns."""
    slices = [("ceiling", port, [ceiling]), ("cached", port, cached)]
    slices += [("uncached", port, [target]) for target in uncached]
    slices.append(("stock", stock_port, [Target("stock wagtail start home", ("/",))]))
    return in_turns(args, run_id, slices)


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
        slices = [("database engine", args.port, [search]), ("elasticsearch", es_port, [search])]
        return in_turns(args, run_id, slices)
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
