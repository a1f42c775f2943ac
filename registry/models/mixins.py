from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from .choices import WebLinkKind


class TimestampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class PostalAddressMixin(models.Model):
    """A Finnish postal address, with the panel that edits it."""

    street_address = models.CharField(_("street address"), max_length=255, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("post office"), max_length=100, blank=True)
    country = models.CharField(_("country"), max_length=2, default="FI")

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("street_address"),
                FieldPanel("postcode"),
                FieldPanel("city"),
                FieldPanel("country"),
            ],
            heading=_("Postal address"),
        )
    ]

    class Meta:
        abstract = True

    @property
    def postal_address_lines(self):
        city_line = " ".join(part for part in (self.postcode, self.city) if part)
        return [line for line in (self.street_address, city_line) if line]


class WebLinkBase(models.Model):
    """A website or a social media profile (the notice lists both)."""

    kind = models.CharField(
        _("kind"), max_length=20, choices=WebLinkKind.choices, default=WebLinkKind.WEBSITE
    )
    url = models.URLField(_("address"), max_length=500)

    panels = [FieldPanel("kind"), FieldPanel("url")]

    class Meta:
        abstract = True

    def __str__(self):
        return self.url
