from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from home.demo import compose_front_page


class Command(BaseCommand):
    help = (
        "Load the demo site's content. Safe to run again: what is already there "
        "is left as it is and nothing is duplicated."
    )

    def handle(self, *args, **options):
        # Each app brings its own demo content in `<app>/demo.py`, loaded in
        # INSTALLED_APPS order so that later apps can build on earlier ones.
        with transaction.atomic():
            for app_config in apps.get_app_configs():
                module_name = f"{app_config.name}.demo"
                if find_spec(module_name) is None:
                    continue
                import_module(module_name).load(self.stdout)
            # The front page links the other apps' pages, so it comes once they exist.
            compose_front_page(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
