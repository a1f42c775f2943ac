from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    """The anonymous page cache and the fragments every visitor shares (`store.py`)."""

    name = "pagecache"

    def ready(self):
        # The receivers name Wagtail's models, which exist only once apps are loaded.
        from .signals import connect_purge_signals

        connect_purge_signals()
