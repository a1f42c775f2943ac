import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    """The rate limit counts in the cache; each test starts with none used."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def empty_register(request):
    """Intake tests count what a submission adds to the register, so the register
    starts empty even where the demo site, whose register has demo people, is loaded."""
    if "demo_site" not in request.fixturenames:
        return
    request.getfixturevalue("demo_site")
    from directory.models import Listing
    from registry.models import Contact, Organisation

    Listing.objects.all().delete()
    Contact.objects.all().delete()
    Organisation.objects.all().delete()


@pytest.fixture
def contact_form(demo_site):
    from intake.models import FormPage

    return FormPage.objects.get(slug="ota-yhteytta")


@pytest.fixture
def directory_form(demo_site):
    from intake.models import FormPage

    return FormPage.objects.get(slug="yrityshakemistoon")


@pytest.fixture
def send(client, django_capture_on_commit_callbacks):
    """Post a form as a browser would, running what is scheduled after the commit."""

    def post(page, data, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(page.url, data, **extra)

    return post
