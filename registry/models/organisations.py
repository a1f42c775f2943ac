from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from home.validators import validate_business_id

from .choices import IndustryClassification
from .mixins import PostalAddressMixin, TimestampedModel, WebLinkBase


class Organisation(PostalAddressMixin, TimestampedModel, ClusterableModel):
    """A company, association or public body in the register."""

    name = models.CharField(_("name"), max_length=255)
    business_id = models.CharField(
        _("business ID"),
        max_length=9,
        blank=True,
        validators=[validate_business_id],
        help_text=_("Finnish business ID (Y-tunnus), for example 1234567-8."),
    )
    industry_code = models.CharField(
        _("industry code"),
        max_length=5,
        blank=True,
        help_text=_("Code of Statistics Finland's industry classification, for example 62100."),
    )
    industry_classification = models.CharField(
        _("classification"),
        max_length=8,
        choices=IndustryClassification.choices,
        default=IndustryClassification.TOL_2025,
        help_text=_("TOL 2025 since 2026; older codes are TOL 2008."),
    )
    industry = models.CharField(_("industry"), max_length=255, blank=True)
    municipality = models.CharField(_("municipality"), max_length=100, blank=True)
    is_business_customer = models.BooleanField(_("business customer"), default=False)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["business_id"],
                condition=~models.Q(business_id=""),
                name="registry_organisation_unique_business_id",
            )
        ]
        indexes = [
            models.Index(Lower("name"), name="registry_org_name_lower"),
            models.Index(fields=["municipality"]),
        ]

    def __str__(self):
        return self.name


class OrganisationWebLink(WebLinkBase):
    organisation = ParentalKey(Organisation, on_delete=models.CASCADE, related_name="web_links")

    class Meta:
        verbose_name = _("website or profile")
        verbose_name_plural = _("websites and profiles")
