"""The directory through an Elasticsearch outage, against a live node (tests/search_node.py).

The cluster is up, then unreachable (ELASTICSEARCH_URL at a closed port) while
listings are hidden and deleted, then back: searches answer from the database
meanwhile, saves succeed, the backlog replays, and Elasticsearch never returns a
listing hidden or deleted during the outage.
"""

import pytest

from directory.models import Listing
from directory.search import engines
from directory.search.elasticsearch import ElasticsearchEngine, index_alias
from directory.search.query import Query
from ops import search_backlog
from ops.models import PendingIndexUpdate

from ..search_faults import down_url
from .factories import ListingFactory

pytestmark = pytest.mark.django_db


def visible(text):
    """What a visitor's search finds, whichever engine answers."""
    return {listing.name for listing in engines.search(Query(text=text)).listings}


def in_elasticsearch(url, text):
    """What the cluster itself returns, before the database has its say."""
    engine = ElasticsearchEngine(url)
    response = engine.build_search(Query(text=text)).using(engine.client).execute()
    return {int(hit.meta.id) for hit in response}


def test_a_whole_cluster_outage_loses_nothing_and_shows_nothing_hidden(
    directory_page, live_elasticsearch, settings, monkeypatch
):
    shown = ListingFactory(organisation__name="Saimaan Veneveistämö Oy")
    hidden = ListingFactory(organisation__name="Juvan Veneveistämö Oy")
    deleted = ListingFactory(organisation__name="Mikkelin Veneveistämö Oy")
    ElasticsearchEngine().rebuild()
    assert engines.get_engine().name == "elasticsearch"
    assert len(in_elasticsearch(live_elasticsearch, "veneveistämö")) == 3

    settings.ELASTICSEARCH_URL = down_url()  # the whole cluster is gone
    hidden.status = Listing.Status.HIDDEN
    hidden.save()
    deleted_pk = deleted.pk
    deleted.delete()
    shown.description = "Puuveneet ja korjaukset."
    shown.save()
    assert PendingIndexUpdate.objects.filter(index="directory").count() == 3
    assert engines.get_engine().name == "database"
    assert visible("veneveistämö") == {"Saimaan Veneveistämö Oy"}

    settings.ELASTICSEARCH_URL = live_elasticsearch  # back
    monkeypatch.setattr(search_backlog, "CHECK_SECONDS", 0)
    # The stale index still holds both; the database answers until the replay ran.
    assert len(in_elasticsearch(live_elasticsearch, "veneveistämö")) == 3
    assert visible("veneveistämö") == {"Saimaan Veneveistämö Oy"}

    outcome = search_backlog.replay()

    assert (outcome.sent, outcome.failed) == (3, 0)
    assert engines.get_engine().name == "elasticsearch"
    assert in_elasticsearch(live_elasticsearch, "veneveistämö") == {shown.pk}
    assert in_elasticsearch(live_elasticsearch, "korjaukset") == {shown.pk}
    assert visible("veneveistämö") == {"Saimaan Veneveistämö Oy"}
    client = ElasticsearchEngine(live_elasticsearch).client
    index = index_alias()
    assert not client.exists(index=index, id=hidden.pk)
    assert not client.exists(index=index, id=deleted_pk)
