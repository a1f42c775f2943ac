"""Load in gunicorn's master, once, what each worker would otherwise load on its first
requests: the URL patterns, each language's translations and the site's templates.

gunicorn imports `config.wsgi` in its master (`preload_app`), which calls this, and
forks the workers from it; it replaces a worker after `max_requests` or when one is
killed. A fresh worker paid for all of this again on its first request of each
kind: about 150 ms of CPU for a directory search, the notice and a form, against
20 ms after this (measured with production settings). Nothing here may touch the
database: a connection opened before the fork would be shared.
"""

import gc
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.template import loader
from django.urls import reverse
from django.utils import translation


def site_templates():
    """The names of the project's own templates (not those of installed packages)."""
    directories = [Path(directory) for directory in settings.TEMPLATES[0]["DIRS"]]
    directories += [
        Path(app.path) / "templates"
        for app in apps.get_app_configs()
        if Path(app.path).is_relative_to(settings.BASE_DIR) and "site-packages" not in app.path
    ]
    for directory in directories:
        for path in sorted(directory.rglob("*.html")):
            yield path.relative_to(directory).as_posix()


def warm_up():
    for language, _ in settings.LANGUAGES:
        with translation.override(language):
            reverse("wagtail_serve", args=[""])  # the URL patterns, with language prefixes
    for name in site_templates():
        loader.get_template(name)
    # What the master has loaded lives as long as the workers: keep the workers'
    # garbage collector from walking it, and so from copying its memory pages.
    gc.freeze()
