"""With the anonymous page cache on, a hidden field or person leaves pages at once."""

import pytest

from ops.cache import page_cache

from .conftest import company_url
from .factories import ListingFactory, MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300
    page_cache().clear()
    yield
    page_cache().clear()


@pytest.fixture
def cached_company_page(client, directory_page):
    listing = ListingFactory(organisation__name="Puutyö Oy", phone="+358401234567")
    MembershipFactory(
        organisation=listing.organisation, contact__first_name="Pekka", contact__last_name="Puro"
    )
    url = company_url(directory_page, listing)
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"
    return listing, url


def test_hiding_the_phone_is_not_hidden_behind_a_cached_page(client, cached_company_page):
    listing, url = cached_company_page
    assert "+358401234567" in client.get(url).content.decode()

    listing.show_phone = False
    listing.save()

    assert "+358401234567" not in client.get(url).content.decode()


def test_a_restricted_contact_leaves_the_cached_page_at_once(client, cached_company_page):
    listing, url = cached_company_page
    assert "Puro" in client.get(url).content.decode()

    listing.organisation.memberships.get().contact.restrict("Contested accuracy")

    assert "Puro" not in client.get(url).content.decode()
