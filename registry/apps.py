from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "registry"
    verbose_name = _("Customer and stakeholder register")

    def ready(self):
        from privacy.providers import register

        from .personal_data import PROVIDER

        register(PROVIDER)
