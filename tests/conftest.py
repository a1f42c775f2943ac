from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Site


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


@pytest.fixture(autouse=True)
def forget_elasticsearch_checks():
    """Each test starts without a remembered Elasticsearch ping (they are kept per process)."""
    from ops import search_backlog

    search_backlog.reset()
    yield
    search_backlog.reset()
