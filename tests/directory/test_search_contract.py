"""One contract for both search engines: same fixtures, same expected hits.

The database engine runs everywhere; its typo tolerance needs PostgreSQL's
pg_trgm, so on SQLite those cases are skipped (CI runs the suite on PostgreSQL).
The Elasticsearch engine runs against a live node (tests/search_node.py: the
cluster at ELASTICSEARCH_URL, or one the session starts); it is skipped, with the
reason, only where java or mvn is missing.
"""

import pytest
from django.db import connection

from directory.models import Listing
from directory.search.database import DatabaseEngine
from directory.search.elasticsearch import ElasticsearchEngine
from directory.search.query import Query

from .factories import ListingFactory, OrganisationFactory, ServiceFactory

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.fixture(params=["database", "elasticsearch"])
def engine(request):
    if request.param == "database":
        return DatabaseEngine()
    engine = ElasticsearchEngine(request.getfixturevalue("live_elasticsearch"))
    assert engine.ping()
    return engine


@pytest.fixture
def catalogue(db, engine):
    """Six listings, one hidden; every engine indexes them the same way."""
    accounting = ServiceFactory(name="Kirjanpito")
    carpentry = ServiceFactory(name="Puusepäntyöt")
    software = ServiceFactory(name="Ohjelmistokehitys")

    def make(name, municipality, code, services, description, status=Listing.Status.PUBLIC):
        organisation = OrganisationFactory(
            name=name, municipality=municipality, city=municipality, industry_code=code
        )
        return ListingFactory(
            organisation=organisation, status=status, description=description, services=services
        )

    listings = {
        "puutyo": make(
            "Saimaan Puutyö Oy", "Mikkeli", "16230", [carpentry], "Mittatilauskalusteet ja portaat."
        ),
        "tase": make(
            "Tilitoimisto Tase Oy", "Mikkeli", "69201", [accounting], "Palkanlaskenta ja verot."
        ),
        "koodi": make(
            "Koodiverstas Kallio Oy", "Juva", "62010", [software], "Verkkopalvelut ja sovellukset."
        ),
        "juvan_tili": make(
            "Juvan Tilipalvelu Oy", "Juva", "69201", [accounting], "Tilinpäätökset yrityksille."
        ),
        "hirsi": make(
            "Hirvensalmen Hirsitalot Oy", "Hirvensalmi", "16230", [carpentry], "Hirsisaunat."
        ),
        "hidden": make(
            "Piilotettu Puutyö Oy",
            "Mikkeli",
            "16230",
            [carpentry],
            "Ei näy.",
            status=Listing.Status.HIDDEN,
        ),
    }
    if isinstance(engine, ElasticsearchEngine):
        engine.rebuild()
    return listings


def names(engine, **query):
    return {listing.name for listing in engine.search(Query(**query)).listings}


def needs_typo_support(engine, reason="typo tolerance needs PostgreSQL's pg_trgm"):
    if isinstance(engine, DatabaseEngine) and connection.vendor != "postgresql":
        pytest.skip(f"{reason}; SQLite finds the words as typed")


def test_exact_name(engine, catalogue):
    assert names(engine, text="Koodiverstas Kallio Oy") == {"Koodiverstas Kallio Oy"}


def test_a_single_word_of_the_name(engine, catalogue):
    assert names(engine, text="Koodiverstas") == {"Koodiverstas Kallio Oy"}


def test_a_prefix_of_a_word(engine, catalogue):
    assert names(engine, text="koodiv") == {"Koodiverstas Kallio Oy"}
    assert names(engine, text="hirvens") == {"Hirvensalmen Hirsitalot Oy"}


def test_words_of_the_description(engine, catalogue):
    assert names(engine, text="palkanlaskenta verot") == {"Tilitoimisto Tase Oy"}


def test_a_word_of_the_description_in_another_inflection(engine, catalogue):
    needs_typo_support(engine, "Finnish stemming needs PostgreSQL's text search")
    assert names(engine, text="portaita") == {"Saimaan Puutyö Oy"}  # "portaat"


def test_a_service_finds_every_public_provider(engine, catalogue):
    assert names(engine, text="kirjanpito") == {"Tilitoimisto Tase Oy", "Juvan Tilipalvelu Oy"}


def test_a_typo_in_the_name(engine, catalogue):
    needs_typo_support(engine)
    assert "Koodiverstas Kallio Oy" in names(engine, text="koodiverstsa")
    assert "Hirvensalmen Hirsitalot Oy" in names(engine, text="hirvensalmne")


def test_filtered_by_municipality_industry_and_service(engine, catalogue):
    assert names(engine, text="kirjanpito", municipality="Juva") == {"Juvan Tilipalvelu Oy"}
    assert names(engine, industry="C") == {"Saimaan Puutyö Oy", "Hirvensalmen Hirsitalot Oy"}
    assert names(engine, service="puusepantyot", municipality="Mikkeli") == {"Saimaan Puutyö Oy"}


def test_hidden_listings_are_never_found(engine, catalogue):
    assert names(engine, text="piilotettu") == set()
    assert "Piilotettu Puutyö Oy" not in names(engine, text="puutyö")
    assert "Piilotettu Puutyö Oy" not in engine.suggest("piilo")


def test_facet_counts_cover_public_listings_only(engine, catalogue):
    facets = engine.search(Query()).facets
    assert {f.value: f.count for f in facets["municipality"]} == {
        "Mikkeli": 2,
        "Juva": 2,
        "Hirvensalmi": 1,
    }
    # TOL 2008 codes mapped to TOL 2025 sections: 69201 -> N, 62010 -> K.
    assert {f.value: f.count for f in facets["industry"]} == {"C": 2, "N": 2, "K": 1}
    assert {f.value: f.count for f in facets["service"]} == {
        "kirjanpito": 2,
        "puusepantyot": 2,
        "ohjelmistokehitys": 1,
    }
    assert facets["industry"][0].label.startswith("C Teollisuus") or facets["industry"][
        0
    ].label.startswith("M Ammatillinen")


def test_total_and_pages(engine, catalogue):
    first = engine.search(Query(sort="name"), offset=0, limit=2)
    second = engine.search(Query(sort="name"), offset=2, limit=2)
    assert first.total == second.total == 5
    assert [listing.name for listing in first.listings + second.listings] == [
        "Hirvensalmen Hirsitalot Oy",
        "Juvan Tilipalvelu Oy",
        "Koodiverstas Kallio Oy",
        "Saimaan Puutyö Oy",
    ]


def test_the_best_match_comes_first(engine, catalogue):
    listings = engine.search(Query(text="tilitoimisto tase")).listings
    assert listings[0].name == "Tilitoimisto Tase Oy"


def test_suggestions_complete_a_name(engine, catalogue):
    assert engine.suggest("koodi") == ["Koodiverstas Kallio Oy"]
    assert engine.suggest("") == []


def test_hiding_a_listing_takes_it_out_at_once(engine, catalogue):
    listing = catalogue["koodi"]
    listing.status = Listing.Status.HIDDEN
    listing.save()
    assert names(engine, text="koodiverstas") == set()
    assert engine.suggest("koodi") == []
