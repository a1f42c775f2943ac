"""Elasticsearch configured but down (a closed port): page search uses the database."""

from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from ops.search_backend import Elasticsearch8WithFallback


def test_page_search_falls_back_to_the_database_while_elasticsearch_is_down(
    elasticsearch_down, caplog
):
    backend = get_search_backend()
    assert isinstance(backend, Elasticsearch8WithFallback)
    assert not backend.available()
    results = Page.objects.live().search("tietosuojaseloste")
    assert elasticsearch_down.pk in [page.pk for page in results]
    assert "Elasticsearch unreachable" in caplog.text


def test_autocomplete_falls_back_too(elasticsearch_down):
    results = list(Page.objects.live().autocomplete("tietosuoja"))
    assert elasticsearch_down.pk in [page.pk for page in results]


def test_saving_a_page_while_elasticsearch_is_down_still_succeeds(elasticsearch_down):
    elasticsearch_down.title = "Tietosuojaseloste 2026"
    revision = elasticsearch_down.save_revision()
    revision.publish()
    results = Page.objects.live().search("2026")
    assert elasticsearch_down.pk in [page.pk for page in results]
