"""The Elasticsearch engine's index definition and requests, checked without a cluster."""

import pytest

from directory.models import Listing
from directory.search.elasticsearch import ElasticsearchEngine
from directory.search.engines import engines, get_engine
from directory.search.query import Query

from ..search_faults import down_url
from .factories import ListingFactory, ServiceFactory


@pytest.fixture
def engine():
    return ElasticsearchEngine("http://127.0.0.1:9")


def test_the_engines_are_chosen_by_elasticsearch_url_and_reachability(settings):
    settings.ELASTICSEARCH_URL = ""
    assert get_engine().name == "database"
    assert [engine.name for engine in engines()] == ["database"]
    settings.ELASTICSEARCH_URL = down_url()
    assert [engine.name for engine in engines()] == ["database", "elasticsearch"]
    # configured but down: the database answers (test_search_outage.py: when it is up)
    assert get_engine().name == "database"


def test_the_mapping_analyses_finnish_with_edge_ngrams_keywords_and_completion(engine):
    body = engine.mapping()
    analysis = body["settings"]["analysis"]
    finnish = analysis["analyzer"]["finnish_text"]
    assert finnish["filter"] == ["lowercase", "finnish_stop", "finnish_stemmer"]
    assert analysis["filter"]["finnish_stemmer"] == {"type": "stemmer", "language": "finnish"}
    assert analysis["filter"]["finnish_stop"] == {"type": "stop", "stopwords": "_finnish_"}
    assert analysis["filter"]["edge_2_20"] == {"type": "edge_ngram", "min_gram": 2, "max_gram": 20}

    properties = body["mappings"]["properties"]
    assert properties["name"]["analyzer"] == "finnish_text"
    assert properties["name"]["fields"]["prefix"] == {
        "type": "text",
        "analyzer": "edge_prefix",
        "search_analyzer": "edge_prefix_search",
    }
    for facet in ("municipality", "industry_section", "service_slugs"):
        assert properties[facet] == {"type": "keyword"}
    assert properties["suggest"]["type"] == "completion"
    # hidden-able fields are never part of the document
    for private in ("phone", "email", "website", "social_profiles", "street_address"):
        assert private not in properties


def test_the_query_matches_fuzzily_and_by_prefix_with_keyword_filters_and_facets(engine):
    body = engine.build_search(
        Query(text="Koodiverstas Mikkeli!", municipality="Juva", industry="J", service="verkko"),
        offset=20,
        limit=10,
    ).to_dict()
    query = body["query"]["bool"]
    assert query["minimum_should_match"] == 1
    should = query["should"]
    assert should[0]["multi_match"]["query"] == "koodiverstas mikkeli"
    assert should[0]["multi_match"]["fuzziness"] == "AUTO:4,64"  # one typo a word
    assert should[0]["multi_match"]["fields"] == ["name^3", "services^2"]  # not the description
    assert should[1] == {
        "match": {"description": {"query": "koodiverstas mikkeli", "operator": "and"}}
    }
    assert should[2]["multi_match"]["fields"] == ["name.prefix^2", "services.prefix"]
    filters = query["filter"][0]["bool"]["filter"]
    assert {"term": {"municipality": "Juva"}} in filters
    assert {"term": {"industry_section": "J"}} in filters
    assert {"term": {"service_slugs": "verkko"}} in filters
    assert set(body["aggs"]) == {"municipality", "industry", "service"}
    assert body["aggs"]["municipality"] == {"terms": {"field": "municipality", "size": 50}}
    assert body["from"] == 20
    assert body["size"] == 10
    assert body["sort"] == ["_score", "name.raw"]


def test_without_text_the_query_lists_everything_by_name(engine):
    body = engine.build_search(Query()).to_dict()
    assert "query" not in body
    assert body["sort"] == ["name.raw"]


def test_the_suggester_completes_on_the_completion_field(engine):
    body = engine.build_suggest("Koodi").to_dict()
    assert body["suggest"]["names"] == {
        "prefix": "koodi",
        "completion": {"field": "suggest", "size": 8, "skip_duplicates": True},
    }


@pytest.mark.django_db
def test_only_public_listings_become_documents_and_only_public_fields(engine, directory_page):
    listing = ListingFactory(
        organisation__name="Koodiverstas Oy",
        phone="+358401234567",
        services=[ServiceFactory(name="Verkkosivut")],
    )
    document = engine.to_document(listing)
    assert document["name"] == "Koodiverstas Oy"
    assert document["service_slugs"] == ["verkkosivut"]
    assert "+358401234567" not in str(document)
    assert listing.email not in str(document)
    listing.status = Listing.Status.HIDDEN
    assert engine.to_document(listing) is None
