import pytest
from wagtail.models import Site

from directory.models import DirectoryIndexPage, DirectorySettings

from .factories import ListingFactory, MembershipFactory


@pytest.fixture
def directory_page(db):
    """A live directory page under the site's root page (no other demo content)."""
    site = Site.objects.get(is_default_site=True)
    page = DirectoryIndexPage(title="Yrityshakemisto", slug="yrityshakemisto")
    site.root_page.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def approval(db):
    """Set whether owners' text changes wait for approval; returns the setter."""

    def set_approval(on):
        settings = DirectorySettings.for_site(Site.objects.get(is_default_site=True))
        settings.owner_text_needs_approval = on
        settings.save()

    return set_approval


@pytest.fixture
def owned_listing(directory_page):
    """A public listing whose organisation has an owner contact with an email."""
    listing = ListingFactory(phone="+358401234567", email="info@puutyo.example")
    membership = MembershipFactory(
        organisation=listing.organisation, contact__email="pekka@puutyo.example"
    )
    listing.owner = membership.contact
    return listing


def company_url(page, listing):
    return page.url + page.reverse_subpage("company", args=[listing.slug])
