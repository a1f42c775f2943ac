from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registry.models.links import optional_contact, optional_organisation
from registry.trade_register.sync import FIELDS

from .pages import RegisterField


class ProposedChange(models.Model):
    """A value that differs from the register's; staff accept or reject it.

    It comes from a web form submission (for a contact) or from a refresh from the Trade
    Register (for an organisation whose field staff or the owner changed since).
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a decision")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    contact = optional_contact("proposed_changes", models.CASCADE)
    organisation = optional_organisation("proposed_changes")
    submission = models.ForeignKey(
        "intake.IntakeSubmission",
        verbose_name=_("submission"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposed_changes",
    )
    field = models.CharField(_("field"), max_length=32)
    current_value = models.TextField(_("value in the register"), blank=True)
    proposed_value = models.TextField(_("submitted value"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    proposed_at = models.DateTimeField(_("proposed"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("proposed change")
        verbose_name_plural = _("proposed changes")
        ordering = ["-proposed_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "field"], name="intake_proposedchange_unique_field"
            ),
            models.CheckConstraint(
                condition=models.Q(contact__isnull=True) ^ models.Q(organisation__isnull=True),
                name="intake_proposedchange_contact_or_organisation",
            ),
        ]
        indexes = [models.Index(fields=["status", "-proposed_at"])]

    def __str__(self):
        # Names no person: this string lands in audit logs.
        if self.organisation_id:
            return _("Proposed change #%(id)s to organisation #%(organisation)s") % {
                "id": self.pk,
                "organisation": self.organisation_id,
            }
        return _("Proposed change #%(id)s to contact #%(contact)s") % {
            "id": self.pk,
            "contact": self.contact_id,
        }

    @property
    def from_trade_register(self):
        return self.organisation_id is not None

    @property
    def field_label(self):
        if self.from_trade_register:
            synced = FIELDS.get(self.field)
            return synced.label if synced else self.field
        try:
            return RegisterField(self.field).label
        except ValueError:
            return self.field
