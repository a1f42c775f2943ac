"""Where the directory shows the Trade Register's data, it credits PRH and the licence."""

import io

import pytest
from django.core.management import call_command

from directory.models import Listing

from ..registry.prh_server import recorded
from .conftest import company_url
from .factories import ListingFactory

pytestmark = pytest.mark.django_db


def test_a_company_page_with_trade_register_data_credits_it(client, directory_page, prh):
    prh.add(recorded("active"))
    listing = ListingFactory(
        organisation__name="",
        organisation__business_id="2345678-0",
        organisation__street_address="",
        status=Listing.Status.PUBLIC,
    )
    call_command("refresh_from_prh", "2345678-0", stdout=io.StringIO())
    page = client.get(company_url(directory_page, Listing.objects.get(pk=listing.pk))).content
    page = page.decode()
    assert "Saimaan Ohjelmistotalo Oy" in page
    assert "Patentti- ja rekisterihallitus" in page
    assert 'href="https://creativecommons.org/licenses/by/4.0/deed.fi" rel="license"' in page


def test_a_company_page_without_it_credits_nothing(client, directory_page):
    listing = ListingFactory(status=Listing.Status.PUBLIC)
    page = client.get(company_url(directory_page, listing)).content.decode()
    assert listing.name in page
    assert "Patentti- ja rekisterihallitus" not in page
