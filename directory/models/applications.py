"""A business asking to be listed, or to become the owner of a listing nobody owns."""

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from home.validators import validate_business_id

from .listings import Listing


class ListingApplication(models.Model):
    """One application from the public form, waiting for staff or decided by them.

    Its contact person's name, email and phone are personal data
    (directory.personal_data); decided and stale applications expire after
    KEPT_FOR (privacy retention).
    """

    KEPT_FOR = datetime.timedelta(days=180)

    class Kind(models.TextChoices):
        NEW = "new", _("New listing")
        CLAIM = "claim", _("Claim of a listing")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a decision")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.NEW)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    business_id = models.CharField(
        _("business ID"), max_length=9, validators=[validate_business_id], db_index=True
    )
    company_name = models.CharField(_("company name"), max_length=255)
    municipality = models.CharField(_("municipality"), max_length=100, blank=True)
    description = models.TextField(_("description"), blank=True)
    # Whether the name and municipality came from the Trade Register.
    from_trade_register = models.BooleanField(_("prefilled from the Trade Register"), default=False)
    # The listing claimed; for a new listing, the one its approval created.
    listing = models.ForeignKey(
        Listing,
        verbose_name=_("listing"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applications",
    )

    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    role = models.CharField(_("role in the company"), max_length=150, blank=True)
    email = models.EmailField(_("email"))
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    consent_text = models.TextField(_("consent text shown"))
    language = models.CharField(_("language"), max_length=8, default="fi")

    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)

    class Meta:
        verbose_name = _("listing application")
        verbose_name_plural = _("listing applications")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.company_name} ({self.business_id})"

    @property
    def contact_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def is_pending(self):
        return self.status == self.Status.PENDING
