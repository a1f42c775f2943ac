"""Any page number a visitor types answers a page, never a server error, with either engine."""

import pytest

from directory.search.elasticsearch import MAX_RESULT_WINDOW, ElasticsearchEngine
from directory.search.query import Query

from .factories import ListingFactory

pytestmark = pytest.mark.django_db

HUGE = ["4611686018427387904", "9223372036854775808", str(10**30)]


@pytest.fixture
def listings(directory_page):
    return [ListingFactory() for _ in range(25)]


@pytest.mark.parametrize("number", HUGE)
def test_a_page_past_any_integer_shows_the_last_page(client, directory_page, listings, number):
    response = client.get(directory_page.url, {"page": number, "sort": "name"})
    assert response.status_code == 200
    assert response.context["pagination"].number == 2
    assert len(response.context["hits"]) == 5


@pytest.mark.parametrize("number", ["0", "-3", "kaksi", "1e9", ""])
def test_a_page_number_that_is_no_page_shows_a_page(client, directory_page, listings, number):
    response = client.get(directory_page.url, {"page": number})
    assert response.status_code == 200
    assert response.context["pagination"].number == 1


def test_elasticsearch_pages_to_the_last_and_past_it(directory_page, listings, live_elasticsearch):
    engine = ElasticsearchEngine()
    engine.rebuild()
    last = engine.search(Query(sort="name"), offset=20, limit=20)
    assert (last.total, len(last.listings)) == (25, 5)
    beyond = engine.search(Query(sort="name"), offset=MAX_RESULT_WINDOW, limit=20)
    assert (beyond.total, beyond.listings) == (25, [])
