"""Throughput of web-form intake, and proof that nothing is lost.

Sends N submissions of the demo contact form ("Ota yhteyttä") from this process
to a running server on PostgreSQL, over HTTP with CSRF cookies like a browser,
from several threads at once. A quarter as many email addresses as submissions
are used, so most submissions update a contact rather than create one. Then it
counts what the database holds and reports throughput and stored == sent.

    .venv/bin/python bench/intake.py                 # starts its own server on :8102
    .venv/bin/python bench/intake.py --url http://127.0.0.1:8102   # server already running

Its own server is `manage.py runserver` (threaded, dev settings, so tasks run
in-process after each commit: the number includes the register update, the
search index and the notification email) on the database named by
--database-url, which is created, migrated and given the demo content first.
The rate limit is raised for the run through INTAKE_RATE_LIMIT. A server
started by hand needs the same: INTAKE_RATE_LIMIT=1000000/m.
"""

import argparse
import http.cookiejar
import os
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
FORM_PATH = "/ota-yhteytta/"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--url", help="base URL of a running server; default: start one")
    parser.add_argument("--port", type=int, default=8102)
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/miksei_intake_bench"
        ),
    )
    return parser.parse_args()


def ensure_database(database_url):
    parts = urllib.parse.urlsplit(database_url)
    name = parts.path.lstrip("/")
    admin_url = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def server_env(database_url):
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "INTAKE_RATE_LIMIT": "1000000/m",
        # runserver starts a thread per request: persistent connections would pile up.
        "CONN_MAX_AGE": "0",
    }


def start_server(database_url, port):
    ensure_database(database_url)
    env = server_env(database_url)
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--no-input"], env=env, check=True, capture_output=True)
    subprocess.run([*manage, "load_initial_data"], env=env, check=True, capture_output=True)
    log = open(ROOT / "bench" / "intake-server.log", "w")  # noqa: SIM115 - lives with the server
    server = subprocess.Popen(
        [*manage, "runserver", f"127.0.0.1:{port}", "--noreload"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + FORM_PATH, timeout=2)
            return server, base
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    server.terminate()
    raise SystemExit(f"The server did not answer on {base}")


class Sender(threading.Thread):
    """One browser-like client: fetches the form once for its CSRF cookie, then posts."""

    def __init__(self, base, numbers, run_id, distinct):
        super().__init__()
        self.base, self.numbers, self.run_id, self.distinct = base, numbers, run_id, distinct
        self.latencies, self.statuses = [], []

    def run(self):
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        html = opener.open(self.base + FORM_PATH).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        for number in self.numbers:
            body = urllib.parse.urlencode(
                {
                    "csrfmiddlewaretoken": token,
                    # One key per submission, as a freshly rendered form carries.
                    "intake_submission_key": str(uuid.uuid4()),
                    "nimi": f"Testi Henkilö{number % self.distinct}",
                    "sahkoposti": f"bench{number % self.distinct}.{self.run_id}@example.fi",
                    "puhelin": "040 123 4567",
                    "yritys_tai_organisaatio": f"Bench Oy {number % 50}",
                    "viesti": f"bench {self.run_id} #{number}",
                }
            ).encode()
            request = urllib.request.Request(
                self.base + FORM_PATH, data=body, headers={"Referer": self.base + FORM_PATH}
            )
            started = time.perf_counter()
            try:
                with opener.open(request, timeout=60) as response:
                    response.read()
                    self.statuses.append(response.status)
            except urllib.error.HTTPError as error:
                self.statuses.append(error.code)
            self.latencies.append(time.perf_counter() - started)


def count_stored(database_url, run_id):
    with psycopg.connect(database_url) as connection:
        like = f"bench {run_id} #%"
        stored = connection.execute(
            "SELECT count(*) FROM intake_intakesubmission WHERE form_data->>'viesti' LIKE %s",
            [like],
        ).fetchone()[0]
        steps = connection.execute(
            "SELECT s.status, count(*) FROM intake_submissionstep s "
            "JOIN intake_intakesubmission i ON i.id = s.submission_id "
            "WHERE i.form_data->>'viesti' LIKE %s GROUP BY s.status",
            [like],
        ).fetchall()
        contacts = connection.execute(
            "SELECT count(*) FROM registry_contact WHERE email LIKE %s",
            [f"bench%.{run_id}@example.fi"],
        ).fetchone()[0]
        events = connection.execute(
            "SELECT count(*) FROM registry_customerevent e JOIN registry_contact c "
            "ON c.id = e.contact_id WHERE c.email LIKE %s",
            [f"bench%.{run_id}@example.fi"],
        ).fetchone()[0]
    return stored, dict(steps), contacts, events


def main():
    args = parse_args()
    server = None
    base = args.url
    if base is None:
        server, base = start_server(args.database_url, args.port)
    try:
        run_id = uuid.uuid4().hex[:8]
        distinct = max(args.count // 4, 1)
        numbers = list(range(args.count))
        senders = [
            Sender(base, numbers[i :: args.threads], run_id, distinct) for i in range(args.threads)
        ]
        started = time.perf_counter()
        for sender in senders:
            sender.start()
        for sender in senders:
            sender.join()
        elapsed = time.perf_counter() - started
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)

    latencies = sorted(latency for sender in senders for latency in sender.latencies)
    statuses = [status for sender in senders for status in sender.statuses]
    stored, steps, contacts, events = count_stored(args.database_url, run_id)
    ok = statuses.count(200)
    print(f"server:        {base} (PostgreSQL {args.database_url.rsplit('/', 1)[-1]})")
    print(f"sent:          {len(statuses)} submissions from {args.threads} threads")
    print(f"answered 200:  {ok}; other: {sorted(set(statuses) - {200}) or 'none'}")
    print(f"time:          {elapsed:.1f} s")
    print(f"throughput:    {len(statuses) / elapsed:.1f} submissions/s")
    print(
        f"latency:       median {statistics.median(latencies) * 1000:.0f} ms, "
        f"95th percentile {latencies[int(len(latencies) * 0.95) - 1] * 1000:.0f} ms"
    )
    print(f"stored:        {stored}")
    print(f"steps:         {steps}")
    print(f"contacts:      {contacts} (distinct addresses sent: {distinct}); events: {events}")
    verdict = stored == len(statuses) == ok
    print(f"stored == sent: {verdict}")
    return 0 if verdict else 1


if __name__ == "__main__":
    sys.exit(main())
