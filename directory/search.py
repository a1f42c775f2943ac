"""Directory search: one interface, two engines.

Both engines answer `search()`, `suggest()`, `index()`, `remove()` and
`rebuild()` the same way; the shared contract tests in
tests/directory/test_search_contract.py hold them to it.

Only public listings are ever indexed, and only their always-public fields
(name, city, industry, services, description). A listing that stops being
public is removed from the index in the same request (see `sync_listing`).

The database engine is always kept up to date, in the request. With
`settings.ELASTICSEARCH_URL` set, Elasticsearch is updated too; an update it
does not take (the cluster is down) goes to the search-index backlog
(`ops.search_backlog`) and is replayed when it is back. Visitors' searches
(`search()`, `suggest()` below) go to Elasticsearch only while it answers and
the directory has nothing in the backlog; otherwise the database answers.
"""

import contextlib
import functools
import logging
import re
import time
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection, models
from django.db.models import Case, F, FloatField, Q, Value, When, Window
from django.db.models.functions import Lower, RowNumber
from django.utils.functional import cached_property

from .industries import section_name

logger = logging.getLogger(__name__)

WORD = re.compile(r"\w+", re.UNICODE)
SORTS = ("relevance", "name", "newest")
SUGGESTION_LIMIT = 8


def words(text):
    """The query's words, lower-cased; anything else (operators, quotes) is dropped."""
    return [word.lower() for word in WORD.findall(text or "")][:10]


@dataclass(frozen=True)
class Query:
    text: str = ""
    municipality: str = ""
    industry: str = ""  # TOL 2008 section letter
    service: str = ""  # service slug
    sort: str = "relevance"

    @property
    def terms(self):
        return words(self.text)

    @property
    def effective_sort(self):
        if self.sort not in SORTS or (self.sort == "relevance" and not self.terms):
            return "name"
        return self.sort


@dataclass
class Facet:
    value: str
    label: str
    count: int


@dataclass
class Results:
    listings: list
    total: int
    facets: dict = field(default_factory=dict)


def _load_in_order(ids):
    """Public listings by id, in the engine's order; whatever is no longer public drops out."""
    from .models import Listing

    listings = (
        Listing.objects.public()
        .filter(pk__in=ids)
        .select_related("organisation")
        .prefetch_related("services")
    )
    by_id = {listing.pk: listing for listing in listings}
    return [by_id[pk] for pk in ids if pk in by_id]


def _page(ids, service_names):
    """The listings of `ids`, in that order, with their organisations' public fields and
    their services' names (`service_names`, which `services.public_listing` reads): one
    plain query, where select_related and prefetch_related would take two and more
    Python time than the search itself."""
    from registry.models import Organisation

    from .models import Listing

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


def _service_labels(slugs):
    from .models import Service

    return dict(Service.objects.filter(slug__in=slugs).values_list("slug", "name"))


def _largest_first(pairs):
    return sorted(pairs, key=lambda pair: (-pair[1], pair[0] or ""))


def _facets(municipalities, sections, services, service_names):
    """Facet lists from (value, count) pairs, largest first; `service_names` by slug."""
    return {
        "municipality": [Facet(v, v, n) for v, n in municipalities if v],
        "industry": [Facet(v, f"{v} {section_name(v)}", n) for v, n in sections if v],
        "service": [Facet(v, service_names.get(v, v), n) for v, n in services if v],
    }


class DatabaseEngine:
    """PostgreSQL full-text search with trigram similarity; a name search on SQLite."""

    name = "database"

    @property
    def is_postgresql(self):
        return connection.vendor == "postgresql"

    # -- indexing -------------------------------------------------------------

    def vector(self):
        from django.contrib.postgres.search import SearchVector

        return (
            SearchVector("name", config="simple", weight="A")
            + SearchVector("name", config="finnish", weight="A")
            + SearchVector("services_text", config="simple", weight="B")
            + SearchVector("services_text", config="finnish", weight="B")
            + SearchVector("description", config="finnish", weight="C")
        )

    def index(self, listing):
        from .models import Listing

        if not self.is_postgresql:
            return
        rows = Listing.objects.filter(pk=listing.pk)
        if listing.is_public:
            rows.update(search_vector=self.vector())
        else:
            rows.update(search_vector=None)

    def remove(self, listing_id):
        from .models import Listing

        if self.is_postgresql:
            Listing.objects.filter(pk=listing_id).update(search_vector=None)

    def rebuild(self, stdout=None):
        from .models import Listing

        if not self.is_postgresql:
            return 0
        Listing.objects.exclude(status=Listing.Status.PUBLIC).update(search_vector=None)
        return Listing.objects.public().update(search_vector=self.vector())

    # -- querying -------------------------------------------------------------

    @staticmethod
    def filtered(query):
        """Public listings that pass the query's filters (municipality, industry, service)."""
        from .models import Listing

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
        from django.contrib.postgres.lookups import TrigramWordSimilar
        from django.contrib.postgres.search import (
            SearchQuery,
            SearchRank,
            TrigramWordSimilarity,
        )

        from .models import Listing

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
        (see `_page`)."""
        from .models import Listing, Service

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
            listings=_page([pk for _, pk in sorted(page)], service_names),
            total=sum(places.values()),  # every match is in one place ('' and NULL too)
            facets=_facets(
                _largest_first(places.items()),
                _largest_first(industries.items()),
                _largest_first(service_counts),
                service_labels,
            ),
        )

    def suggest(self, prefix, limit=SUGGESTION_LIMIT):
        from .models import Listing

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


# -- Elasticsearch ----------------------------------------------------------------

INDEX_ALIAS = "directory"
CONNECTION_ALIAS = "directory"


def index_alias():
    prefix = getattr(settings, "ELASTICSEARCH_INDEX_PREFIX", "") or "miksei"
    return f"{prefix}_{INDEX_ALIAS}"


def _document_class():
    """The Elasticsearch document, built on first use so that importing needs no cluster."""
    from elasticsearch_dsl import (
        Completion,
        Date,
        Document,
        Keyword,
        Text,
        analyzer,
        token_filter,
    )

    finnish = analyzer(
        "finnish_text",
        tokenizer="standard",
        filter=[
            "lowercase",
            token_filter("finnish_stop", type="stop", stopwords="_finnish_"),
            token_filter("finnish_stemmer", type="stemmer", language="finnish"),
        ],
    )
    # Search-as-you-type: every word indexed by its first 2-20 letters, with and
    # without Finnish letters folded (ä -> a), so "puuty" finds "Puutyö".
    edge = analyzer(
        "edge_prefix",
        tokenizer="standard",
        filter=[
            "lowercase",
            token_filter("fold", type="asciifolding", preserve_original=True),
            token_filter("edge_2_20", type="edge_ngram", min_gram=2, max_gram=20),
        ],
    )
    edge_search = analyzer(
        "edge_prefix_search",
        tokenizer="standard",
        filter=["lowercase", token_filter("fold_search", type="asciifolding")],
    )

    class ListingDocument(Document):
        name = Text(
            analyzer=finnish,
            fields={
                "raw": Keyword(normalizer="lowercase"),
                "prefix": Text(analyzer=edge, search_analyzer=edge_search),
            },
        )
        services = Text(
            analyzer=finnish,
            fields={"prefix": Text(analyzer=edge, search_analyzer=edge_search)},
        )
        service_slugs = Keyword(multi=True)
        description = Text(analyzer=finnish)
        city = Keyword()
        municipality = Keyword()
        industry_section = Keyword()
        published_at = Date()
        suggest = Completion(analyzer="simple")

        class Index:
            name = index_alias()
            settings = {"number_of_shards": 1, "number_of_replicas": 0}

    return ListingDocument


class ElasticsearchEngine:
    """elasticsearch-dsl 8: Finnish analysis, edge n-grams, keyword facets, completion."""

    name = "elasticsearch"

    def __init__(self, url=None):
        self.url = url or settings.ELASTICSEARCH_URL

    @cached_property
    def document(self):
        return _document_class()

    @cached_property
    def client(self):
        from elasticsearch_dsl import connections

        return connections.create_connection(
            alias=CONNECTION_ALIAS, hosts=[self.url], request_timeout=5
        )

    def ping(self):
        try:
            return bool(self.client.ping())
        except Exception:  # noqa: BLE001 (any transport failure means "not reachable")
            return False

    # -- indexing -------------------------------------------------------------

    def mapping(self):
        """The index body (settings, analysers and mappings) as a dict."""
        return self.document._index.to_dict()

    def to_document(self, listing):
        """Only the always-public fields of a public listing; None for any other."""
        if not listing.is_public:
            return None
        slugs = [service.slug for service in listing.services.all()]
        names = [service.name for service in listing.services.all()]
        return self.document(
            meta={"id": listing.pk},
            name=listing.name,
            services=names,
            service_slugs=slugs,
            description=listing.description,
            city=listing.city,
            municipality=listing.municipality,
            industry_section=listing.industry_section,
            published_at=listing.published_at,
            suggest={"input": [listing.name, *listing.name.split()], "weight": 1},
        )

    def ensure_index(self):
        """Build the aliased index on first use, so no document lands in a guessed mapping."""
        if not self.client.indices.exists(index=index_alias()):
            self.rebuild()

    def index(self, listing):
        document = self.to_document(listing)
        if document is None:
            self.remove(listing.pk)
            return
        self.ensure_index()
        document.save(using=self.client, index=index_alias(), refresh=True)

    def remove(self, listing_id):
        from elasticsearch import NotFoundError

        with contextlib.suppress(NotFoundError):
            self.client.delete(index=index_alias(), id=listing_id, refresh=True)

    def rebuild(self, stdout=None):
        """Build a new index beside the live one, then swap the alias in one step."""
        from elasticsearch.helpers import bulk

        from .models import Listing

        alias = index_alias()
        new_index = f"{alias}-{time.strftime('%Y%m%d%H%M%S')}-{time.monotonic_ns() % 10000}"
        body = self.mapping()
        self.client.indices.create(
            index=new_index, settings=body.get("settings", {}), mappings=body.get("mappings", {})
        )
        listings = Listing.objects.public().prefetch_related("services").order_by("pk")
        actions = (
            {"_index": new_index, "_id": listing.pk, "_source": self.to_document(listing).to_dict()}
            for listing in listings.iterator(chunk_size=1000)
        )
        count, _errors = bulk(self.client, actions, chunk_size=1000)
        self.client.indices.refresh(index=new_index)
        old = []
        if self.client.indices.exists_alias(name=alias):
            old = list(self.client.indices.get_alias(name=alias).keys())
        elif self.client.indices.exists(index=alias):
            # A plain index in the alias's place (the document saved before any rebuild).
            self.client.indices.delete(index=alias)
        actions = [{"remove": {"index": name, "alias": alias}} for name in old]
        actions.append({"add": {"index": new_index, "alias": alias}})
        self.client.indices.update_aliases(actions=actions)
        for name in old:
            self.client.indices.delete(index=name)
        return count

    # -- querying -------------------------------------------------------------

    def build_search(self, query, offset=0, limit=20):
        """The elasticsearch-dsl Search for a query (its to_dict() is the request body)."""
        from elasticsearch_dsl import A, Search
        from elasticsearch_dsl import Q as EQ

        search = Search(index=index_alias())
        terms = query.terms
        if terms:
            text = " ".join(terms)
            search = search.query(
                EQ(
                    "bool",
                    should=[
                        EQ(
                            "multi_match",
                            query=text,
                            fields=["name^3", "services^2", "description"],
                            fuzziness="AUTO",
                            prefix_length=1,
                            # Every word, as the database engine asks ("oy" alone
                            # would find every company).
                            operator="and",
                        ),
                        EQ(
                            "multi_match",
                            query=text,
                            fields=["name.prefix^2", "services.prefix"],
                            operator="and",
                        ),
                    ],
                    minimum_should_match=1,
                )
            )
        filters = []
        if query.municipality:
            filters.append(EQ("term", municipality=query.municipality))
        if query.industry:
            filters.append(EQ("term", industry_section=query.industry))
        if query.service:
            filters.append(EQ("term", service_slugs=query.service))
        if filters:
            search = search.filter("bool", filter=filters)
        sort = query.effective_sort
        if sort == "relevance":
            search = search.sort("_score", "name.raw")
        elif sort == "newest":
            search = search.sort({"published_at": {"order": "desc", "missing": "_last"}})
        else:
            search = search.sort("name.raw")
        search.aggs.bucket("municipality", A("terms", field="municipality", size=50))
        search.aggs.bucket("industry", A("terms", field="industry_section", size=25))
        search.aggs.bucket("service", A("terms", field="service_slugs", size=50))
        return search.extra(track_total_hits=True, _source=False)[offset : offset + limit]

    def build_suggest(self, prefix, limit=SUGGESTION_LIMIT):
        from elasticsearch_dsl import Search

        return Search(index=index_alias()).suggest(
            "names",
            " ".join(words(prefix)),
            completion={"field": "suggest", "size": limit, "skip_duplicates": True},
        )

    def search(self, query, offset=0, limit=20):
        response = self.build_search(query, offset, limit).using(self.client).execute()
        ids = [int(hit.meta.id) for hit in response]
        aggs = response.aggregations

        def buckets(name):
            return [(b.key, b.doc_count) for b in getattr(aggs, name).buckets]

        return Results(
            listings=_load_in_order(ids),
            total=response.hits.total.value,
            facets=_facets(
                buckets("municipality"),
                buckets("industry"),
                buckets("service"),
                _service_labels([slug for slug, _ in buckets("service")]),
            ),
        )

    def suggest(self, prefix, limit=SUGGESTION_LIMIT):
        from .models import Listing

        if not words(prefix):
            return []
        response = self.build_suggest(prefix, limit).using(self.client).execute()
        ids = [int(option._id) for option in response.suggest.names[0].options]
        # The database has the last word: only listings that are public now.
        names = dict(Listing.objects.public().filter(pk__in=ids).values_list("pk", "name"))
        return [names[pk] for pk in ids if pk in names]


BACKLOG_INDEX = "directory"  # ops.PendingIndexUpdate.Index.DIRECTORY
LISTING_MODEL = "directory.listing"


def _availability_key():
    return f"directory:{settings.ELASTICSEARCH_URL}"


def elasticsearch_configured():
    return bool(getattr(settings, "ELASTICSEARCH_URL", ""))


def elasticsearch_answers():
    """Elasticsearch may answer visitors: it is configured, answered its last ping (asked
    at most every CHECK_SECONDS per process) and no directory update awaits replay."""
    from ops import search_backlog

    if not elasticsearch_configured():
        return False
    url = settings.ELASTICSEARCH_URL
    return search_backlog.answers_searches(
        _availability_key(), lambda: ElasticsearchEngine(url).ping(), BACKLOG_INDEX
    )


def get_engine():
    """The engine that answers visitors now: Elasticsearch when it may, else the database."""
    if elasticsearch_answers():
        return ElasticsearchEngine()
    return DatabaseEngine()


def engines():
    """Every engine that keeps an index: the database always, Elasticsearch when configured."""
    found = [DatabaseEngine()]
    if elasticsearch_configured():
        found.append(ElasticsearchEngine())
    return found


def _answer(method, *args, **kwargs):
    """Ask the engine that may answer; if Elasticsearch fails mid-way, the database."""
    from ops import search_backlog

    engine = get_engine()
    if isinstance(engine, DatabaseEngine):
        return getattr(engine, method)(*args, **kwargs)
    try:
        return getattr(engine, method)(*args, **kwargs)
    except Exception as error:  # noqa: BLE001 (visitors get the database's answer)
        search_backlog.mark_down(_availability_key(), BACKLOG_INDEX)
        logger.warning(
            "Directory %s failed in Elasticsearch (%s): the database answers",
            method,
            search_backlog.describe(error),
        )
        return getattr(DatabaseEngine(), method)(*args, **kwargs)


def search(query, offset=0, limit=20):
    """A visitor's directory search (see `get_engine`)."""
    return _answer("search", query, offset=offset, limit=limit)


def suggest(prefix, limit=SUGGESTION_LIMIT):
    """A visitor's search-as-you-type suggestions (see `get_engine`)."""
    return _answer("suggest", prefix, limit=limit)


def _update_elasticsearch(listing_id, listing=None):
    """Send the listing (None: removed) to Elasticsearch, or keep it for replay."""
    from ops import search_backlog

    public = listing is not None and listing.is_public
    action = search_backlog.Action.INDEX if public else search_backlog.Action.REMOVE

    def send():
        engine = ElasticsearchEngine()
        if listing is None:
            engine.remove(listing_id)
        else:
            engine.index(listing)

    search_backlog.send_or_keep(
        BACKLOG_INDEX, _availability_key(), LISTING_MODEL, [listing_id], action, send
    )


def sync_listing(listing):
    """Bring every index in line with the listing now, before the request answers.

    The database index always; Elasticsearch when configured, or the backlog when it
    does not take the update. A listing that must disappear is then out of every
    search at once: the database answers while anything waits in the backlog.
    """
    DatabaseEngine().index(listing)
    if elasticsearch_configured():
        _update_elasticsearch(listing.pk, listing)


def unindex_listing(listing_id):
    DatabaseEngine().remove(listing_id)
    if elasticsearch_configured():
        _update_elasticsearch(listing_id)


def replay_listing(model, object_id):
    """The backlog's replay of one listing: Elasticsearch gets what the database holds now."""
    from .models import Listing

    if not elasticsearch_configured():
        return  # no cluster any more: nothing to bring in line
    listing = Listing.objects.prefetch_related("services").filter(pk=object_id).first()
    engine = ElasticsearchEngine()
    if listing is not None and listing.is_public:
        engine.index(listing)
    else:
        engine.remove(int(object_id))
