"""Page search that keeps working while Elasticsearch is down.

With ``ELASTICSEARCH_URL`` set, the default search backend is
``Elasticsearch8WithFallback``: it asks the cluster whether it is up (at most every
``CHECK_SECONDS``), and while it is not, searches go to the ``database`` backend,
which is configured beside it and kept up to date by the same save signals.
Index updates that fail while the cluster is down are logged by Wagtail and not
retried; after an outage, ``manage.py update_index --backend default`` replays
them all (the log says so when the cluster is back).
"""

import logging
import time

from wagtail.search.backends import get_search_backend
from wagtail.search.backends.elasticsearch8 import Elasticsearch8SearchBackend

logger = logging.getLogger(__name__)

CHECK_SECONDS = 30


class Elasticsearch8WithFallback(Elasticsearch8SearchBackend):
    fallback_alias = "database"

    def __init__(self, params):
        super().__init__(params)
        self._checked_at = None
        self._up = True

    def available(self):
        now = time.monotonic()
        if self._checked_at is None or now - self._checked_at > CHECK_SECONDS:
            was_up, self._up = self._up, bool(self.es.ping())
            self._checked_at = now
            if was_up and not self._up:
                logger.warning("Elasticsearch unreachable: searching the database instead")
            elif self._up and not was_up:
                logger.warning(
                    "Elasticsearch is back: run `manage.py update_index --backend default` "
                    "to replay index updates missed while it was down"
                )
        return self._up

    def search(self, *args, **kwargs):
        if self.available():
            return super().search(*args, **kwargs)
        return get_search_backend(self.fallback_alias).search(*args, **kwargs)

    def autocomplete(self, *args, **kwargs):
        if self.available():
            return super().autocomplete(*args, **kwargs)
        return get_search_backend(self.fallback_alias).autocomplete(*args, **kwargs)


SearchBackend = Elasticsearch8WithFallback
