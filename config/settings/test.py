"""Fast, deterministic settings for the test suite."""

from .base import *  # noqa: F403

SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# The site under test searches the database; a cluster at ELASTICSEARCH_URL serves only
# the tests that ask for one (tests/search_node.py) and turn it on themselves.
ELASTICSEARCH_URL = ""
# The page cache is off unless a test turns it on (tests/ops/test_page_cache.py).
PAGE_CACHE_SECONDS = 0
CACHES["pages"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"}
# WhiteNoise finds static files through the finders, as in development.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Nothing reaches the real Trade Register: tests point PRH_API_URL at a local server
# (tests/registry/prh_server.py); left as it is, a request fails at once.
PRH_API_URL = "http://127.0.0.1:9/opendata-ytj-api/v3"
PRH_TIMEOUT_SECONDS = 2.0
PRH_BACKOFF_SECONDS = 0.01
# Uploads (the demo logo) stay in memory: tests leave no files behind.
STORAGES["default"] = {"BACKEND": "django.core.files.storage.InMemoryStorage"}  # noqa: F405
