from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Disclosure(models.Model):
    """One disclosure of personal data to a recipient (the notice's section 7)."""

    class RecipientCategory(models.TextChoices):
        EVENT_CO_ORGANISER = "event_co_organiser", _("Event co-organiser")
        PUBLIC_FUNDER = "public_funder", _("Funder of a publicly funded project")
        PUBLIC_ADMINISTRATION = "public_administration", _("Other public administration")
        PARTNER = "partner", _("Cooperation partner")

    class Purpose(models.TextChoices):
        EVENT = "event", _("Organising an event together")
        PROJECT_REPORTING = "project_reporting", _("Reporting to a project's funder")
        PUBLIC_TASK = "public_task", _("A task of public administration")
        MARKETING = "marketing", _("Marketing")

    class LegalBasis(models.TextChoices):
        CONSENT = "consent", _("Consent")
        CONTRACT = "contract", _("Contract with the data subject")
        LEGAL_OBLIGATION = "legal_obligation", _("Legal obligation")
        LEGITIMATE_INTEREST = "legitimate_interest", _("Legitimate interest of the controller")

    REFUSED_PURPOSES = {Purpose.MARKETING}

    recipient = models.CharField(_("recipient"), max_length=255)
    recipient_category = models.CharField(
        _("recipient category"), max_length=30, choices=RecipientCategory.choices
    )
    purpose = models.CharField(_("purpose"), max_length=30, choices=Purpose.choices)
    legal_basis = models.CharField(_("legal basis"), max_length=30, choices=LegalBasis.choices)
    fields = models.JSONField(_("fields disclosed"), default=list)
    outside_eea = models.BooleanField(_("outside the EU/EEA"), default=False)
    safeguard = models.CharField(
        _("safeguard"),
        max_length=255,
        blank=True,
        help_text=_(
            "For a transfer outside the EU/EEA, for example 'standard contractual clauses'."
        ),
    )
    contact_ids = models.JSONField(_("contacts disclosed"), default=list, editable=False)
    row_count = models.PositiveIntegerField(_("people"), default=0)
    disclosed_at = models.DateTimeField(_("disclosed"), default=timezone.now)
    disclosed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("disclosed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("disclosure")
        verbose_name_plural = _("disclosure log")
        ordering = ["-disclosed_at"]

    def __str__(self):
        return f"{self.recipient} {self.disclosed_at:%Y-%m-%d}"

    def clean(self):
        super().clean()
        if self.purpose in self.REFUSED_PURPOSES:
            raise ValidationError({"purpose": _("Personal data is never disclosed for marketing.")})
        if self.outside_eea and not self.safeguard.strip():
            raise ValidationError(
                {"safeguard": _("Name the safeguard for a transfer outside the EU/EEA.")}
            )
