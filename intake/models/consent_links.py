import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .submissions import IntakeSubmission


class ConsentLink(models.Model):
    """One link to the consent preferences page: signed, single use, expiring.

    The thank-you page's link shows only the consent given with that submission (who
    sent the form may have typed someone else's address); the emailed link, which
    reached the address, shows every consent of the contact the address belongs to.
    """

    VALID_FOR = datetime.timedelta(days=30)

    class Scope(models.TextChoices):
        SUBMISSION = "submission", _("The consent given with the form (thank-you page)")
        CONTACT = "contact", _("Every consent of the contact (confirmation email)")

    submission = models.ForeignKey(
        IntakeSubmission, on_delete=models.CASCADE, related_name="consent_links"
    )
    scope = models.CharField(_("shows"), max_length=16, choices=Scope.choices)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    used_at = models.DateTimeField(_("used"), null=True, blank=True)

    class Meta:
        verbose_name = _("consent preferences link")
        verbose_name_plural = _("consent preferences links")
        ordering = ["-created_at"]

    def __str__(self):
        return f"consent link #{self.pk}"

    def save(self, *args, **kwargs):
        if self.expires_at is None:
            self.expires_at = self.created_at + self.VALID_FOR
        super().save(*args, **kwargs)
