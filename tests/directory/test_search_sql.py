"""On PostgreSQL the database engine's match is written out as SQL
(`DatabaseEngine.matches`): for every shape of query it must find exactly the
public listings that the ORM's match (`DatabaseEngine.matching`, which the
suggestions use) finds, and page through them in the sort's order."""

import itertools

import pytest
from django.db import connection

from directory.models import Listing
from directory.search.database import DatabaseEngine
from directory.search.query import Query

from .factories import ListingFactory, OrganisationFactory, ServiceFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQL written for PostgreSQL"),
]

TEXTS = ["", "kirjanpito", "Puutyö portaat", "a:* | b", "tilitomisto", "puu"]
SORTS = ["relevance", "name", "newest", "nonsense"]


@pytest.fixture
def listings(db):
    accounting = ServiceFactory(name="Kirjanpito", slug="kirjanpito")
    carpentry = ServiceFactory(name="Puusepäntyöt")
    rows = [
        ("Mikkelin Puutyö Oy", "Mikkeli", "16230", [carpentry], "Portaat ja kalusteet."),
        ("Tilitoimisto Tase Oy", "Mikkeli", "69201", [accounting], "Kirjanpito ja palkat."),
        ("Juvan Tilipalvelu Oy", "Juva", "69201", [accounting], "Tilinpäätökset."),
        ("Puumalan Portaat Oy", "Puumala", "16230", [carpentry, accounting], "Puutyö."),
        ("Piilotettu Puutyö Oy", "Mikkeli", "16230", [carpentry], "Kirjanpito.", "hidden"),
    ]
    for name, municipality, code, services, description, *status in rows:
        ListingFactory(
            organisation=OrganisationFactory(
                name=name, municipality=municipality, city=municipality, industry_code=code
            ),
            status=status[0] if status else Listing.Status.PUBLIC,
            description=description,
            services=services,
        )
    DatabaseEngine().rebuild()


@pytest.mark.parametrize(
    ("text", "municipality", "industry", "service"),
    list(itertools.product(TEXTS, ["", "Mikkeli"], ["", "C"], ["", "kirjanpito"])),
)
def test_the_written_out_match_finds_what_the_orm_finds(
    listings, text, municipality, industry, service
):
    query = Query(text=text, municipality=municipality, industry=industry, service=service)
    engine = DatabaseEngine()
    sql, params = engine.matches(query, cap=1000)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = {row[0]: row[5] for row in cursor.fetchall()}
    expected = dict(engine.matching(query).values_list("pk", "rank"))
    assert set(found) == set(expected)
    assert all(Listing.objects.get(pk=pk).is_public for pk in found)


@pytest.mark.parametrize("sort", SORTS)
def test_pages_follow_the_sort_and_together_hold_every_match(listings, sort):
    engine = DatabaseEngine()
    query = Query(text="oy", sort=sort)
    whole = engine.search(query, limit=100)
    pages = [engine.search(query, offset=offset, limit=2) for offset in range(0, 6, 2)]
    paged = [listing.pk for page in pages for listing in page.listings]
    assert paged == [listing.pk for listing in whole.listings]
    assert len(paged) == whole.total == 4  # every public listing is an "Oy"
    if query.effective_sort == "name":
        names = [listing.name.lower() for listing in whole.listings]
        assert names == sorted(names)


def test_a_search_repeated_on_a_connection_is_prepared_on_the_server():
    engine = DatabaseEngine()
    for word in ["kirjanpito", "remontti", "mikkeli", "catering", "puusepantyot", "ohjelmisto"]:
        engine.search(Query(text=word))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s",
            ["%place and industry%"],
        )
        (prepared,) = cursor.fetchone()
    assert prepared == 1  # one shape, one statement, whatever the words


def test_a_search_broader_than_the_limit_says_so_and_reads_no_further(listings, settings):
    engine = DatabaseEngine()
    everything = engine.search(Query(text="oy", sort="name"))
    settings.DIRECTORY_SEARCH_MATCH_LIMIT = 2
    capped = engine.search(Query(text="oy", sort="name"))
    assert (everything.capped, capped.capped) == (False, True)
    assert capped.total == 2
    # Sorted by name, the first two are the first two of every match.
    assert [x.pk for x in capped.listings] == [x.pk for x in everything.listings[:2]]
    assert sum(f.count for f in capped.facets["municipality"]) <= 3
    narrow = engine.search(Query(text="tilitoimisto"))
    assert (narrow.capped, narrow.total) == (False, 1)


def test_the_page_of_a_capped_search_says_more_than_and_counts_no_facets(
    listings, settings, client, directory_page
):
    settings.DIRECTORY_SEARCH_MATCH_LIMIT = 2
    response = client.get(directory_page.url, {"q": "oy"})
    body = response.content.decode()
    assert "Yli 2 yritystä vastaa hakua" in body
    assert "(1)" not in body and "(2)" not in body
