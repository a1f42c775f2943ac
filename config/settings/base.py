"""Settings shared by every environment.

Secure by default: DEBUG is off and nothing secret is set here. Each
integration is switched on by the presence of its environment variable;
`dev.py` and `test.py` loosen, `production.py` tightens.
"""

import os
from pathlib import Path

import dj_database_url
import dj_email_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_list(name, default=""):
    """A comma-separated environment variable as a list of stripped items."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "home",
    "privacy",
    "registry",
    "intake",
    "directory",
    "ops",
    "pagecache",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "ops.headers.SiteAndAdminCSPMiddleware",
    "ops.headers.PermissionsPolicyMiddleware",
    "pagecache.middleware.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "pagecache.middleware.SharedSiteMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "ops.staff_sessions.StaffSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "ops.faults.DatabaseUnavailableMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: a SQLite file unless DATABASE_URL names another (postgres://...).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    ),
    # The erasure ledger (keyed hashes, no personal data) in a database of its own,
    # backed up on its own and never restored with the main one (privacy/routers.py).
    "ledger": dj_database_url.parse(
        os.environ.get("PRIVACY_LEDGER_URL", f"sqlite:///{BASE_DIR / 'privacy-ledger.sqlite3'}"),
        conn_health_checks=True,
    ),
}
DATABASE_ROUTERS = ["privacy.routers.ErasureLedgerRouter"]
# PostgreSQL: parameters bound on the server, and a statement that a connection runs
# again and again prepared there (psycopg's own default; Django turns it off for
# connection poolers in transaction mode). A directory search then skips planning,
# which took longer than running it. Behind such a pooler (PgBouncer's transaction
# mode without max_prepared_statements), set DATABASE_PREPARED_STATEMENTS=off.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and (
    os.environ.get("DATABASE_PREPARED_STATEMENTS", "on") != "off"
):
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        server_side_binding=True, prepare_threshold=5
    )
# Solid-state storage: a random read costs about what a sequential one does (PostgreSQL's
# documentation suggests 1.1 for SSDs). With the default 4 the directory search's match
# scanned every listing where its GIN index reads only the matches (bench/directory.py).
# Empty sends nothing (PgBouncer refuses startup options; set it on the server there).
RANDOM_PAGE_COST = os.environ.get("DATABASE_RANDOM_PAGE_COST", "1.1")
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and RANDOM_PAGE_COST:
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c random_page_cost={float(RANDOM_PAGE_COST)}"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Email: the console unless EMAIL_URL names a server (smtp://user:pass@host:587/?tls=True).
_email = dj_email_url.parse(os.environ.get("EMAIL_URL", "console:"))
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email["EMAIL_HOST"]
EMAIL_PORT = _email["EMAIL_PORT"]
EMAIL_HOST_USER = _email["EMAIL_HOST_USER"]
EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"]
EMAIL_USE_TLS = _email["EMAIL_USE_TLS"]
EMAIL_USE_SSL = _email["EMAIL_USE_SSL"]
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "noreply@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Finnish first. UI strings are English in code and translated in locale/.
LANGUAGE_CODE = "fi"
LANGUAGES = [
    ("fi", "Suomi"),
    ("sv", "Svenska"),
    ("en", "English"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static_src"]
STATIC_ROOT = BASE_DIR / "static"
STATIC_URL = "/static/"
MEDIA_ROOT = BASE_DIR / "media"
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}

# The page editor posts many fields for long StreamFields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Background work goes to the database queue; `manage.py db_worker` runs it.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # These log every task run, page save and search request at INFO, which buries
    # what matters.
    "loggers": {
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "elastic_transport": {"level": "WARNING"},
    },
}

# Wagtail
WAGTAIL_SITE_NAME = "Miksei"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Content in fi (default, unprefixed URLs), sv and en: one page tree per locale,
# translations share a translation_key (wagtail.contrib.simple_translation copies them).
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024

# Page search uses the database unless ELASTICSEARCH_URL points at a cluster.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
if ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS["default"] = {
        "BACKEND": "wagtail.search.backends.elasticsearch8",
        "URLS": ELASTICSEARCH_URL.split(","),  # one or more nodes of the cluster
        "INDEX": os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "miksei") + "_pages",
        "TIMEOUT": 5,
    }

# The database engine reads at most this many matches of a directory search on
# PostgreSQL (directory/search/database.py): a broader search shows "more than" this
# many, ranked among those, and its facets without counts. Elasticsearch counts all.
DIRECTORY_SEARCH_MATCH_LIMIT = 2000

# --- Production hardening (ops/) -------------------------------------------

# Anonymous page cache (pagecache/): a file cache shared by the workers on a host.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("PAGE_CACHE_DIR", str(BASE_DIR / ".page-cache")),
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
}

# Content-Security-Policy (django-csp, ops/csp.py): strict for the site; the admin
# gets the few additions Wagtail's admin needs, under its own prefix only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
ADMIN_CONTENT_SECURITY_POLICY_UPDATE = {
    "script-src": ["'unsafe-inline'"],
    "style-src": ["'unsafe-inline'"],
    "img-src": ["blob:"],
    "frame-ancestors": ["'self'"],
}
# Features no page of the site uses, switched off for it and anything it frames.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# No staff email addresses to a third party, and no calls home from the admin.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Login throttling (django-axes): 5 failures for one username from one address lock
# that pair out for 15 minutes. ops.login_throttling steps aside when there is no request.
AUTHENTICATION_BACKENDS = [
    "ops.login_throttling.ThrottledLoginBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USE_ATTEMPT_EXPIRATION = True
AXES_DISABLE_ACCESS_LOG = True  # no record of every staff login
AXES_VERBOSE = False
# The client's address behind the trusted proxies, one rule for the whole site: login
# throttling and the forms' rate limits (privacy finds it by this name).
CLIENT_IP_CALLABLE = "ops.client_address.client_ip"
AXES_CLIENT_IP_CALLABLE = CLIENT_IP_CALLABLE

# The site setting that names the controller (privacy/controller.py).
PRIVACY_CONTROLLER_SETTINGS = "home.OrganisationSettings"
# How many reverse proxies in front of gunicorn append to X-Forwarded-For.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# Staff sessions end after an idle hour and at most ten hours after sign-in.
STAFF_SESSION_IDLE_SECONDS = int(os.environ.get("STAFF_SESSION_IDLE_SECONDS", "3600"))
STAFF_SESSION_MAX_SECONDS = int(os.environ.get("STAFF_SESSION_MAX_SECONDS", str(10 * 3600)))
# Two-factor (django-otp): users holding any of these permissions must verify a TOTP
# device, e.g. OTP_REQUIRED_PERMISSIONS=registry.view_contact,registry.change_contact
OTP_REQUIRED_PERMISSIONS = env_list("OTP_REQUIRED_PERMISSIONS")
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME
# Axes logs every successful login at INFO; keep lockouts (WARNING) only.
LOGGING["loggers"]["axes"] = {"level": "WARNING"}

# Email goes through the durable outbox (ops/mail.py); EMAIL_URL names the real sender.
EMAIL_DELIVERY_BACKEND = EMAIL_BACKEND
EMAIL_BACKEND = "ops.outbox_backend.OutboxEmailBackend"
OUTBOX_KEEP_SENT_DAYS = 30
# Mail the server refused for this long is given up and deleted (ops/personal_data.py).
OUTBOX_KEEP_UNSENT_DAYS = 14
# Finished background task records (their arguments may name a person) are deleted after.
TASK_RESULTS_KEEP_DAYS = 7

# With Elasticsearch configured, page search falls back to the database while it
# is down (ops/search.py); the database index is kept up to date beside it.
if ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] = "ops.search_backend"
    WAGTAILSEARCH_BACKENDS["database"] = {"BACKEND": "wagtail.search.backends.database"}

# Privacy: personal data is deleted this many years after the last customer event.
# The privacy notice states it from here and retention (privacy.tasks) obeys it.
PRIVACY_RETENTION_YEARS = 10
# Key of the erasure ledger's keyed hashes; derived from SECRET_KEY when empty. Set it
# before ever rotating SECRET_KEY, or the ledger stops recognising erased people.
PRIVACY_ERASURE_LEDGER_KEY = os.environ.get("PRIVACY_ERASURE_LEDGER_KEY", "")

# Web forms (intake): submissions allowed per client IP address (a django-ratelimit rate,
# counted in the default cache, which must be shared by all web processes in production).
# The client address comes from TRUSTED_PROXY_COUNT, like login throttling's.
INTAKE_RATE_LIMIT = os.environ.get("INTAKE_RATE_LIMIT", "10/m")
# Data-subject requests: the same per-address limit, and this many per email address.
PRIVACY_REQUEST_EMAIL_RATE_LIMIT = os.environ.get("PRIVACY_REQUEST_EMAIL_RATE_LIMIT", "3/h")

# The Finnish Trade Register's open data (PRH / YTJ v3, no authentication, CC BY 4.0).
# The rate limit is PRH's shared one (about 300 requests a minute), held by each process.
PRH_API_URL = os.environ.get("PRH_API_URL", "https://avoindata.prh.fi/opendata-ytj-api/v3")
PRH_TIMEOUT_SECONDS = float(os.environ.get("PRH_TIMEOUT_SECONDS", "10"))
PRH_RATE_LIMIT_PER_MINUTE = int(os.environ.get("PRH_RATE_LIMIT_PER_MINUTE", "300"))
PRH_RETRIES = 4
PRH_BACKOFF_SECONDS = 1.0
# From this many organisations on, a refresh of all of them reads the daily bulk file
# (all_companies) instead of asking for each company.
PRH_BULK_FROM = int(os.environ.get("PRH_BULK_FROM", "200"))
