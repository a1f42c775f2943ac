"""The retention period: one setting, read here by the notice, the providers and the task."""

import datetime

from django.conf import settings

DEFAULT_RETENTION_YEARS = 10


def retention_years():
    return int(getattr(settings, "PRIVACY_RETENTION_YEARS", DEFAULT_RETENTION_YEARS))


def years_before(moment, years):
    """The same moment `years` earlier (29 February falls back to 28 February)."""
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:
        return moment.replace(year=moment.year - years, day=28)


def retention_cutoff(now):
    """Data whose last customer event is older than this is past retention."""
    return years_before(now, retention_years())


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, or the month's last day when it has no such day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")
