"""Benchmark of the register on PostgreSQL: bulk load time and contact-list response time.

    .venv/bin/python bench/registry.py [--contacts 100000] [--organisations 10000]

Creates (and drops first) the database named by BENCH_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/miksei_registry_bench, migrates it, times
`manage.py load_benchmark_data`, then times admin requests made by a logged-in
superuser through Django's test client (no network, no static files).
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/miksei_registry_bench"


def recreate_database(url):
    import psycopg

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def manage(url, *args):
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    started = time.perf_counter()
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)
    return time.perf_counter() - started


def time_requests(client, url, repeats):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm caches (templates, content types)
    timings = []
    for _ in range(repeats):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            if response.streaming:
                b"".join(response.streaming_content)
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(timings), max(timings), len(queries)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organisations", type=int, default=10_000)
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=10)
    parser.add_argument(
        "--reuse", action="store_true", help="Time requests on the data of an earlier run."
    )
    options = parser.parse_args()

    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    load_seconds = None
    if not options.reuse:
        recreate_database(url)
        manage(url, "migrate", "--no-input", "-v", "0")
        load_seconds = manage(
            url,
            "load_benchmark_data",
            "--organisations",
            str(options.organisations),
            "--contacts",
            str(options.contacts),
            "--seed",
            "1",
        )
        import psycopg

        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute("ANALYZE")

    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    from registry.models import Contact, CustomerEvent, Organisation

    admin = get_user_model().objects.filter(username="bench").first()
    if admin is None:
        admin = get_user_model().objects.create_superuser(
            "bench", "bench@example.fi", "bench-password"
        )
    client = Client()
    client.force_login(admin)
    contacts = reverse("wagtailsnippets_registry_contact:list")
    busiest = Contact.objects.order_by("-last_customer_event_at").first()
    cases = [
        ("contact list, first page", contacts),
        ("contact list, page 1000", contacts + "?p=1000"),
        ("contact list, search 'aino malli'", contacts + "?q=aino+malli"),
        ("contact list, municipality filter", contacts + "?municipality=Juva"),
        ("contact list, sorted by last event", contacts + "?ordering=-last_customer_event_at"),
        (
            "contact page (inspect)",
            reverse("wagtailsnippets_registry_contact:inspect", args=[busiest.pk]),
        ),
        ("organisation list", reverse("wagtailsnippets_registry_organisation:list")),
    ]
    print(
        f"\nData: {Contact.objects.count()} contacts, "
        f"{CustomerEvent.objects.count()} customer events, "
        f"{Organisation.objects.count()} organisations (PostgreSQL)"
    )
    if load_seconds is not None:
        print(f"load_benchmark_data: {load_seconds:.1f} s (including Django start-up)")
    print()
    print(f"{'request':40} {'median ms':>10} {'max ms':>8} {'queries':>8}")
    for label, case_url in cases:
        median, worst, queries = time_requests(client, case_url, options.repeats)
        print(f"{label:40} {median:10.0f} {worst:8.0f} {queries:8d}")


if __name__ == "__main__":
    main()
