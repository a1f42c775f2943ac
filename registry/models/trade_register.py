"""What the Trade Register (PRH / YTJ open data) said of an organisation, and where each
field's value came from (the privacy notice's section 6: collected from public sources)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import ENDED_STATES, DataSource, TradeRegisterState


class TradeRegisterStatus(models.Model):
    """The company's state at the last refresh from the Trade Register."""

    organisation = models.OneToOneField(
        "registry.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="trade_register",
    )
    state = models.CharField(
        _("state in the Trade Register"),
        max_length=16,
        choices=TradeRegisterState.choices,
        default=TradeRegisterState.ACTIVE,
        db_index=True,
    )
    company_form = models.CharField(_("company form"), max_length=100, blank=True)
    checked_at = models.DateTimeField(_("checked"))
    last_modified = models.DateTimeField(_("last changed in the Trade Register"), null=True)

    class Meta:
        verbose_name = _("Trade Register status")
        verbose_name_plural = _("Trade Register statuses")

    def __str__(self):
        return f"trade register status of organisation #{self.organisation_id}"

    @property
    def has_ended(self):
        return self.state in ENDED_STATES


class FieldSource(models.Model):
    """Where one field of an organisation came from and when.

    `value` is the value as the source gave it: when the organisation's field no longer
    holds it, staff or the owner changed it since, and a refresh proposes rather than
    overwrites.
    """

    organisation = models.ForeignKey(
        "registry.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="field_sources",
    )
    field = models.CharField(_("field"), max_length=32)
    source = models.CharField(_("source"), max_length=20, choices=DataSource.choices)
    value = models.TextField(_("value from the source"), blank=True)
    recorded_at = models.DateTimeField(_("recorded"))

    class Meta:
        verbose_name = _("field source")
        verbose_name_plural = _("field sources")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "field"], name="registry_fieldsource_unique_field"
            )
        ]

    def __str__(self):
        return f"source of {self.field} of organisation #{self.organisation_id}"
