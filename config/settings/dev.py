"""Local development: debug on, a throwaway key, the console for email."""

import os

from .base import *  # noqa: F403

DEBUG = True
# Only for a developer's own machine; production.py refuses to run with it.
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-insecure-key-do-not-use-in-production"
ALLOWED_HOSTS = ALLOWED_HOSTS or ["localhost", "127.0.0.1", "[::1]"]  # noqa: F405

# Work runs in-process so `make run` needs no worker.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)

# Pages change as you edit templates; don't cache them in development.
PAGE_CACHE_SECONDS = 0
