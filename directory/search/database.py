"""The database engine: PostgreSQL full-text search with trigram similarity, a name
search on SQLite. Always kept up to date, in the request."""

from collections import Counter

from django.conf import settings
from django.contrib.postgres.lookups import TrigramWordSimilar
from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramWordSimilarity,
)
from django.db import connection, models
from django.db.models import Case, F, FloatField, Q, Value, When
from django.db.models.functions import Lower

from registry.models import Organisation

from ..models import Listing, Service
from .query import SUGGESTION_LIMIT, Results, facets, largest_first, words


def load_page(ids, service_names):
    """The listings of `ids`, in that order, with their organisations' public fields and
    their services' names (`service_names`, which `public.public_listing` reads): one
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

    def matches(self, query, cap):
        """(sql, params) of a SELECT of the public listings that match: id, municipality,
        industry_section, name, published_at and rank; on PostgreSQL at most `cap` + 1
        of them from each way of matching.

        Written out for PostgreSQL, where building and compiling the queryset took longer
        than running it; the ORM's on SQLite (no cap: the embedded default's small data).
        """
        if not self.is_postgresql:
            return (
                self.matching(query)
                .order_by()
                .values("pk", "municipality", "industry_section", "name", "published_at", "rank")
                .query.sql_with_params()
            )
        table = Listing._meta.db_table
        filters, filter_params = postgresql_filters(query)
        columns = "l.id, l.municipality, l.industry_section, l.name, l.published_at"
        # Sorted by name or date, the cap keeps the first in that order, so every page
        # within it is exact; by relevance, those found first, ranked.
        sort = query.effective_sort
        order = "" if sort == "relevance" else f"ORDER BY {ORDER_BY[sort]}"
        if not query.terms:
            return (
                f"SELECT {columns}, 0.0 FROM {table} l"
                f" WHERE l.status = %s{filters} {order} LIMIT %s",
                [Listing.Status.PUBLIC, *filter_params, cap + 1],
            )
        text = " ".join(query.terms)
        # Each word as a prefix on the unstemmed lexemes, or the words stemmed in Finnish.
        tsquery = "(to_tsquery('simple', %s) || plainto_tsquery('finnish', %s))"
        tsquery_params = [prefix_tsquery(query.terms), text]
        # Each condition through its own GIN index, joined by UNION ALL: written as one OR,
        # the planner scans every public row. A listing found both ways adds both scores;
        # the name's similarity is computed only where the trigram index found it.
        sql = f"""
            SELECT id, municipality, industry_section, name, published_at, SUM(score)
            FROM (
                (SELECT {columns}, ts_rank(l.search_vector, {tsquery}) AS score
                FROM {table} l
                WHERE l.status = %s AND l.search_vector @@ {tsquery}{filters} {order} LIMIT %s)
                UNION ALL
                (SELECT {columns}, word_similarity(%s, l.name)
                FROM {table} l
                WHERE l.status = %s AND l.name %%> %s{filters} {order} LIMIT %s)
            ) found
            GROUP BY id, municipality, industry_section, name, published_at
        """  # noqa: S608 (table names from the models; values are parameters)
        params = [
            *tsquery_params,
            Listing.Status.PUBLIC,
            *tsquery_params,
            *filter_params,
            cap + 1,
            text,
            Listing.Status.PUBLIC,
            text,
            *filter_params,
            cap + 1,
        ]
        return sql, params

    def search(self, query, offset=0, limit=20):
        """Every facet (with the services' names, and the total from the places'
        counts), the page's ids and their services' names come from one statement, so
        that the match runs once; then the page's listings with their organisations
        (see `load_page`). Only the page is sorted (a top-N sort), not every match."""
        cap = settings.DIRECTORY_SEARCH_MATCH_LIMIT if self.is_postgresql else None
        matches, params = self.matches(query, cap)
        if cap is not None:  # the page stays within the matches a capped search counts
            limit = max(0, min(limit, cap - offset))
        order = ORDER_BY[query.effective_sort]
        through = Listing.services.through._meta.db_table
        services = Service._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                f"""
                WITH m (id, municipality, industry_section, name, published_at, rank) AS (
                    {matches}
                ),
                p AS (SELECT * FROM m ORDER BY {order} LIMIT %s OFFSET %s)
                SELECT 'place and industry', municipality, industry_section, COUNT(*), 0 FROM m
                    GROUP BY municipality, industry_section
                UNION ALL
                SELECT 'service', s.slug, s.name, COUNT(*), 0 FROM m
                    JOIN {through} ls ON ls.listing_id = m.id
                    JOIN {services} s ON s.id = ls.service_id
                    GROUP BY s.slug, s.name
                UNION ALL
                SELECT 'page', NULL, NULL, id, ROW_NUMBER() OVER (ORDER BY {order}) FROM p
                UNION ALL
                SELECT 'page service', NULL, s.name, p.id, ROW_NUMBER() OVER (ORDER BY s.name)
                    FROM p
                    JOIN {through} ls ON ls.listing_id = p.id
                    JOIN {services} s ON s.id = ls.service_id
                """,  # noqa: S608 (table names from the models; values are parameters)
                [*params, limit, offset],
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
        total = sum(places.values())  # every match is in one place ('' and NULL too)
        cap = cap or total
        return Results(
            listings=load_page([pk for _, pk in sorted(page)], service_names),
            total=min(total, cap),
            capped=total > cap,
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


# The page's order, for each sort (`Query.effective_sort`), over the columns of `matches`.
ORDER_BY = {
    "relevance": "rank DESC, name, id",
    "name": "LOWER(name), id",
    "newest": "published_at DESC NULLS LAST, id",
}


def prefix_tsquery(terms):
    """Each word as a prefix ("puu:*"); `terms` holds only word characters (see `words`),
    so the raw tsquery cannot carry operators from the visitor."""
    return " & ".join(f"{term}:*" for term in terms)


def postgresql_filters(query):
    """The query's filters (municipality, industry, service) as SQL on listings `l`."""
    sql, params = "", []
    if query.municipality:
        sql += " AND l.municipality = %s"
        params.append(query.municipality)
    if query.industry:
        sql += " AND l.industry_section = %s"
        params.append(query.industry)
    if query.service:
        through = Listing.services.through._meta.db_table
        sql += (
            f" AND l.id IN (SELECT ls.listing_id FROM {through} ls"  # noqa: S608 (model tables)
            f" JOIN {Service._meta.db_table} s ON s.id = ls.service_id WHERE s.slug = %s)"
        )
        params.append(query.service)
    return sql, params
