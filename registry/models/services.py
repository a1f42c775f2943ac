from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from .links import optional_contact, optional_organisation
from .mixins import PostalAddressMixin, TimestampedModel


class ServiceOrder(TimestampedModel, ClusterableModel):
    """A service an organisation or person has ordered; its changes are kept."""

    class Status(models.TextChoices):
        ORDERED = "ordered", _("Ordered")
        ACTIVE = "active", _("Active")
        CHANGED = "changed", _("Changed")
        CANCELLED = "cancelled", _("Cancelled")
        ENDED = "ended", _("Ended")

    organisation = optional_organisation("service_orders")
    contact = optional_contact("service_orders")
    service = models.CharField(_("service"), max_length=255)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ORDERED
    )
    ordered_on = models.DateField(_("ordered on"), default=timezone.localdate)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("service order")
        verbose_name_plural = _("service orders")
        ordering = ["-ordered_on", "-pk"]

    def __str__(self):
        return self.service


class ServiceOrderChange(models.Model):
    order = ParentalKey(ServiceOrder, on_delete=models.CASCADE, related_name="changes")
    changed_on = models.DateField(_("changed on"), default=timezone.localdate)
    description = models.TextField(_("what changed"))

    class Meta:
        verbose_name = _("change to the order")
        verbose_name_plural = _("changes to the order")
        ordering = ["changed_on", "pk"]

    def __str__(self):
        return f"{self.changed_on}: {self.description[:50]}"


class BillingDetails(PostalAddressMixin, TimestampedModel):
    """How an organisation or a person is invoiced. Kept under the Accounting Act."""

    organisation = optional_organisation("billing_details")
    contact = optional_contact("billing_details")
    billing_name = models.CharField(_("billing name"), max_length=255)
    e_invoice_address = models.CharField(_("e-invoice address (OVT)"), max_length=35, blank=True)
    e_invoice_operator = models.CharField(_("e-invoice operator"), max_length=35, blank=True)
    billing_email = models.EmailField(_("billing email"), blank=True)
    reference = models.CharField(_("reference"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("billing details")
        verbose_name_plural = _("billing details")

    def __str__(self):
        return self.billing_name

    def clean(self):
        super().clean()
        # Not a database constraint: erasure unlinks the person but keeps the record.
        if self._state.adding and not (self.organisation_id or self.contact_id):
            raise ValidationError(_("Billing details belong to an organisation or a contact."))
