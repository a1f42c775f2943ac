"""The database engine: PostgreSQL full-text search with trigram similarity, a name
search on SQLite. Always kept up to date, in the request."""

import functools
from collections import Counter

from django.contrib.postgres.lookups import TrigramWordSimilar
from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramWordSimilarity,
)
from django.db import connection, models
from django.db.models import Case, F, FloatField, Q, Value, When, Window
from django.db.models.functions import Lower, RowNumber

from registry.models import Organisation

from ..models import Listing, Service
from .query import SUGGESTION_LIMIT, Query, Results, facets, largest_first, words


def load_page(ids, service_names):
    """The listings of `ids`, in that order, with their organisations' public fields and
    their services' names (`service_names`, which `services.public_listing` reads): one
    plain query, where select_related and prefetch_related would take two and more
    Python time than the search itself."""
    if not ids:
        return []
    placeholders = ", ".join(["%s"] * len(ids))
    # Not what a result never shows: the search vector and the owner's pending changes
    # (large), and the timestamps (each one parsed).
    columns = ", ".join(
        f"l.{field.column}"
        for field in Listing._meta.concrete_fields
        if field.name not in ("search_vector", "pending_changes")
        and not isinstance(field, models.DateTimeField)
    )
    listings = Listing.objects.raw(
        f"""
        SELECT {columns}, o.business_id AS organisation_business_id,
            o.street_address AS organisation_street_address, o.postcode AS organisation_postcode
        FROM {Listing._meta.db_table} l
        JOIN {Organisation._meta.db_table} o ON o.id = l.organisation_id
        WHERE l.id IN ({placeholders})
        """,  # noqa: S608 (table names from the models; values are parameters)
        ids,
    )
    by_id = {}
    for listing in listings:
        # Only the public fields of the organisation; anything else would load on access.
        listing.organisation = Organisation.from_db(
            connection.alias,
            ["id", "business_id", "street_address", "postcode"],
            [
                listing.organisation_id,
                listing.organisation_business_id,
                listing.organisation_street_address,
                listing.organisation_postcode,
            ],
        )
        listing.service_names = service_names.get(listing.pk, [])
        by_id[listing.pk] = listing
    # One hidden since the search ran, a moment ago, drops out.
    return [by_id[pk] for pk in ids if pk in by_id and by_id[pk].is_public]


class DatabaseEngine:
    """PostgreSQL full-text search with trigram similarity; a name search on SQLite."""

    name = "database"

    @property
    def is_postgresql(self):
        return connection.vendor == "postgresql"

    # -- indexing -------------------------------------------------------------

    def vector(self):

        return (
            SearchVector("name", config="simple", weight="A")
            + SearchVector("name", config="finnish", weight="A")
            + SearchVector("services_text", config="simple", weight="B")
            + SearchVector("services_text", config="finnish", weight="B")
            + SearchVector("description", config="finnish", weight="C")
        )

    def index(self, listing):

        if not self.is_postgresql:
            return
        rows = Listing.objects.filter(pk=listing.pk)
        if listing.is_public:
            rows.update(search_vector=self.vector())
        else:
            rows.update(search_vector=None)

    def remove(self, listing_id):

        if self.is_postgresql:
            Listing.objects.filter(pk=listing_id).update(search_vector=None)

    def rebuild(self, stdout=None):

        if not self.is_postgresql:
            return 0
        Listing.objects.exclude(status=Listing.Status.PUBLIC).update(search_vector=None)
        return Listing.objects.public().update(search_vector=self.vector())

    # -- querying -------------------------------------------------------------

    @staticmethod
    def filtered(query):
        """Public listings that pass the query's filters (municipality, industry, service)."""
        listings = Listing.objects.public()
        if query.municipality:
            listings = listings.filter(municipality=query.municipality)
        if query.industry:
            listings = listings.filter(industry_section=query.industry)
        if query.service:
            listings = listings.filter(services__slug=query.service)
        return listings

    def matching(self, query):
        """Public listings that match the text and the filters, annotated with `rank`."""
        listings = self.filtered(query)
        terms = query.terms
        if not terms:
            return listings.annotate(rank=Value(0.0, output_field=FloatField()))
        if self.is_postgresql:
            return self._postgresql_match(listings, terms)
        return self._fallback_match(listings, terms)

    def _postgresql_match(self, listings, terms):

        text = " ".join(terms)
        # Each word as a prefix on the unstemmed lexemes, or the words stemmed in Finnish.
        prefix = SearchQuery(prefix_tsquery(terms), search_type="raw", config="simple")
        stemmed = SearchQuery(text, search_type="plain", config="finnish")
        tsquery = prefix | stemmed
        # Each condition through its own GIN index, joined by UNION: written as one OR,
        # the planner scans every public row and computes the similarity for each.
        by_text = Listing.objects.filter(search_vector=tsquery).values("pk").order_by()
        by_name = (
            Listing.objects.filter(TrigramWordSimilar(F("name"), Value(text)))
            .values("pk")
            .order_by()
        )
        return listings.filter(pk__in=by_text.union(by_name)).annotate(
            rank=SearchRank(F("search_vector"), tsquery) + TrigramWordSimilarity(text, "name")
        )

    def _fallback_match(self, listings, terms):
        for term in terms:
            listings = listings.filter(
                Q(name__icontains=term)
                | Q(services_text__icontains=term)
                | Q(description__icontains=term)
            )
        first = terms[0]
        return listings.annotate(
            rank=Case(
                When(name__istartswith=first, then=Value(2.0)),
                When(name__icontains=first, then=Value(1.0)),
                default=Value(0.0),
                output_field=FloatField(),
            )
        )

    @staticmethod
    def ordering(query):
        sort = query.effective_sort
        if sort == "relevance":
            return [F("rank").desc(), F("name").asc(), F("pk").asc()]
        if sort == "newest":
            return [F("published_at").desc(nulls_last=True), F("pk").asc()]
        return [Lower("name").asc(), F("pk").asc()]

    def ordered(self, listings, query):
        return listings.order_by(*self.ordering(query))

    def numbered(self, query):
        """(sql, params) of the matches, each numbered in the page's order (`position`)."""
        return (
            self.matching(query)
            .order_by()
            .values("pk", "municipality", "industry_section")
            .annotate(position=Window(RowNumber(), order_by=self.ordering(query)))
            .query.sql_with_params()
        )

    def search(self, query, offset=0, limit=20):
        """Every facet (with the services' names, and the total from the places'
        counts), the page's ids and their services' names come from one statement, so
        that the match runs once; then the page's listings with their organisations
        (see `load_page`)."""
        sql, params = numbered_sql(self, query)
        through = Listing.services.through._meta.db_table
        services = Service._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                f"""
                WITH m (id, municipality, industry_section, position) AS ({sql})
                SELECT 'place and industry', municipality, industry_section, COUNT(*), 0 FROM m
                    GROUP BY municipality, industry_section
                UNION ALL
                SELECT 'service', s.slug, s.name, COUNT(*), 0 FROM m
                    JOIN {through} ls ON ls.listing_id = m.id
                    JOIN {services} s ON s.id = ls.service_id
                    GROUP BY s.slug, s.name
                UNION ALL
                SELECT 'page', NULL, NULL, id, position FROM m
                    WHERE position > %s AND position <= %s
                UNION ALL
                SELECT 'page service', NULL, s.name, m.id, ROW_NUMBER() OVER (ORDER BY s.name)
                    FROM m
                    JOIN {through} ls ON ls.listing_id = m.id
                    JOIN {services} s ON s.id = ls.service_id
                    WHERE m.position > %s AND m.position <= %s
                """,  # noqa: S608 (table names from the models; values are parameters)
                [*params, offset, offset + limit, offset, offset + limit],
            )
            rows = cursor.fetchall()
        places, industries = Counter(), Counter()
        service_counts, service_labels = [], {}
        page, page_services = [], {}
        for kind, value, name, number, position in rows:
            if kind == "place and industry":
                places[value] += number
                industries[name] += number
            elif kind == "service":
                service_counts.append((value, number))
                service_labels[value] = name
            elif kind == "page":
                page.append((position, number))
            else:  # a service of a listing on the page, numbered in the database's name order
                page_services.setdefault(number, []).append((position, name))
        service_names = {
            listing_id: [name for _, name in sorted(names)]
            for listing_id, names in page_services.items()
        }
        return Results(
            listings=load_page([pk for _, pk in sorted(page)], service_names),
            total=sum(places.values()),  # every match is in one place ('' and NULL too)
            facets=facets(
                largest_first(places.items()),
                largest_first(industries.items()),
                largest_first(service_counts),
                service_labels,
            ),
        )

    def suggest(self, prefix, limit=SUGGESTION_LIMIT):

        terms = words(prefix)
        if not terms:
            return []
        listings = Listing.objects.public()
        if self.is_postgresql:
            listings = self._postgresql_match(listings, terms).order_by("-rank", "name")
        else:
            listings = listings.filter(name__icontains=" ".join(terms)).order_by(Lower("name"))
        return list(listings.values_list("name", flat=True)[:limit])


# -- The match, compiled once per shape --------------------------------------------

# Stand-ins for a visitor's values while a query's shape is compiled (see numbered_sql):
# lower-case letters only, so that `words()` keeps the text stand-in as one word.
_STAND_INS = {
    "text": "standintextforthesearch",
    "municipality": "standinmunicipality",
    "industry": "standinindustry",
    "service": "standinservice",
}


def prefix_tsquery(terms):
    """Each word as a prefix ("puu:*"); `terms` holds only word characters (see `words`),
    so the raw tsquery cannot carry operators from the visitor."""
    return " & ".join(f"{term}:*" for term in terms)


def numbered_sql(engine, query):
    """`engine.numbered(query)`, without building and compiling it with the ORM again.

    On PostgreSQL, building and compiling the match's queryset (the tsquery, the
    trigram UNION, the rank, the filters and the window) took longer than running
    it. A query's SQL depends only on its shape (which filters are set, whether
    there is text, the sort); the visitor's values are all parameters. So each
    shape is compiled once per process with stand-ins for the values, which are
    then swapped for the visitor's parameters. Tests check it against the ORM's
    own compilation for every shape.
    """
    if not engine.is_postgresql:
        return engine.numbered(query)  # the fallback's SQL has one condition per word
    shape = Query(
        text=_STAND_INS["text"] if query.terms else "",
        municipality=_STAND_INS["municipality"] if query.municipality else "",
        industry=_STAND_INS["industry"] if query.industry else "",
        service=_STAND_INS["service"] if query.service else "",
        sort=query.effective_sort,
    )
    sql, params = _compiled_shape(shape)
    values = {
        _STAND_INS["text"]: " ".join(query.terms),
        prefix_tsquery(shape.terms): prefix_tsquery(query.terms),
        _STAND_INS["municipality"]: query.municipality,
        _STAND_INS["industry"]: query.industry,
        _STAND_INS["service"]: query.service,
    }
    return sql, [values.get(p, p) if isinstance(p, str) else p for p in params]


@functools.lru_cache(maxsize=64)
def _compiled_shape(shape):
    return DatabaseEngine().numbered(shape)
