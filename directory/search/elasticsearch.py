"""The Elasticsearch engine (elasticsearch-dsl 8): Finnish analysis, edge n-grams,
keyword facets, completion suggestions; rebuilt beside the live index, then swapped in
by its alias."""

import contextlib
import time

from django.conf import settings
from django.utils import timezone
from django.utils.functional import cached_property
from elasticsearch import NotFoundError
from elasticsearch.helpers import bulk
from elasticsearch_dsl import (
    A,
    Completion,
    Date,
    Document,
    Keyword,
    Search,
    Text,
    analyzer,
    connections,
    token_filter,
)
from elasticsearch_dsl import Q as EQ

from ..models import Listing, Service
from .database import load_page
from .query import SUGGESTION_LIMIT, Results, facets, words


def service_labels(slugs):
    return dict(Service.objects.filter(slug__in=slugs).values_list("slug", "name"))


INDEX_ALIAS = "directory"
# A rebuild's bulk requests: documents per request, and how long one may take.
BULK_SIZE = 2000
REBUILD_TIMEOUT = 120
MAX_RESULT_WINDOW = 1_000_000
CONNECTION_ALIAS = "directory"
# One typo forgiven in a word of four letters or more (a swapped pair counts as one).
# Elasticsearch's "AUTO" forgives two from six letters: those automata took 60-70 % of
# a search at 50,000 listings (2-4 ms; bench/directory.py).
ONE_TYPO = "AUTO:4,64"


def index_alias():
    prefix = getattr(settings, "ELASTICSEARCH_INDEX_PREFIX", "") or "miksei"
    return f"{prefix}_{INDEX_ALIAS}"


def _document_class():
    """The Elasticsearch document, built on first use: its index name follows the settings."""
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
            # One replica as soon as the cluster has a second node (a node may then die
            # without a failed search), none on a single development node.
            settings = {
                "number_of_shards": 1,
                "auto_expand_replicas": "0-1",
                # Every page of the directory, to its last (Finland: ~600,000 companies).
                "max_result_window": MAX_RESULT_WINDOW,
            }

    return ListingDocument


# A listing's fields that its document holds (with its services), in document_source's order.
FIELDS = ("pk", "name", "description", "city", "municipality", "industry_section", "published_at")


def document_source(name, description, city, municipality, section, published_at, services):
    """A public listing's document: its always-public fields, `services` as (slug, name)."""
    return {
        "name": name,
        "services": [service_name for _, service_name in services],
        "service_slugs": [slug for slug, _ in services],
        "description": description,
        "city": city,
        "municipality": municipality,
        "industry_section": section,
        "published_at": published_at.isoformat() if published_at else None,
        "suggest": {"input": [name, *name.split()], "weight": 1},
    }


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
        return connections.create_connection(
            # Comma-separated nodes: a request that finds one dead is retried on another.
            alias=CONNECTION_ALIAS,
            hosts=self.url.split(","),
            request_timeout=5,
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
        services = [(service.slug, service.name) for service in listing.services.all()]
        return document_source(*(getattr(listing, name) for name in FIELDS[1:]), services)

    def documents(self):
        """(id, document) of every public listing, from two plain queries per bulk request:
        model instances would take most of a rebuild's time."""
        rows = Listing.objects.public().order_by("pk").values_list(*FIELDS)
        through = Listing.services.through.objects.order_by("service__name")
        last = 0
        while chunk := list(rows.filter(pk__gt=last)[:BULK_SIZE]):
            last = chunk[-1][0]
            services = {}
            links = through.filter(listing_id__in=[row[0] for row in chunk])
            for listing_id, slug, name in links.values_list(
                "listing_id", "service__slug", "service__name"
            ):
                services.setdefault(listing_id, []).append((slug, name))
            for pk, *fields in chunk:
                yield pk, document_source(*fields, services.get(pk, []))

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
        self.client.index(index=index_alias(), id=listing.pk, document=document, refresh=True)

    def remove(self, listing_id):
        with contextlib.suppress(NotFoundError):
            self.client.delete(index=index_alias(), id=listing_id, refresh=True)

    def rebuild(self, stdout=None):
        """Build a new index beside the live one, then swap the alias in one step.

        The new index is filled without periodic refreshes (what makes a bulk load of
        500,000 listings fast), then refreshed once. A listing saved meanwhile went to
        the old index; it is sent again to the new one after the swap.
        """
        started = timezone.now()
        alias = index_alias()
        new_index = f"{alias}-{time.strftime('%Y%m%d%H%M%S')}-{time.monotonic_ns() % 10000}"
        body = self.mapping()
        loading = self.client.options(request_timeout=REBUILD_TIMEOUT)
        loading.indices.create(
            index=new_index,
            settings={**body.get("settings", {}), "refresh_interval": "-1"},
            mappings=body.get("mappings", {}),
        )
        actions = (
            {"_index": new_index, "_id": pk, "_source": source} for pk, source in self.documents()
        )
        count, _errors = bulk(loading, actions, chunk_size=BULK_SIZE)
        loading.indices.put_settings(index=new_index, settings={"refresh_interval": None})
        loading.indices.refresh(index=new_index)
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
        for listing in Listing.objects.filter(updated_at__gte=started).prefetch_related("services"):
            self.index(listing)
        return count

    # -- querying -------------------------------------------------------------

    def build_search(self, query, offset=0, limit=20):
        """The elasticsearch-dsl Search for a query (its to_dict() is the request body)."""
        search = Search(index=index_alias())
        terms = query.terms
        if terms:
            text = " ".join(terms)
            search = search.query(
                EQ(
                    "bool",
                    should=[
                        # One typo per word forgiven in the name and the services, as
                        # the database engine forgives typos in the name; every word is
                        # asked for ("oy" alone would find every company).
                        EQ(
                            "multi_match",
                            query=text,
                            fields=["name^3", "services^2"],
                            fuzziness=ONE_TYPO,
                            prefix_length=1,
                            operator="and",
                        ),
                        # The description by its words (stemmed), not fuzzily: fuzzy terms
                        # over every description took seven times as long at 500,000
                        # listings (bench/directory.py).
                        EQ("match", description={"query": text, "operator": "and"}),
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
        # The hits' services' names come with them: the page is then one plain query.
        source = ["services"]
        return search.extra(track_total_hits=True, _source=source)[offset : offset + limit]

    def build_suggest(self, prefix, limit=SUGGESTION_LIMIT):
        return Search(index=index_alias()).suggest(
            "names",
            " ".join(words(prefix)),
            completion={"field": "suggest", "size": limit, "skip_duplicates": True},
        )

    def search(self, query, offset=0, limit=20):
        if offset + limit > MAX_RESULT_WINDOW:  # past every listing: the total, no page
            offset, limit = 0, 0
        response = self.build_search(query, offset, limit).using(self.client).execute()
        ids = [int(hit.meta.id) for hit in response]
        names = {int(hit.meta.id): list(getattr(hit, "services", [])) for hit in response}
        aggs = response.aggregations

        def buckets(name):
            return [(b.key, b.doc_count) for b in getattr(aggs, name).buckets]

        return Results(
            # What is no longer public (hidden a moment ago) drops out there.
            listings=load_page(ids, names),
            total=response.hits.total.value,
            facets=facets(
                buckets("municipality"),
                buckets("industry"),
                buckets("service"),
                service_labels([slug for slug, _ in buckets("service")]),
            ),
        )

    def suggest(self, prefix, limit=SUGGESTION_LIMIT):
        if not words(prefix):
            return []
        response = self.build_suggest(prefix, limit).using(self.client).execute()
        ids = [int(option._id) for option in response.suggest.names[0].options]
        # The database has the last word: only listings that are public now.
        names = dict(Listing.objects.public().filter(pk__in=ids).values_list("pk", "name"))
        return [names[pk] for pk in ids if pk in names]
