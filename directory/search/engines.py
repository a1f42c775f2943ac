"""Which engine answers a visitor: Elasticsearch while it may, else the database; and
the database again when Elasticsearch fails mid-way."""

import logging

from django.conf import settings

from ops import search_backlog

from .database import DatabaseEngine
from .elasticsearch import ElasticsearchEngine
from .query import SUGGESTION_LIMIT

logger = logging.getLogger(__name__)

BACKLOG_INDEX = "directory"


def availability_key():
    return f"directory:{settings.ELASTICSEARCH_URL}"


def elasticsearch_configured():
    return bool(getattr(settings, "ELASTICSEARCH_URL", ""))


def elasticsearch_answers():
    """Elasticsearch may answer visitors: it is configured, answered its last ping (asked
    at most every CHECK_SECONDS per process) and no directory update awaits replay."""
    if not elasticsearch_configured():
        return False
    url = settings.ELASTICSEARCH_URL
    return search_backlog.answers_searches(
        availability_key(), lambda: ElasticsearchEngine(url).ping(), BACKLOG_INDEX
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
    engine = get_engine()
    if isinstance(engine, DatabaseEngine):
        return getattr(engine, method)(*args, **kwargs)
    try:
        return getattr(engine, method)(*args, **kwargs)
    except Exception as error:  # noqa: BLE001 (visitors get the database's answer)
        search_backlog.mark_down(availability_key(), BACKLOG_INDEX)
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
