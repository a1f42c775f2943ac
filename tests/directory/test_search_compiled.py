"""The database engine compiles each query shape once (directory.search.database.numbered_sql):
what it runs must be exactly what the ORM compiles for the visitor's own values."""

import itertools

import pytest
from django.db import connection

from directory.search.database import DatabaseEngine, numbered_sql
from directory.search.query import Query

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="only PostgreSQL compiles shapes once"
    ),
]

TEXTS = ["", "kirjanpito", "Puutyö portaat", "a:* | b", "standintextforthesearch"]
SORTS = ["relevance", "name", "newest", "nonsense"]


@pytest.mark.parametrize(
    ("text", "municipality", "industry", "service", "sort"),
    list(itertools.product(TEXTS, ["", "Mikkeli"], ["", "M"], ["", "kirjanpito"], SORTS)),
)
def test_every_shape_runs_the_sql_the_orm_compiles_for_the_visitors_values(
    text, municipality, industry, service, sort
):
    query = Query(
        text=text, municipality=municipality, industry=industry, service=service, sort=sort
    )
    engine = DatabaseEngine()
    sql, params = numbered_sql(engine, query)
    expected_sql, expected_params = engine.numbered(query)
    assert sql == expected_sql
    assert list(params) == list(expected_params)


def test_a_visitors_value_that_looks_like_a_stand_in_is_kept_as_typed():
    engine = DatabaseEngine()
    query = Query(text="standinmunicipality", municipality="standintextforthesearch")
    assert numbered_sql(engine, query) == (
        engine.numbered(query)[0],
        list(engine.numbered(query)[1]),
    )


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
