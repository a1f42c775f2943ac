"""A hidden listing or field is absent from every surface a visitor or crawler can reach."""

import json
import re

import pytest
from bs4 import BeautifulSoup
from django.db import connection

from directory.models import Listing
from directory.search import database
from directory.search.database import DatabaseEngine
from directory.search.query import Query

from .conftest import company_url
from .factories import ListingFactory, MembershipFactory, ServiceFactory

pytestmark = pytest.mark.django_db

NOT_PUBLIC = [Listing.Status.HIDDEN, Listing.Status.PENDING]


def result_names(html):
    soup = BeautifulSoup(html, "html.parser")
    return [" ".join(h.stripped_strings) for h in soup.select(".directory-result h3")]


def json_ld(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return json.loads(soup.find("script", type="application/ld+json").string)


@pytest.fixture
def pair(directory_page):
    """A public and a non-public listing that share a municipality, industry and service."""
    service = ServiceFactory(name="Veneveistämö")
    shown = ListingFactory(organisation__name="Näkyvä Veneveistämö Oy", services=[service])
    other = ListingFactory(organisation__name="Piilotettu Veneveistämö Oy", services=[service])
    other.organisation.municipality = "Juva"
    other.organisation.save()
    return shown, Listing.objects.get(pk=other.pk)


@pytest.mark.parametrize("status", NOT_PUBLIC)
def test_a_listing_that_is_not_public_is_absent_from_every_surface(
    client, directory_page, pair, status
):
    shown, other = pair
    other.status = status
    other.save()
    base = directory_page.url

    assert client.get(company_url(directory_page, other)).status_code == 404
    page = client.get(base + "?q=veneveistämö").content.decode()
    assert result_names(page) == ["Näkyvä Veneveistämö Oy"]
    assert "Piilotettu" not in page
    # facet counts: Juva (only the hidden listing's municipality) is not offered
    assert "municipality=Juva" not in page
    assert client.get(base + "?municipality=Juva").context["results"].total == 0
    suggestions = client.get(base + "suggest/?q=veneveis").json()["suggestions"]
    assert suggestions == ["Näkyvä Veneveistämö Oy"]
    for feed in ("feed/", "feed/atom/"):
        body = client.get(base + feed).content.decode()
        assert "Näkyvä Veneveistämö" in body
        assert "Piilotettu" not in body
    sitemap = client.get("/sitemap.xml").content.decode()
    assert shown.slug in sitemap
    assert other.slug not in sitemap
    results = DatabaseEngine().search(Query(text="veneveistämö"))
    assert [listing.pk for listing in results.listings] == [shown.pk]
    assert sum(f.count for f in results.facets["service"]) == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the search vector is PostgreSQL's")
def test_hiding_a_listing_removes_it_from_the_search_index_in_the_same_save(directory_page):
    listing = ListingFactory(organisation__name="Indeksoitu Oy")
    assert Listing.objects.filter(pk=listing.pk, search_vector__isnull=False).exists()
    listing.status = Listing.Status.HIDDEN
    listing.save()
    assert Listing.objects.filter(pk=listing.pk, search_vector__isnull=True).exists()
    listing.status = Listing.Status.PUBLIC
    listing.save()
    assert Listing.objects.filter(pk=listing.pk, search_vector__isnull=False).exists()


FIELDS = [
    # visibility flag, value on the listing or organisation, where it shows in JSON-LD
    ("show_phone", "+358401234567", "telephone"),
    ("show_email", "info@puutyo.example", "email"),
    ("show_website", "https://puutyo.example", "sameAs"),
    ("show_social_profiles", "https://www.instagram.com/puutyo.example", "sameAs"),
    ("show_street_address", "Sahakatu 7", "address"),
    ("show_contact_persons", "Pekka Puustinen", "employee"),
]


@pytest.fixture
def full_listing(directory_page):
    listing = ListingFactory(
        organisation__name="Puutyö Oy",
        organisation__street_address="Sahakatu 7",
        phone="+358401234567",
        email="info@puutyo.example",
        website="https://puutyo.example",
        social_profiles=["https://www.instagram.com/puutyo.example"],
        description="Mittatilauskalusteet.",
    )
    MembershipFactory(
        organisation=listing.organisation,
        contact__first_name="Pekka",
        contact__last_name="Puustinen",
    )
    return listing


@pytest.mark.parametrize(("flag", "value", "ld_key"), FIELDS, ids=[f[0] for f in FIELDS])
def test_a_hidden_field_is_absent_from_page_json_ld_and_results(
    client, directory_page, full_listing, flag, value, ld_key
):
    url = company_url(directory_page, full_listing)
    response = client.get(url)
    assert value in response.content.decode()
    assert value in json.dumps(json_ld(response)[ld_key], ensure_ascii=False)

    setattr(full_listing, flag, False)
    full_listing.save()

    response = client.get(url)
    page = response.content.decode()
    assert value not in page
    assert value not in json.dumps(json_ld(response), ensure_ascii=False)
    results = client.get(directory_page.url + "?q=puutyö").content.decode()
    assert result_names(results) == ["Puutyö Oy"]
    assert value not in results
    # name and city stay public
    assert "Puutyö Oy" in page
    assert json_ld(response)["address"]["addressLocality"] == "Mikkeli"


def test_restricted_contacts_never_appear_as_contact_persons(client, directory_page, full_listing):
    restricted = MembershipFactory(
        organisation=full_listing.organisation,
        contact__first_name="Rauni",
        contact__last_name="Rajoitettu",
    ).contact
    restricted.restrict("Data subject contested accuracy")
    response = client.get(company_url(directory_page, full_listing))
    page = response.content.decode()
    assert "Pekka Puustinen" in page
    assert "Rajoitettu" not in page
    assert "Rajoitettu" not in json.dumps(json_ld(response), ensure_ascii=False)


def test_the_company_page_shows_an_address_block_and_organization_json_ld(
    client, directory_page, full_listing
):
    response = client.get(company_url(directory_page, full_listing))
    soup = BeautifulSoup(response.content, "html.parser")
    assert " ".join(soup.find("address").stripped_strings) == "Puutyö Oy Sahakatu 7 50100 Mikkeli"
    data = json_ld(response)
    assert data["@type"] == "Organization"
    assert data["identifier"]["value"] == full_listing.organisation.business_id
    assert data["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "Mikkeli",
        "addressCountry": "FI",
        "streetAddress": "Sahakatu 7",
        "postalCode": "50100",
    }


def test_json_ld_cannot_be_closed_by_a_description(client, directory_page):
    listing = ListingFactory(description="</script><script>alert(1)</script>")
    page = client.get(company_url(directory_page, listing)).content.decode()
    assert "<script>alert(1)" not in page
    assert "alert(1)" in json.dumps(json_ld(client.get(company_url(directory_page, listing))))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the search vector is PostgreSQL's")
def test_the_search_index_holds_no_hideable_field(directory_page, full_listing):
    vector = Listing.objects.values_list("search_vector", flat=True).get(pk=full_listing.pk)
    assert "puutyö" in vector
    for _flag, value, _key in FIELDS:
        for part in re.findall(r"\w{4,}", value.lower()):
            if part != "https":
                assert f"'{part}'" not in vector, part


def test_a_listing_hidden_between_the_search_and_its_page_drops_out(monkeypatch):
    shown = ListingFactory(organisation__name="Näkyvä Veneveistämö Oy")
    hidden = ListingFactory(organisation__name="Piilotettu Veneveistämö Oy")
    load_page = database.load_page

    def hide_first(ids, service_names):  # the owner hides it as the search runs
        Listing.objects.filter(pk=hidden.pk).update(status=Listing.Status.HIDDEN)
        return load_page(ids, service_names)

    monkeypatch.setattr(database, "load_page", hide_first)
    results = DatabaseEngine().search(Query(text="veneveistämö"))
    assert [listing.pk for listing in results.listings] == [shown.pk]
