"""Elasticsearch faults under a search load: a three-node cluster with one replica.

    .venv/bin/python bench/search_faults.py                  # 50,000 listings
    .venv/bin/python bench/search_faults.py --listings 5000

Everything runs on 127.0.0.1 and stops by itself. It uses the directory benchmark's
database (miksei_directory_bench, or BENCH_DATABASE_URL) and listings, loaded as
bench/directory.py loads them, and starts three nodes from search-node/ on free ports
with data in a temporary folder (the tests' launcher, tests/search_node.py).

1. A node lost: --clients threads search through the Elasticsearch engine for
   --seconds; halfway through, the node holding the primary shard is killed (SIGKILL).
   Counted: searches, failed searches, and short answers (a total other than the
   query's before the kill); the p95 before and after the kill, and the slowest search.
2. The cluster lost: the other nodes are killed. The clients search through the
   site's path (directory.search.engines: Elasticsearch while it may, else the
   database) while --saves listings are saved, the first of them hidden. Counted:
   failed searches, failed saves, the saves' p95, and the backlog's rows.
3. The cluster back: the nodes restart; the backlog is replayed. Reported: the time to
   green, the replay's time and counts, whether Elasticsearch answers the site again,
   whether the saves reached it, and whether the hidden listing is gone from it.

The clients search flat out on the cores the nodes and PostgreSQL share, so the
latencies are those of a saturated machine: compare them within a run. The saved
listings get their own words and status back at the end.
"""
# ruff: noqa: E402 (the project's modules are imported once Django is set up)

import argparse
import logging
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

import _django
from _directory_listings import QUERIES, load

BENCH_URL = "postgres://postgres@127.0.0.1:5432/miksei_directory_bench"
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", BENCH_URL)
_django.setup()

from django.db import connection
from django.test import override_settings

from directory.models import Listing
from directory.search import engines
from directory.search.elasticsearch import ElasticsearchEngine, index_alias
from directory.search.query import Query
from ops import search_backlog
from ops.models import PendingIndexUpdate
from tests.search_node import missing_tools, start_cluster

# A word no generated description holds: the saves' mark, found only once they are in.
MARK = "vesibussiristeilyt"
GREEN = "/_cluster/health?wait_for_nodes={}&wait_for_status=green&timeout=120s"


def p95(values):
    ordered = sorted(values)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)] if ordered else 0.0


class Load:
    """`clients` threads calling `search(query)` in turns over the fixed queries, flat
    out, until stopped; each kept as (started, ms, query, total or the exception)."""

    def __init__(self, search, clients, queries):
        self.search, self.queries = search, queries
        self.outcomes, self.stopping = [], threading.Event()
        self.threads = [threading.Thread(target=self.client, args=(i,)) for i in range(clients)]

    def client(self, offset):
        count = 0
        try:
            while not self.stopping.is_set():
                query = self.queries[(offset * 5 + count) % len(self.queries)]
                started = time.monotonic()
                try:
                    outcome = self.search(query).total
                except Exception as error:  # noqa: BLE001 (every failure is counted)
                    outcome = error
                ms = (time.monotonic() - started) * 1000
                self.outcomes.append((started, ms, query, outcome))
                count += 1
        finally:
            connection.close()

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        for thread in self.threads:
            thread.join()

    def failures(self):
        return [o for _, _, _, o in self.outcomes if isinstance(o, Exception)]


def node_lost(engine, nodes, clients, seconds, expected):
    with Load(engine.search, clients, list(expected)) as load:
        time.sleep(seconds / 2)
        shards = engine.client.cat.shards(index=index_alias(), format="json", h="node,prirep")
        primary = next(shard["node"] for shard in shards if shard["prirep"] == "p")
        victim = next(node for node in nodes if node.name == primary)
        killed_at = time.monotonic()
        victim.kill()
        time.sleep(seconds / 2)
    before = [ms for at, ms, _, _ in load.outcomes if at < killed_at]
    after = [ms for at, ms, _, _ in load.outcomes if at >= killed_at]
    totals = [(query, o) for _, _, query, o in load.outcomes if not isinstance(o, Exception)]
    short = [query for query, total in totals if total != expected[query]]
    print(f"1. node lost ({victim.name}, holding the primary, SIGKILLed after {seconds / 2:g} s)")
    print(f"   searches {len(load.outcomes)}, failed {len(load.failures())}, short {len(short)}")
    print(f"   p95 before the kill {p95(before):.1f} ms, after {p95(after):.1f} ms;", end=" ")
    print(f"slowest {max(before + after):.1f} ms")
    for error in load.failures()[:3]:
        print(f"   failure: {error!r}"[:200])


def cluster_lost(nodes, clients, seconds, queries, saved):
    for node in nodes:
        if node.process.poll() is None:
            node.kill()
    save_ms, save_failures = [], []
    with Load(engines.search, clients, queries) as load:
        time.sleep(1)
        for i, listing in enumerate(saved):
            if i == 0:
                listing.status = Listing.Status.HIDDEN
            else:
                listing.description = f"{listing.description} {MARK.capitalize()}."
            started = time.monotonic()
            try:
                listing.save()
            except Exception as error:  # noqa: BLE001 (every failure is counted)
                save_failures.append(error)
            save_ms.append((time.monotonic() - started) * 1000)
        time.sleep(max(0.0, seconds - 1 - sum(save_ms) / 1000))
    backlog = PendingIndexUpdate.objects.filter(index=engines.BACKLOG_INDEX).count()
    answered = [ms for _, ms, _, o in load.outcomes if not isinstance(o, Exception)]
    print("2. the whole cluster lost (every node SIGKILLed)")
    print(f"   searches {len(load.outcomes)}, failed {len(load.failures())};", end=" ")
    print(f"the database's p95 {p95(answered):.1f} ms")
    print(f"   saves {len(saved)} (one hides its listing), failed {len(save_failures)},", end=" ")
    print(f"p95 {p95(save_ms):.1f} ms; backlog rows {backlog}")


def cluster_back(nodes, saved):
    seeds = [f"127.0.0.1:{node.transport_port}" for node in nodes]
    started = time.monotonic()
    for node in nodes:
        node.start(seeds, [n.name for n in nodes])
    nodes[0].wait(GREEN.format(len(nodes)))
    green = time.monotonic() - started
    started = time.monotonic()
    outcome = search_backlog.replay()
    replayed = time.monotonic() - started
    time.sleep(search_backlog.CHECK_SECONDS + 0.1)  # the site's next look at the cluster
    answering = engines.get_engine().name
    engine = ElasticsearchEngine()
    hidden = saved[0]
    found = engine.search(Query(text=MARK), limit=len(saved)).listings
    by_name = engine.search(Query(text=hidden.name), limit=100).listings
    gone = not engine.client.exists(index=index_alias(), id=hidden.pk)
    print("3. the cluster back")
    print(f"   green after {green:.1f} s; replay {replayed * 1000:.0f} ms:", end=" ")
    print(f"sent {outcome.sent}, failed {outcome.failed}; answering the site: {answering}")
    print(f"   saves found by their new word: {len(found)} of {len(saved) - 1};", end=" ")
    print(f"hidden listing in the index: {not gone}, in a search of its name:", end=" ")
    print(hidden.pk in {listing.pk for listing in by_name})


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listings", type=int, default=50_000)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=20, help="per phase under load")
    parser.add_argument("--saves", type=int, default=20)
    args = parser.parse_args()
    if reason := missing_tools():
        sys.exit(reason)
    # The client's retries of a dead node are expected here: each would print a traceback.
    logging.getLogger("elastic_transport").setLevel(logging.ERROR)
    load(args.listings, sys.stdout)
    print(f"{os.cpu_count()} CPUs; {args.clients} clients, {args.seconds:g} s a phase")

    with tempfile.TemporaryDirectory(prefix="miksei-search-faults-") as data:
        print("starting three nodes ...", flush=True)
        nodes = start_cluster(Path(data), 3)
        try:
            with override_settings(
                ELASTICSEARCH_URL=",".join(node.url for node in nodes),
                ELASTICSEARCH_INDEX_PREFIX="faultbench",
                # The replay runs when phase 3 says, not inside a visitor's search.
                TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}},
            ):
                run(args, nodes)
        finally:
            for node in nodes:
                node.stop()


def run(args, nodes):
    search_backlog.CHECK_SECONDS = 1  # the site trusts a ping 30 s; the bench 1 s
    engine = ElasticsearchEngine()
    started = time.monotonic()
    count = engine.rebuild()
    health = engine.client.cluster.health(index=index_alias(), wait_for_status="green")
    print(
        f"{count} public listings indexed in {time.monotonic() - started:.1f} s;"
        f" {health['active_shards']} shard copies on {health['number_of_nodes']} nodes\n"
    )
    queries = [Query(**q) for q in QUERIES]
    expected = {query: engine.search(query).total for query in queries}
    saved = list(Listing.objects.public().prefetch_related("services").order_by("pk")[: args.saves])
    originals = [(listing.pk, listing.status, listing.description) for listing in saved]
    try:
        node_lost(engine, nodes, args.clients, args.seconds, expected)
        cluster_lost(nodes, args.clients, args.seconds, queries, saved)
        cluster_back(nodes, saved)
    finally:
        with override_settings(ELASTICSEARCH_URL=""):  # the database's index only
            for pk, status, description in originals:
                listing = Listing.objects.get(pk=pk)
                listing.status, listing.description = status, description
                listing.save()
        PendingIndexUpdate.objects.filter(index=engines.BACKLOG_INDEX).delete()


if __name__ == "__main__":
    main()
