"""Counting how often listings are seen, without anything about who saw them.

A company page adds a view, a search page an impression for each listing it shows:
one statement per page, whatever the number of results (an upsert that adds to the
day's row). A page served from the page cache counts too: the view marks its
response with what it showed (pagecache.store.count_every_serving), and the cache sends
`page_served` with that each time it serves the stored copy.
"""

import datetime
import logging

from django.db import DatabaseError, connection
from django.db.models import Q, Sum
from django.dispatch import receiver
from django.utils import timezone

from pagecache.store import count_every_serving, page_served

from .models import Listing, ListingDailyCount

logger = logging.getLogger(__name__)

VIEWS = "views"
IMPRESSIONS = "impressions"
PERIODS = (30, 365)


def _upsert_sql(count, kind):
    table = connection.ops.quote_name(ListingDailyCount._meta.db_table)
    listings = connection.ops.quote_name(Listing._meta.db_table)
    ids = ", ".join(["%s"] * count)
    # INSERT ... SELECT from the listings: an id deleted meanwhile adds no row (and
    # no foreign-key error). SQLite needs the WHERE before ON CONFLICT, which it has.
    return (
        f"INSERT INTO {table} (listing_id, day, views, impressions) "
        f"SELECT id, %s, %s, %s FROM {listings} WHERE id IN ({ids}) "
        f"ON CONFLICT (listing_id, day) DO UPDATE SET "
        f"{kind} = {table}.{kind} + excluded.{kind}"
    )


def record(kind, listing_ids, day=None):
    """Add one to `kind` (VIEWS or IMPRESSIONS) of each listing today, in one statement."""
    ids = sorted({int(pk) for pk in listing_ids})
    if not ids or kind not in (VIEWS, IMPRESSIONS):
        return
    day = day or timezone.localdate()
    params = [day, int(kind == VIEWS), int(kind == IMPRESSIONS), *ids]
    try:
        with connection.cursor() as cursor:
            cursor.execute(_upsert_sql(len(ids), kind), params)
    except DatabaseError:
        # A counter is never worth a failed page; the ids say nothing about a visitor.
        logger.warning("Directory counts not recorded for %s listing(s)", len(ids))


def counted(response, kind, listing_ids):
    """Record the counts now and again whenever the page cache serves this response."""
    ids = sorted({int(pk) for pk in listing_ids})
    record(kind, ids)
    return count_every_serving(response, {"directory": (kind, ids)})


@receiver(page_served, dispatch_uid="directory_count_cached_page")
def count_cached_page(sender, counts, **kwargs):
    kind, ids = counts.get("directory", (None, ()))
    if kind:
        record(kind, ids)


def totals(listing, today=None):
    """{"views": {30: n, 365: n}, "impressions": {30: n, 365: n}} in one query."""
    today = today or timezone.localdate()
    since = {days: today - datetime.timedelta(days=days - 1) for days in PERIODS}
    sums = ListingDailyCount.objects.filter(
        listing=listing, day__gte=since[max(PERIODS)]
    ).aggregate(
        **{
            f"{kind}_{days}": Sum(kind, filter=Q(day__gte=since[days]), default=0)
            for kind in (VIEWS, IMPRESSIONS)
            for days in PERIODS
        }
    )
    return {
        kind: {days: sums[f"{kind}_{days}"] for days in PERIODS} for kind in (VIEWS, IMPRESSIONS)
    }


def forget_old_counts(today=None):
    """Rows older than the longest period shown are of no use to anyone."""
    today = today or timezone.localdate()
    cutoff = today - datetime.timedelta(days=max(PERIODS))
    return ListingDailyCount.objects.filter(day__lt=cutoff).delete()[0]
