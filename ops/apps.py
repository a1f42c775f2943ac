from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Running the site in production: health, caching, headers, faults, staff security."""

    name = "ops"
    verbose_name = _("operations")

    def ready(self):
        from . import cache, search_backlog

        cache.connect_purge_signals()
        search_backlog.register(search_backlog.Index.WAGTAIL, replay_wagtail_object)


def replay_wagtail_object(model, object_id):
    """Imported on use: the Elasticsearch client is loaded only where it is configured."""
    from .search import replay_object

    replay_object(model, object_id)
