"""Elasticsearch configured but down (a closed port): the directory keeps working and
loses no index update.

Saves succeed and leave the backlog a row; visitors' searches are answered by the
database until the cluster is back *and* the backlog is replayed. The cluster's
coming back is played by `RecordingEngine`, which stands in for the Elasticsearch
engine and records what it is sent.
"""

import threading
from io import StringIO

import elastic_transport
import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django_tasks import default_task_backend

from directory.models import Listing
from directory.search import engines, sync
from directory.search.query import Results
from ops import search_backlog
from ops.models import PendingIndexUpdate
from ops.tasks import replay_search_index

from ..search_faults import down_url
from .factories import ListingFactory
from .owner_links import edit_url, form_data, open_link

pytestmark = pytest.mark.django_db

# A search page or a suggestion request, whichever engine answers (measured: 14-19).
MAX_QUERIES = 19
# The database's search page: the site's lookups, then one statement for the total, the
# facets and the page's ids, one for the page's listings, and one upsert that counts
# them as shown (directory.counts).
DATABASE_SEARCH_PAGE_QUERIES = 14


@pytest.fixture
def down(settings):
    settings.ELASTICSEARCH_URL = down_url()
    return settings.ELASTICSEARCH_URL


@pytest.fixture
def listings(directory_page):
    return {
        "shown": ListingFactory(organisation__name="Saimaan Veneveistämö Oy"),
        "hidden": ListingFactory(organisation__name="Juvan Veneveistämö Oy", phone="+358401112223"),
        "deleted": ListingFactory(organisation__name="Mikkelin Veneveistämö Oy"),
    }


class RecordingEngine:
    """Elasticsearch back up: answers pings and takes every update, recording it."""

    name = "elasticsearch"
    sent: list  # [("index", pk, name) | ("remove", pk)]
    searched: list
    pings: list

    def __init__(self, url=None):
        self.url = url

    def ping(self):
        self.pings.append(self.url)
        return True

    def index(self, listing):
        if not listing.is_public:
            return self.remove(listing.pk)
        self.sent.append(("index", listing.pk, listing.name))

    def remove(self, listing_id):
        self.sent.append(("remove", listing_id))

    def search(self, query, offset=0, limit=20):
        self.searched.append(query.text)
        return Results(listings=[], total=0, facets={})

    def suggest(self, prefix, limit=8):
        self.searched.append(prefix)
        return []


@pytest.fixture
def back_up(monkeypatch):
    """Returns a function that brings the cluster back (as RecordingEngine)."""

    def bring_back(recheck_at_once=True):
        engine = type("Engine", (RecordingEngine,), {"sent": [], "searched": [], "pings": []})
        # Wherever the engine is asked for: the choice and failover, and the index sync.
        monkeypatch.setattr(engines, "ElasticsearchEngine", engine)
        monkeypatch.setattr(sync, "ElasticsearchEngine", engine)
        if recheck_at_once:  # instead of waiting CHECK_SECONDS for the next ping
            monkeypatch.setattr(search_backlog, "CHECK_SECONDS", 0)
        return engine

    return bring_back


def results(client, page, text):
    response = client.get(page.url, {"q": text})
    assert response.status_code == 200
    return [listing.name for listing in response.context["results"].listings]


def suggestions(client, page, text):
    response = client.get(page.url + page.reverse_subpage("suggest"), {"q": text})
    assert response.status_code == 200
    return response.json()["suggestions"]


def backlog():
    return {
        (row.model, int(row.object_id)): row.action
        for row in PendingIndexUpdate.objects.filter(index="directory")
    }


def go_down(listings):
    hidden, deleted = listings["hidden"], listings["deleted"]
    hidden.status = Listing.Status.HIDDEN
    hidden.save()
    deleted_pk = deleted.pk
    deleted.delete()
    return hidden.pk, deleted_pk


# -- while Elasticsearch is down ---------------------------------------------------------


def test_hiding_and_deleting_listings_while_elasticsearch_is_down_succeed(
    client, directory_page, listings, down, caplog, django_assert_max_num_queries
):
    hidden_pk, deleted_pk = go_down(listings)

    assert backlog() == {
        ("directory.listing", hidden_pk): "remove",
        ("directory.listing", deleted_pk): "remove",
    }
    row = PendingIndexUpdate.objects.get(object_id=str(hidden_pk))
    assert row.last_error.startswith("elastic_transport.ConnectionError")
    # gone from directory search and suggestions at once, answered by the database
    with django_assert_max_num_queries(MAX_QUERIES):
        assert results(client, directory_page, "veneveistämö") == ["Saimaan Veneveistämö Oy"]
    with django_assert_max_num_queries(MAX_QUERIES):
        assert suggestions(client, directory_page, "veneveis") == ["Saimaan Veneveistämö Oy"]
    # the log names ids, never what the listing holds
    assert "Elasticsearch unreachable" in caplog.text
    assert f"directory.listing #{hidden_pk}" in caplog.text
    assert "Veneveistämö" not in caplog.text
    assert "+358401112223" not in caplog.text


def test_an_owner_hides_the_phone_and_the_listing_while_elasticsearch_is_down(
    client, directory_page, owned_listing, down
):
    open_link(client, directory_page, owned_listing)
    hide_phone = form_data(owned_listing, show_phone=None)
    assert client.post(edit_url(directory_page, owned_listing), hide_phone).status_code == 302
    hide_all = form_data(owned_listing, show_phone=None, listed=None)
    assert client.post(edit_url(directory_page, owned_listing), hide_all).status_code == 302

    assert Listing.objects.get(pk=owned_listing.pk).status != Listing.Status.PUBLIC
    assert backlog() == {("directory.listing", owned_listing.pk): "remove"}  # one row, the last
    assert results(client, directory_page, owned_listing.name) == []


def test_search_and_suggest_answer_from_the_database_while_elasticsearch_is_down(
    client, directory_page, listings, settings, django_assert_max_num_queries
):
    results(client, directory_page, "")  # the site's one-time lookups
    with django_assert_max_num_queries(DATABASE_SEARCH_PAGE_QUERIES) as without_elasticsearch:
        assert len(results(client, directory_page, "veneveistämö")) == 3
    settings.ELASTICSEARCH_URL = down_url()
    for _ in range(2):  # no more queries than without Elasticsearch
        with django_assert_max_num_queries(len(without_elasticsearch.captured_queries)):
            assert len(results(client, directory_page, "veneveistämö")) == 3
        with django_assert_max_num_queries(MAX_QUERIES):
            assert len(suggestions(client, directory_page, "veneveis")) == 3


# -- coming back ---------------------------------------------------------------------------


def test_the_database_answers_after_the_cluster_is_back_until_the_replay_ran(
    client, directory_page, listings, down, back_up, settings, caplog
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    hidden_pk, deleted_pk = go_down(listings)
    engine = back_up()

    assert results(client, directory_page, "veneveistämö") == ["Saimaan Veneveistämö Oy"]
    assert suggestions(client, directory_page, "veneveis") == ["Saimaan Veneveistämö Oy"]
    assert engine.pings and engine.searched == []  # reachable, but its index is stale
    assert "Elasticsearch is back" in caplog.text
    queued = [result.task for result in default_task_backend.results]
    assert replay_search_index in queued  # enqueued when the cluster was seen back

    search_backlog.replay()

    assert sorted(engine.sent) == [("remove", hidden_pk), ("remove", deleted_pk)]
    assert backlog() == {}
    results(client, directory_page, "veneveistämö")
    suggestions(client, directory_page, "veneveis")
    assert engine.searched == ["veneveistämö", "veneveis"]


def test_elasticsearch_answers_when_it_is_up_and_nothing_waits(
    client, directory_page, listings, settings, back_up, django_assert_max_num_queries
):
    settings.ELASTICSEARCH_URL = "http://search.internal:9200"
    engine = back_up(recheck_at_once=False)
    for _ in range(3):
        with django_assert_max_num_queries(MAX_QUERIES):
            results(client, directory_page, "veneveistämö")
    assert engine.searched == ["veneveistämö"] * 3
    assert len(engine.pings) == 1  # asked once per CHECK_SECONDS, not per request
    search_backlog.reset()
    results(client, directory_page, "veneveistämö")
    assert len(engine.pings) == 2


def test_replay_sends_the_latest_state_once_and_then_has_nothing_to_do(
    listings, down, back_up, caplog
):
    shown = listings["shown"]
    for name in ("Saimaan Veneveistämö ja Telakka Oy", "Saimaan Telakka Oy"):
        shown.organisation.name = name
        shown.organisation.save()  # the listing follows its organisation
    hidden_pk, deleted_pk = go_down(listings)
    assert backlog() == {
        ("directory.listing", shown.pk): "index",
        ("directory.listing", hidden_pk): "remove",
        ("directory.listing", deleted_pk): "remove",
    }
    engine = back_up()

    replay_search_index.enqueue()  # what the worker runs (the tests' tasks run at once)

    assert sorted(engine.sent, key=str) == sorted(
        [("index", shown.pk, "Saimaan Telakka Oy"), ("remove", hidden_pk), ("remove", deleted_pk)],
        key=str,
    )
    assert backlog() == {}
    engine.sent.clear()
    outcome = search_backlog.replay()
    assert (outcome.sent, outcome.failed, engine.sent) == (0, 0, [])
    assert "Saimaan" not in caplog.text


def test_an_update_made_after_the_cluster_is_back_waits_behind_the_earlier_one(
    listings, down, back_up
):
    shown = listings["shown"]
    shown.description = "Ensimmäinen versio."
    shown.save()
    engine = back_up()
    shown.organisation.name = "Saimaan Telakka Oy"
    shown.organisation.save()
    # not sent past the waiting row: the replay sends the latest state, and only once
    assert engine.sent == []
    assert backlog() == {("directory.listing", shown.pk): "index"}
    output = StringIO()
    call_command("replay_search_index", stdout=output)
    assert output.getvalue().strip() == "Sent 1, failed 0, waiting 0."
    assert engine.sent == [("index", shown.pk, "Saimaan Telakka Oy")]
    # with nothing waiting, an update goes straight to the cluster
    shown.save()
    assert engine.sent[-1] == ("index", shown.pk, "Saimaan Telakka Oy")
    assert backlog() == {}


def test_a_failed_replay_keeps_the_row_with_one_more_attempt(listings, down):
    hidden_pk, deleted_pk = go_down(listings)

    outcome = search_backlog.replay()

    assert outcome.stopped and outcome.sent == 0
    rows = {int(row.object_id): row for row in PendingIndexUpdate.objects.all()}
    first, second = sorted(rows)
    assert rows[first].attempts == 1  # tried, failed, kept
    assert rows[first].last_error.startswith("elastic_transport.ConnectionError")
    assert rows[second].attempts == 0  # not tried: the cluster was seen down
    assert set(rows) == {hidden_pk, deleted_pk}


def test_a_search_that_fails_in_elasticsearch_is_answered_by_the_database(
    client, directory_page, listings, settings, back_up, caplog
):
    settings.ELASTICSEARCH_URL = "http://search.internal:9200"
    engine = back_up(recheck_at_once=False)

    def gone(*args, **kwargs):
        raise elastic_transport.ConnectionError("connection refused")

    engine.search = engine.suggest = gone
    assert len(results(client, directory_page, "veneveistämö")) == 3
    assert len(suggestions(client, directory_page, "veneveis")) == 3
    assert len(engine.pings) == 1  # the failure counts as a check: no ping per request
    assert "Directory search failed in Elasticsearch (elastic_transport.ConnectionError)" in (
        caplog.text
    )


# serialized_rollback as for every transactional test here: its flush then leaves the
# migrations' rows to be restored, not recreated under new ids that the next
# transactional test's restore would collide with.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_row_another_replay_holds_is_skipped(directory_page, down, back_up):
    if connection.vendor != "postgresql":
        pytest.skip("row locks (select_for_update skip_locked) need PostgreSQL")
    listing = ListingFactory()
    listing.status = Listing.Status.HIDDEN
    listing.save()
    engine = back_up()
    held, release, done = threading.Event(), threading.Event(), threading.Event()

    def other_replay():
        try:
            with transaction.atomic():
                PendingIndexUpdate.objects.select_for_update().get(object_id=str(listing.pk))
                held.set()
                release.wait(10)
        finally:
            connection.close()
            done.set()

    worker = threading.Thread(target=other_replay)
    worker.start()
    assert held.wait(10)
    outcome = search_backlog.replay()
    release.set()
    worker.join(10)
    assert (outcome.sent, outcome.skipped, engine.sent) == (0, 1, [])
    assert backlog() == {("directory.listing", listing.pk): "remove"}
