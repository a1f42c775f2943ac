"""How often a listing was seen: company page views and search-result impressions, one
counter row per listing and day, one statement per page, counted through the page
cache too; owners see the last 30 and 365 days on their edit page."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from directory import counts
from directory.models import ListingDailyCount

from .conftest import company_url
from .factories import ListingFactory
from .owner_links import edit_url, open_link
from .test_search_outage import DATABASE_SEARCH_PAGE_QUERIES

pytestmark = pytest.mark.django_db

# The search page's database queries, the one upsert counting every result included.
SEARCH_PAGE_QUERIES = DATABASE_SEARCH_PAGE_QUERIES


def seen(listing):
    row = ListingDailyCount.objects.filter(listing=listing, day=timezone.localdate()).first()
    return (row.views, row.impressions) if row else (0, 0)


def upserts(queries):
    return [q["sql"] for q in queries if "directory_listingdailycount" in q["sql"]]


def test_a_company_page_view_counts_one(client, directory_page):
    listing = ListingFactory()
    for _ in range(3):
        assert client.get(company_url(directory_page, listing)).status_code == 200
    assert seen(listing) == (3, 0)


def test_a_search_page_counts_every_result_in_one_statement(
    client, directory_page, django_assert_max_num_queries
):
    listings = [ListingFactory(organisation__name=f"Sahapuu {n} Oy") for n in range(12)]
    other = ListingFactory(organisation__name="Kukkakauppa Oy")
    client.get(directory_page.url, {"q": "sahapuu"})  # the site's one-time lookups
    with (
        django_assert_max_num_queries(SEARCH_PAGE_QUERIES),
        CaptureQueriesContext(connection) as queries,
    ):
        assert client.get(directory_page.url, {"q": "sahapuu"}).status_code == 200
    assert len(upserts(queries.captured_queries)) == 1
    assert {seen(listing) for listing in listings} == {(0, 2)}
    assert seen(other) == (0, 0)


def test_pages_served_from_the_page_cache_are_counted(client, directory_page, page_cache_on):
    listing = ListingFactory()
    url = company_url(directory_page, listing)
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"
    assert client.get(url)["X-Page-Cache"] == "hit"
    # the unfiltered index is cached whole too
    assert client.get(directory_page.url)["X-Page-Cache"] == "miss"
    assert client.get(directory_page.url)["X-Page-Cache"] == "hit"
    assert seen(listing) == (3, 2)


def test_a_listing_deleted_meanwhile_is_no_error(directory_page):
    listing = ListingFactory()
    pk = listing.pk
    listing.delete()
    counts.record(counts.VIEWS, [pk])
    assert not ListingDailyCount.objects.exists()


def test_the_owner_sees_counts_for_30_and_365_days(client, owned_listing, directory_page):
    today = timezone.localdate()
    for days_ago, views, impressions in [(0, 5, 50), (29, 1, 10), (30, 100, 1000), (365, 7, 7)]:
        ListingDailyCount.objects.create(
            listing=owned_listing,
            day=today - datetime.timedelta(days=days_ago),
            views=views,
            impressions=impressions,
        )
    assert counts.totals(owned_listing) == {
        "views": {30: 6, 365: 106},
        "impressions": {30: 60, 365: 1060},
    }
    open_link(client, directory_page, owned_listing)
    page = client.get(edit_url(directory_page, owned_listing)).content.decode()
    assert "<td>6</td><td>106</td>" in page and "<td>60</td><td>1060</td>" in page
    assert "Kuinka usein yrityksesi tiedot nähtiin" in page


def test_counts_keep_nothing_about_visitors():
    fields = {field.name for field in ListingDailyCount._meta.get_fields()}
    assert fields == {"id", "listing", "day", "views", "impressions"}


def test_counts_older_than_a_year_are_dropped(owned_listing):
    today = timezone.localdate()
    for days_ago in (365, 366):
        ListingDailyCount.objects.create(
            listing=owned_listing, day=today - datetime.timedelta(days=days_ago), views=1
        )
    assert counts.forget_old_counts(today) == 1
    assert ListingDailyCount.objects.get().day == today - datetime.timedelta(days=365)
