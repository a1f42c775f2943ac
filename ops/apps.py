from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Running the site in production: health, headers, faults, staff security."""

    name = "ops"
    verbose_name = _("operations")

    def ready(self):
        from . import search_backlog

        search_backlog.register("wagtail", replay_wagtail_object)  # ops.search.BACKLOG_INDEX


def replay_wagtail_object(model, object_id):
    """Imported on use: the Elasticsearch client is loaded only where it is configured."""
    from .search import replay_object

    replay_object(model, object_id)
