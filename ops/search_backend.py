"""Page search that keeps working, and loses no index update, while Elasticsearch is down.

With ``ELASTICSEARCH_URL`` set, the default search backend is
``Elasticsearch8WithFallback``. It indexes pages (and every other model Wagtail
indexes) in Elasticsearch; the ``database`` backend configured beside it is kept
up to date by the same save signals.

- Searches and autocomplete go to Elasticsearch while it answered its last ping
  (asked at most every ``ops.search_backlog.CHECK_SECONDS`` per process) and no
  update of this backend waits in the backlog; otherwise to the database.
- An update (``add``, ``add_bulk``, ``delete``) that Elasticsearch does not take
  is kept as an ``ops.PendingIndexUpdate`` row instead of only being logged, and
  so is every update made while the last check found the cluster down or while an
  earlier update of the same object waits.
- When a process sees the cluster come back, it enqueues
  ``ops.tasks.replay_search_index``, which sends each object as the database
  holds it then (a deleted object is removed). Run ``manage.py
  replay_search_index`` from cron as well: it also covers a process that died
  before enqueuing and rows that failed again. ``manage.py update_index`` is
  needed only to rebuild an index that was lost.
"""

import logging

from django.apps import apps
from modelsearch.backends.base import get_model_root
from modelsearch.index import class_is_indexed, get_indexed_instance
from wagtail.search.backends import get_search_backend, get_search_backends
from wagtail.search.backends.elasticsearch8 import Elasticsearch8SearchBackend

from . import search_backlog

logger = logging.getLogger(__name__)

BACKLOG_INDEX = "wagtail"


def backlog_model(model):
    """The model a backlog row names: the index's root model (one row per document)."""
    root = get_model_root(model)
    return root if class_is_indexed(root) else model


class Elasticsearch8WithFallback(Elasticsearch8SearchBackend):
    fallback_alias = "database"

    def __init__(self, params):
        super().__init__(params)
        self.availability_key = f"wagtail:{self.hosts!r}:{self.index_prefix}"

    # -- searching -------------------------------------------------------------------

    def available(self):
        """Whether the cluster answered its last ping (cached per process)."""
        return search_backlog.is_up(self.availability_key, self.es.ping, BACKLOG_INDEX)

    def answers_searches(self):
        return search_backlog.answers_searches(self.availability_key, self.es.ping, BACKLOG_INDEX)

    def search(self, *args, **kwargs):
        if self.answers_searches():
            return super().search(*args, **kwargs)
        return get_search_backend(self.fallback_alias).search(*args, **kwargs)

    def autocomplete(self, *args, **kwargs):
        if self.answers_searches():
            return super().autocomplete(*args, **kwargs)
        return get_search_backend(self.fallback_alias).autocomplete(*args, **kwargs)

    # -- indexing --------------------------------------------------------------------

    def add(self, obj):
        send = super().add
        self._update(type(obj), [obj], search_backlog.Action.INDEX, lambda: send(obj))

    def add_bulk(self, model, obj_list):
        objs = list(obj_list)
        send = super().add_bulk
        self._update(model, objs, search_backlog.Action.INDEX, lambda: send(model, objs))

    def delete(self, obj):
        send = super().delete
        self._update(type(obj), [obj], search_backlog.Action.REMOVE, lambda: send(obj))

    def _update(self, model, objs, action, send):
        """Send the update, or keep it in the backlog (see the module's docstring)."""
        if objs:
            label = backlog_model(model)._meta.label_lower

            def send_and_refresh():
                send()
                self.refresh(model)

            search_backlog.send_or_keep(
                BACKLOG_INDEX,
                self.availability_key,
                label,
                [obj.pk for obj in objs],
                action,
                send_and_refresh,
            )

    def refresh(self, model):
        """The next search sees the update (an unpublished or retitled page) at once,
        not after the cluster's next periodic refresh."""
        self.get_index_for_model(model).refresh()

    # -- replay ----------------------------------------------------------------------

    def replay(self, model, object_id):
        """Send one object as the database holds it now; raises unless Elasticsearch takes it."""
        model = apps.get_model(model)
        obj = model._default_manager.filter(pk=object_id).first()
        indexed = get_indexed_instance(obj) if obj is not None else None
        if indexed is not None:
            Elasticsearch8SearchBackend.add(self, indexed)
        else:
            Elasticsearch8SearchBackend.delete(self, model(pk=obj.pk if obj else object_id))
        self.refresh(model)


def replay_object(model, object_id):
    """The backlog's replay of one object, in every backend of this class."""
    for backend in get_search_backends(with_auto_update=True):
        if isinstance(backend, Elasticsearch8WithFallback):
            backend.replay(model, object_id)


SearchBackend = Elasticsearch8WithFallback
