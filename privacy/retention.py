"""The register's retention period (`PRIVACY_RETENTION_YEARS`) and date arithmetic for it.

The notice states the period, and the retention task erases what each provider's
`expired()` returns. The setting governs the register's contacts and what follows
their customer relationship (form submissions, proposed changes), completed
data-subject requests and the directory's edit links. Other providers keep rows
for shorter periods of their own, declared beside them: listing applications
(`ListingApplication.KEPT_FOR`), unconfirmed requests (`UNCONFIRMED_DAYS` in
privacy/personal_data.py), the mail outbox (`OUTBOX_KEEP_SENT_DAYS`,
`OUTBOX_KEEP_UNSENT_DAYS`) and task results (`TASK_RESULTS_KEEP_DAYS`).
"""

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
    """The moment `PRIVACY_RETENTION_YEARS` before `now`: what is older is past retention."""
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
