"""With the anonymous page cache on, a hidden field or person leaves pages at once."""

import pytest

from .conftest import company_url
from .factories import ContactFactory, ListingFactory, MembershipFactory, OrganisationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


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


# A company page asked for with a query string is rendered each time, but the public
# listing behind it is shared between visitors: it must leave as fast as the page.
@pytest.fixture
def shared_listing(client, cached_company_page):
    listing, url = cached_company_page
    shared_url = url + "?utm_source=uutiskirje"
    response = client.get(shared_url)
    assert "X-Page-Cache" not in response
    assert "+358401234567" in response.content.decode()
    return listing, shared_url


def test_a_shared_listing_saves_its_queries(client, shared_listing, django_assert_max_num_queries):
    _listing, url = shared_listing
    with django_assert_max_num_queries(3):  # the route: locale, child page, its type
        assert client.get(url).status_code == 200


def test_hiding_the_phone_reaches_the_shared_listing_at_once(client, shared_listing):
    listing, url = shared_listing
    listing.show_phone = False
    listing.save()
    assert "+358401234567" not in client.get(url).content.decode()


def test_a_restricted_contact_leaves_the_shared_listing_at_once(client, shared_listing):
    listing, url = shared_listing
    listing.organisation.memberships.get().contact.restrict("Contested accuracy")
    assert "Puro" not in client.get(url).content.decode()


def test_a_hidden_listing_is_gone_from_the_shared_listing_at_once(client, shared_listing):
    listing, url = shared_listing
    listing.status = listing.Status.HIDDEN
    listing.save()
    assert client.get(url).status_code == 404


def test_a_register_entry_of_no_listed_company_keeps_the_cache(client, cached_company_page):
    _listing, url = cached_company_page
    # What a form's sender becomes in the register: a contact in an unlisted organisation.
    MembershipFactory(organisation=OrganisationFactory(), contact=ContactFactory())
    assert client.get(url)["X-Page-Cache"] == "hit"


def test_a_renamed_contact_person_of_a_listed_company_leaves_the_cache(client, cached_company_page):
    listing, url = cached_company_page
    contact = listing.organisation.memberships.get().contact
    contact.last_name = "Puronen"
    contact.save()
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert "Puronen" in response.content.decode()


def test_a_membership_moved_away_from_a_listed_company_leaves_the_cache(
    client, cached_company_page
):
    listing, url = cached_company_page
    membership = listing.organisation.memberships.get()
    membership.organisation = OrganisationFactory()
    membership.save()
    assert "Puro" not in client.get(url).content.decode()
