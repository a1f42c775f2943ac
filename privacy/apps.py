from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "privacy"
    verbose_name = _("Privacy")

    def ready(self):
        # Imported once apps are loaded: the checks read every app's models.
        from . import checks  # noqa: F401 (registers the system checks)
