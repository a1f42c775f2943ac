"""The directory's daily job, for cron (`remind_listing_owners`) or django-tasks."""

from django.db import transaction
from django.utils import timezone

from . import counts, freshness


def daily_upkeep(now=None):
    with transaction.atomic():
        done = freshness.remind_owners(now)
    done["counts_removed"] = counts.forget_old_counts(timezone.localdate(now) if now else None)
    return done
