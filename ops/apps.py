from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Running the site in production: health, caching, headers, faults, staff security."""

    name = "ops"
    verbose_name = _("operations")

    def ready(self):
        from . import cache

        cache.connect_purge_signals()
