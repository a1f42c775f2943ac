"""Page search loses no index update while Elasticsearch is down (a closed port).

Updates Elasticsearch does not take are kept in the backlog and replayed, each
object as the database holds it then. The cluster's coming back is played by
`RecordingClient`, which stands in for the Elasticsearch client and records what
it is sent.
"""

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django_tasks import default_task_backend
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from home.models import StandardPage
from ops import search_backlog
from ops.models import PendingIndexUpdate
from ops.personal_data import INVENTORY
from ops.search_backend import Elasticsearch8WithFallback
from ops.tasks import replay_search_index
from privacy.inventory import model_fields, parse


class RecordingClient:
    """Elasticsearch back up: answers pings, takes documents and deletions, finds nothing."""

    sent: list  # [("index", id, document) | ("remove", id)]
    searched: list

    def __init__(self, hosts=None, **options):
        pass

    def ping(self):
        return True

    def index(self, index, document, id):
        self.sent.append(("index", id, document))

    def delete(self, index, id):
        self.sent.append(("remove", id))

    def search(self, **body):
        self.searched.append(body)
        return {"hits": {"hits": [], "total": {"value": 0}}}

    @property
    def indices(self):
        return self

    def refresh(self, index):
        pass  # what was sent is searchable at once


@pytest.fixture
def down(elasticsearch_down):
    return elasticsearch_down


@pytest.fixture
def back_up(monkeypatch):
    """Returns a function that brings the cluster back (as RecordingClient)."""

    def bring_back():
        client = type("Client", (RecordingClient,), {"sent": [], "searched": []})
        monkeypatch.setattr(Elasticsearch8WithFallback, "client_class", client)
        monkeypatch.setattr(search_backlog, "CHECK_SECONDS", 0)  # ping again at once
        return client

    return bring_back


def backlog():
    return {
        (row.model, int(row.object_id)): row.action
        for row in PendingIndexUpdate.objects.filter(index="wagtail")
    }


def found(text):
    return [page.pk for page in Page.objects.live().search(text)]


def edit_while_down(notice):
    """Retitle the notice twice and delete a new page, all while the cluster is down."""
    for title in ("Tietosuojaseloste 2025", "Tietosuojaseloste 2026"):
        notice.title = title
        notice.save_revision().publish()
    temporary = notice.get_parent().add_child(
        instance=StandardPage(title="Väliaikainen sivu", slug="valiaikainen")
    )
    temporary_pk = temporary.pk
    temporary.delete()
    return temporary_pk


def test_page_updates_while_elasticsearch_is_down_are_kept_not_lost(down, caplog):
    deleted_pk = edit_while_down(down)

    assert backlog() == {
        ("wagtailcore.page", down.pk): "index",  # one row for all its saves
        ("wagtailcore.page", deleted_pk): "remove",
    }
    assert down.pk in found("2026")  # the database answers meanwhile
    assert found("väliaikainen") == []
    assert "Exception raised while" not in caplog.text  # kept, not merely logged
    assert "Tietosuojaseloste" not in caplog.text and "Väliaikainen" not in caplog.text


def test_a_bulk_update_while_elasticsearch_is_down_is_kept_per_page(down):
    pages = list(Page.objects.live().specific().filter(depth__gt=1)[:3])
    get_search_backend().add_bulk(StandardPage, pages)
    assert backlog() == {("wagtailcore.page", page.pk): "index" for page in pages}


def test_page_search_waits_for_the_replay_then_elasticsearch_answers(
    down, back_up, settings, caplog
):
    deleted_pk = edit_while_down(down)
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    client = back_up()

    assert down.pk in found("2026")  # the database, though the cluster answers pings
    assert client.searched == []
    assert "Elasticsearch is back (wagtail index)" in caplog.text
    assert replay_search_index in [result.task for result in default_task_backend.results]

    output = StringIO()
    call_command("replay_search_index", stdout=output)

    assert output.getvalue().strip() == "Sent 2, failed 0, waiting 0."
    assert sorted(kind for kind, *_ in client.sent) == ["index", "remove"]
    sent = {kind: rest for kind, *rest in client.sent}
    assert sent["index"][0] == str(down.pk)
    assert "Tietosuojaseloste 2026" in str(sent["index"][1])  # the latest title, once
    assert sent["remove"] == [str(deleted_pk)]
    assert backlog() == {}
    client.sent.clear()
    assert search_backlog.replay().sent == 0 and client.sent == []  # nothing left to do

    found("2026")
    assert len(client.searched) == 1  # Elasticsearch answers again


def test_a_page_saved_while_the_cluster_is_up_goes_straight_to_it(down, back_up):
    client = back_up()
    down.title = "Tietosuojaseloste 2027"
    down.save_revision().publish()
    assert backlog() == {}
    assert {id for kind, id, *_ in client.sent} == {str(down.pk)}


def test_a_failed_page_replay_keeps_the_row_with_one_more_attempt(down):
    deleted_pk = edit_while_down(down)
    outcome = search_backlog.replay("wagtail")
    assert outcome.stopped and outcome.sent == 0
    attempts = dict(PendingIndexUpdate.objects.values_list("object_id", "attempts"))
    assert attempts == {str(down.pk): 1, str(deleted_pk): 0}


def test_every_field_of_the_ops_models_is_in_the_personal_data_inventory():
    # privacy's system check covers the project apps; ops keeps its inventory the same way
    for model in apps.get_app_config("ops").get_models():
        classified = INVENTORY[model._meta.label]
        assert {field.name for field in model_fields(model)} == set(classified)
        for value in classified.values():
            parse(value)
