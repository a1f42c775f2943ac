"""Page search (Wagtail's elasticsearch8 backend, ops.search_backend) against a live node."""

import os
from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from ops.search_backend import Elasticsearch8WithFallback


@pytest.fixture
def pages(live_elasticsearch, settings, notice):
    """The demo site's pages indexed in the live cluster, page search through it."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "ops.search_backend",
            "URLS": [live_elasticsearch],
            "INDEX": f"test_{worker}_pages",
            "TIMEOUT": 5,
        },
        "database": {"BACKEND": "wagtail.search.backends.database"},
    }
    call_command("update_index", stdout=StringIO())
    backend = get_search_backend()
    assert isinstance(backend, Elasticsearch8WithFallback) and backend.answers_searches()
    return notice


def found(text):
    return [page.pk for page in Page.objects.live().search(text)]


def test_a_page_is_found_by_a_word_of_its_title(pages):
    assert pages.pk in found(pages.title.split()[0])


def test_autocomplete_finds_a_page_by_the_start_of_a_word(pages):
    prefix = pages.title.split()[0][:6]
    assert pages.pk in [page.pk for page in Page.objects.live().autocomplete(prefix)]


def test_an_unpublished_page_is_not_found_at_once(pages):
    word = pages.title.split()[0]
    pages.unpublish()
    assert pages.pk not in found(word)


def test_a_retitled_page_is_found_by_its_new_title_at_once(pages):
    pages.title = "Rekisteriseloste Kuukkeli"
    pages.save_revision().publish()
    assert pages.pk in found("kuukkeli")
