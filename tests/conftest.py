from io import StringIO

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import clear_url_caches
from wagtail.models import Site

# A live Elasticsearch node for the search tests (started on demand, see the module).
from .search_node import elasticsearch_node_url, live_elasticsearch  # noqa: F401

DATABASE_FIXTURES = {"db", "transactional_db", "live_server", "django_db_reset_sequences"}


def pytest_collection_modifyitems(items):
    """Every database test may reach the erasure ledger's own database (privacy/routers.py):
    an erasure writes to it, wherever in the suite it happens."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker is None and not DATABASE_FIXTURES & set(item.fixturenames):
            continue
        kwargs = dict(marker.kwargs) if marker else {}
        kwargs.setdefault("databases", ["default", "ledger"])
        item.add_marker(pytest.mark.django_db(*(marker.args if marker else ()), **kwargs))


@pytest.fixture
def demo_site(db):
    """The site as `make run` leaves it: demo content loaded into a migrated database."""
    call_command("load_initial_data", stdout=StringIO())
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def notice(demo_site):
    from wagtail.models import Locale

    from privacy.models import PrivacyNoticePage

    # The Finnish original; its Swedish and English translations share its translation_key.
    return PrivacyNoticePage.objects.live().get(locale=Locale.get_default())


@pytest.fixture
def organisation(demo_site):
    from home.models import OrganisationSettings

    return OrganisationSettings.for_site(demo_site)


@receiver(setting_changed)
def forget_language_prefixes(setting, **kwargs):
    """Django keeps reversed URLs per language, language prefixes included: a test that
    changes LANGUAGE_CODE would leave its prefixes to the tests after it."""
    if setting == "LANGUAGE_CODE":
        clear_url_caches()


@pytest.fixture(autouse=True)
def empty_caches():
    """Each test starts with empty caches. Its database is rolled back afterwards, and
    what was cached about it (Wagtail's site root paths, say) must not outlive it:
    a test that set LANGUAGE_CODE left prefixed URLs to the next one in its process."""
    for cache in caches.all():
        cache.clear()


@pytest.fixture(autouse=True)
def forget_elasticsearch_checks():
    """Each test starts without a remembered Elasticsearch ping (they are kept per process)."""
    from ops import search_backlog

    search_backlog.reset()
    yield
    search_backlog.reset()


@pytest.fixture
def page_cache_on(settings):
    """The anonymous page cache as in production (it is off in the test settings)."""
    from pagecache.store import page_cache

    settings.PAGE_CACHE_SECONDS = 300
    page_cache().clear()
    yield
    page_cache().clear()


@pytest.fixture
def prh(settings):
    """A local Trade Register serving recorded v3 answers; PRH_API_URL points at it."""
    from .registry.prh_server import FakeTradeRegister

    with FakeTradeRegister() as register:
        settings.PRH_API_URL = register.url
        yield register
