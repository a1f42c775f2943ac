from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RetentionRun(models.Model):
    """One run of retention: when, the cut-off and how many rows per provider. Never people."""

    started_at = models.DateTimeField(_("started"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    cutoff = models.DateTimeField(_("last customer event before"))
    dry_run = models.BooleanField(_("dry run"), default=False)
    counts = models.JSONField(_("rows per register"), default=dict)
    batches = models.PositiveIntegerField(_("batches"), default=0)
    longest_batch_seconds = models.FloatField(_("longest batch (s)"), default=0)

    class Meta:
        verbose_name = _("retention run")
        verbose_name_plural = _("retention runs")
        ordering = ["-started_at"]

    def __str__(self):
        return f"{self.started_at:%Y-%m-%d %H:%M}"

    @property
    def total(self):
        return sum(self.counts.values())
