"""Directory search latency: both engines side by side with a naive icontains query.

    .venv/bin/python bench/directory.py                          # 50,000 listings
    .venv/bin/python bench/directory.py --listings 500000
    .venv/bin/python bench/directory.py --elasticsearch http://127.0.0.1:9200

Uses its own database (miksei_directory_bench on 127.0.0.1:5432 unless
BENCH_DATABASE_URL says otherwise): creates it, migrates it, loads the listings
once (a later run with the same size reuses them). With --elasticsearch (a running
`make elasticsearch`) it also times a full rebuild of that index (new index, bulk,
alias swap) and how long a saved listing takes to become searchable. Then it runs a
fixed query set and reports, per approach, the median, p95 and p99 of one client and
the searches per second of --clients concurrent clients:

- database engine: DatabaseEngine.search(): full-text + trigram match, the total, a
  ranked page of 20 and the three facets (what the index page runs);
- elasticsearch engine: ElasticsearchEngine.search(), the same, page loaded from the
  database as the site does;
- baseline: a naive `icontains` over name, services and description: count and a page
  of 20 ordered by name (no ranking, no typo tolerance, no facets).
"""

import argparse
import os
import statistics
import sys
import threading
import time
from pathlib import Path

from _directory_listings import QUERIES, load

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/miksei_directory_bench"
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")


def ensure_database(url):
    import psycopg

    name = url.rsplit("/", 1)[1]
    if not name.startswith("miksei_directory"):
        sys.exit(f"refusing to use database {name!r}: the bench only uses miksei_directory*")
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def naive(query, limit=20):
    from django.db.models import Q

    from directory.search.database import DatabaseEngine

    listings = DatabaseEngine.filtered(query)  # the same filters; only the text match differs
    for term in query.terms:
        listings = listings.filter(
            Q(name__icontains=term)
            | Q(services_text__icontains=term)
            | Q(description__icontains=term)
        )
    total = listings.count()
    return total, list(listings.order_by("name", "pk")[:limit])


def measure(function, queries, repeat):
    """One client: each query `repeat` times, after a warm-up round (plans and caches)."""
    for query in queries:
        function(query)
    timings = []
    for _ in range(repeat):
        for query in queries:
            started = time.perf_counter()
            function(query)
            timings.append((time.perf_counter() - started) * 1000)
    return timings


def throughput(function, queries, clients, seconds):
    """Searches per second with `clients` threads, each with its own connection."""
    from django.db import connection

    done, stop = [], time.monotonic() + seconds

    def client(offset):
        count = 0
        try:
            while time.monotonic() < stop:
                function(queries[(offset + count) % len(queries)])
                count += 1
        finally:
            connection.close()
        done.append(count)

    threads = [threading.Thread(target=client, args=(i * 5,)) for i in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(done) / (time.monotonic() - started)


def percentile(values, fraction):
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(fraction * len(ordered)) - 1))
    return ordered[index]


def time_elasticsearch(url, stdout):
    """A full rebuild of the index, then a saved listing until the cluster finds it."""
    from directory.models import Listing
    from directory.search.elasticsearch import ElasticsearchEngine
    from directory.search.query import Query

    engine = ElasticsearchEngine(url)
    started = time.perf_counter()
    count = engine.rebuild()
    rebuild = time.perf_counter() - started
    stdout.write(f"elasticsearch: full rebuild of {count} listings in {rebuild:.1f} s\n")
    listing = Listing.objects.public().order_by("pk").first()
    listing.description = "Saunalauttaristeilyt ja kelluvat saunat."
    started = time.perf_counter()
    listing.save()  # sync_listing: the database and Elasticsearch, in the request
    saved = time.perf_counter() - started
    waited = 0.0
    while listing.pk not in {
        x.pk for x in engine.search(Query(text="saunalauttaristeilyt")).listings
    }:
        time.sleep(0.01)
        waited = time.perf_counter() - started
        if waited > 30:
            break
    searchable = time.perf_counter() - started
    stdout.write(
        f"elasticsearch: a saved listing searchable after {searchable * 1000:.0f} ms"
        f" (the save itself: {saved * 1000:.0f} ms)\n"
    )
    return rebuild, searchable


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listings", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=15, help="per throughput run")
    parser.add_argument("--elasticsearch", default=os.environ.get("ELASTICSEARCH_URL", ""))
    args = parser.parse_args()

    ensure_database(os.environ["DATABASE_URL"])
    if args.elasticsearch:
        os.environ["ELASTICSEARCH_URL"] = args.elasticsearch
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from directory.models import Listing
    from directory.search.database import DatabaseEngine
    from directory.search.elasticsearch import ElasticsearchEngine
    from directory.search.query import Query

    if connection.vendor != "postgresql":
        sys.exit("the benchmark needs PostgreSQL")
    settings.ELASTICSEARCH_URL = args.elasticsearch
    settings.ELASTICSEARCH_INDEX_PREFIX = "bench"
    call_command("migrate", verbosity=0, interactive=False)
    load(args.listings, sys.stdout)

    queries = [Query(**q) for q in QUERIES]
    database = DatabaseEngine()
    approaches = {"database engine": lambda q: database.search(q, limit=20).total}
    if args.elasticsearch:
        time_elasticsearch(args.elasticsearch, sys.stdout)
        elasticsearch = ElasticsearchEngine(args.elasticsearch)
        approaches["elasticsearch engine"] = lambda q: elasticsearch.search(q, limit=20).total
    approaches["baseline icontains"] = lambda q: naive(q)[0]

    public = Listing.objects.public().count()
    print(f"\n{args.listings} listings ({public} public), {len(queries)} queries x {args.repeat}")
    print(f"{os.cpu_count()} CPUs; {args.clients} concurrent clients for {args.seconds:.0f} s each")
    rows = {}
    for label, function in approaches.items():
        timings = measure(function, queries, args.repeat)
        rate = throughput(function, queries, args.clients, args.seconds)
        rows[label] = (timings, rate)
    base = percentile(rows["baseline icontains"][0], 0.95)
    print(f"{'approach':22} {'median ms':>10} {'p95 ms':>8} {'p99 ms':>8} {'searches/s':>11}")
    for label, (timings, rate) in rows.items():
        p95 = percentile(timings, 0.95)
        print(
            f"{label:22} {statistics.median(timings):10.1f} {p95:8.1f} "
            f"{percentile(timings, 0.99):8.1f} {rate:11.1f}   (p95: x{base / p95:.1f} faster)"
        )
    print("\nhits per query (" + " / ".join(approaches) + "):")
    for query in queries:
        counts = " / ".join(f"{function(query):6}" for function in approaches.values())
        print(f"  {query.text or str(query)!r:40} {counts}")


if __name__ == "__main__":
    main()
