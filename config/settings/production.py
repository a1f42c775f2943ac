"""Production: refuses to start without a real secret key and allowed hosts."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

_WEAK_KEY_PREFIXES = ("django-insecure", "dev-only", "test-only")
if (
    len(SECRET_KEY) < 50  # noqa: F405
    or len(set(SECRET_KEY)) < 5  # noqa: F405
    or SECRET_KEY.startswith(_WEAK_KEY_PREFIXES)  # noqa: F405
):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random value of at least 50 characters "
        "(python -c 'import secrets; print(secrets.token_urlsafe(50))')."
    )
if not ALLOWED_HOSTS:  # noqa: F405
    raise ImproperlyConfigured("ALLOWED_HOSTS must list the site's host names.")

DEBUG = False

# TLS is terminated by the reverse proxy, which sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"

# Static files: WhiteNoise serves the hashed, compressed files with far-future caching.
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "whitenoise.storage.CompressedManifestStaticFilesStorage"
)
# Load balancers probe /health/ over plain HTTP, behind the proxy's back.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]

# Login throttling and the web forms' per-address rate limit count in the default
# cache, which every web process must share: the database's cache table
# (`manage.py createcachetable` after `migrate`).
CACHES["default"] = {  # noqa: F405
    "BACKEND": "django.core.cache.backends.db.DatabaseCache",
    "LOCATION": "django_cache",
}
