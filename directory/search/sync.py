"""Every index in line with the listings: the database's always, in the request;
Elasticsearch's when configured, through the search-index backlog when it does not
take an update, replayed when it is back."""

from ops import search_backlog

from ..models import Listing
from .database import DatabaseEngine
from .elasticsearch import ElasticsearchEngine
from .engines import BACKLOG_INDEX, availability_key, elasticsearch_configured

LISTING_MODEL = "directory.listing"


def _update_elasticsearch(listing_id, listing=None):
    """Send the listing (None: removed) to Elasticsearch, or keep it for replay."""
    public = listing is not None and listing.is_public
    action = search_backlog.Action.INDEX if public else search_backlog.Action.REMOVE

    def send():
        engine = ElasticsearchEngine()
        if listing is None:
            engine.remove(listing_id)
        else:
            engine.index(listing)

    search_backlog.send_or_keep(
        BACKLOG_INDEX, availability_key(), LISTING_MODEL, [listing_id], action, send
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
    if not elasticsearch_configured():
        return  # no cluster any more: nothing to bring in line
    listing = Listing.objects.prefetch_related("services").filter(pk=object_id).first()
    engine = ElasticsearchEngine()
    if listing is not None and listing.is_public:
        engine.index(listing)
    else:
        engine.remove(int(object_id))
