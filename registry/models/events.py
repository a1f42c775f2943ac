from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey

from .choices import CustomerEventChannel, CustomerEventKind
from .links import optional_organisation


class CustomerEvent(models.Model):
    """One contact with the customer. Retention counts 10 years from the latest."""

    contact = ParentalKey("registry.Contact", on_delete=models.CASCADE, related_name="events")
    organisation = optional_organisation("events", models.SET_NULL)
    kind = models.CharField(_("kind"), max_length=20, choices=CustomerEventKind.choices)
    channel = models.CharField(_("channel"), max_length=20, choices=CustomerEventChannel.choices)
    occurred_at = models.DateTimeField(_("when"), default=timezone.now)
    description = models.TextField(_("description"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("customer event")
        verbose_name_plural = _("customer events")
        ordering = ["-occurred_at", "-pk"]
        indexes = [models.Index(fields=["contact", "-occurred_at"])]

    def __str__(self):
        return f"{self.get_kind_display()} {self.occurred_at:%Y-%m-%d}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # Only ever moves forward: a back-dated event does not shorten retention.
        contacts = self._meta.get_field("contact").related_model.objects
        contacts.filter(pk=self.contact_id).filter(
            Q(last_customer_event_at__isnull=True) | Q(last_customer_event_at__lt=self.occurred_at)
        ).update(last_customer_event_at=self.occurred_at)
