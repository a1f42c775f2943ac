from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = _("Company directory")

    def ready(self):
        # Models and their receivers can be imported only once apps are loaded.
        from ops import search_backlog

        from . import (
            counts,  # noqa: F401 (counts pages the page cache serves)
            signals,  # noqa: F401 (connects the index to saves and deletes)
            trade_register,  # noqa: F401 (hides the listings of ended companies)
        )
        from .search.sync import BACKLOG_INDEX, replay_listing

        search_backlog.register(BACKLOG_INDEX, replay_listing)
