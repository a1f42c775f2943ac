"""A three-node cluster with one replica (tests/search_node.py), faults made for real.

One node is killed (SIGKILL) during a search load: no search fails and none comes back
short. Then the whole cluster goes down: visitors' searches answer from the database,
saves succeed and wait in the backlog, and when the nodes are back the backlog replays
and a listing hidden during the outage is never returned by Elasticsearch.
"""

import os
import threading
import time

import pytest

from directory.models import Listing
from directory.search import engines
from directory.search.elasticsearch import ElasticsearchEngine, index_alias
from directory.search.query import Query
from ops import search_backlog
from ops.models import PendingIndexUpdate

from ..search_node import answers, missing_tools, start_cluster
from .factories import ListingFactory

pytestmark = pytest.mark.django_db

LISTINGS = 60
CLIENTS = 4


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    if reason := missing_tools():
        if os.environ.get("SEARCH_NODE_REQUIRED"):
            pytest.fail(reason)
        pytest.skip(reason)
    nodes = start_cluster(tmp_path_factory.mktemp("cluster"), 3)
    yield nodes
    for node in nodes:
        node.stop()


@pytest.fixture
def indexed(cluster, directory_page, settings, monkeypatch):
    settings.ELASTICSEARCH_URL = ",".join(node.url for node in cluster)
    settings.ELASTICSEARCH_INDEX_PREFIX = "test_cluster"
    monkeypatch.setattr(search_backlog, "CHECK_SECONDS", 0)
    listings = [
        ListingFactory(organisation__name=f"Saimaan Veneveistämö {i} Oy") for i in range(LISTINGS)
    ]
    engine = ElasticsearchEngine()
    engine.rebuild()
    health = engine.client.cluster.health(index=index_alias(), wait_for_status="green")
    assert health["active_shards"] == 2  # the primary and its replica, on two nodes
    return listings


def es_hits(engine, text):
    response = engine.build_search(Query(text=text), limit=LISTINGS).using(engine.client).execute()
    assert response._shards.failed == 0
    return response.hits.total.value


def test_a_node_killed_during_a_search_load_fails_no_search(cluster, indexed):
    engine = ElasticsearchEngine()
    done, failures, stop = [], [], threading.Event()

    def client():
        while not stop.is_set():
            try:
                total = es_hits(engine, "veneveistämö")
            except Exception as error:  # noqa: BLE001 (every failure is counted)
                failures.append(repr(error))
            else:
                done.append(total)

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    time.sleep(3)
    shards = engine.client.cat.shards(index=index_alias(), format="json", h="node,prirep")
    primary = next(shard["node"] for shard in shards if shard["prirep"] == "p")
    victim = next(node for node in cluster if node.name == primary)
    victim.kill()  # the node holding the primary
    time.sleep(8)
    stop.set()
    for thread in threads:
        thread.join()

    assert failures == []
    assert len(done) > 20 and set(done) == {LISTINGS}
    victim.start([f"127.0.0.1:{n.transport_port}" for n in cluster], [n.name for n in cluster])
    victim.wait("/_cluster/health?wait_for_nodes=3&wait_for_status=green&timeout=60s")


def test_the_whole_cluster_down_then_back_loses_nothing(cluster, indexed, settings):
    # The replay the first process to see the cluster back enqueues runs when we say.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    hidden, shown = indexed[0], indexed[1]
    for node in cluster:
        node.kill()

    hidden.status = Listing.Status.HIDDEN
    hidden.save()
    shown.description = "Puuveneet ja korjaukset."
    shown.save()
    assert PendingIndexUpdate.objects.filter(index="directory").count() == 2
    found = engines.search(Query(text="veneveistämö"), limit=LISTINGS).listings
    assert len(found) == LISTINGS - 1 and hidden.pk not in {x.pk for x in found}

    seeds = [f"127.0.0.1:{n.transport_port}" for n in cluster]
    for node in cluster:
        node.start(seeds, [n.name for n in cluster])
    cluster[0].wait("/_cluster/health?wait_for_nodes=3&wait_for_status=green&timeout=120s")
    assert engines.get_engine().name == "database"  # back, but the backlog waits

    outcome = search_backlog.replay()

    assert (outcome.sent, outcome.failed) == (2, 0)
    engine = ElasticsearchEngine()
    assert engines.get_engine().name == "elasticsearch"
    assert es_hits(engine, "veneveistämö") == LISTINGS - 1
    assert es_hits(engine, "korjaukset") == 1
    assert not engine.client.exists(index=index_alias(), id=hidden.pk)
    assert all(answers(node.url) for node in cluster)
