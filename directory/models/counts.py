"""How often a listing was seen: one row per listing and day, counts only."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .listings import Listing


class ListingDailyCount(models.Model):
    """Company page views and search-result impressions of one listing on one day.

    Nothing about a visitor is kept: not an address, a session or a time of day.
    """

    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="daily_counts")
    day = models.DateField(_("day"))
    views = models.PositiveIntegerField(_("company page views"), default=0)
    impressions = models.PositiveIntegerField(_("shown in search results"), default=0)

    class Meta:
        verbose_name = _("daily count")
        verbose_name_plural = _("daily counts")
        constraints = [
            models.UniqueConstraint(fields=["listing", "day"], name="directory_count_listing_day")
        ]

    def __str__(self):
        return f"{self.listing_id} {self.day}"
