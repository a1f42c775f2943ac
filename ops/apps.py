from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Running the site in production: health, caching, headers, faults, staff security."""

    name = "ops"
    verbose_name = _("operations")

    def ready(self):
        from privacy.providers import register

        from . import cache
        from .personal_data import OutgoingEmailProvider

        cache.connect_purge_signals()
        register(OutgoingEmailProvider())
