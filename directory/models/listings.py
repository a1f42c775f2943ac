"""The listing: the public face of a registry organisation, and what may be shown of it."""

import datetime

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from ..fields import CONTACT_FIELDS, LINKS, VISIBILITY_FIELDS
from ..industries import section_choices, section_for_code

# Paths of the index page that a company slug must not shadow.
RESERVED_SLUGS = {"feed", "suggest", "add"}


class Service(models.Model):
    """A service a business offers, one of the directory's filters."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    # Empty: the Finnish name is shown (see directory.translations).
    name_sv = models.CharField(_("name in Swedish"), max_length=100, blank=True)
    name_en = models.CharField(_("name in English"), max_length=100, blank=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    panels = [FieldPanel("name"), FieldPanel("name_sv"), FieldPanel("name_en"), FieldPanel("slug")]

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.slug = self.slug or slugify(self.name)
        super().save(*args, **kwargs)


class ListingQuerySet(models.QuerySet):
    def public(self):
        """Listings a visitor may see. Every public surface starts here."""
        return self.filter(status=Listing.Status.PUBLIC)


class Listing(models.Model):
    class Status(models.TextChoices):
        HIDDEN = "hidden", _("Hidden")
        PUBLIC = "public", _("Public")
        PENDING = "pending", _("Waiting for approval")

    organisation = models.OneToOneField(
        "registry.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="listing",
    )
    slug = models.SlugField(
        _("address"),
        max_length=120,
        unique=True,
        help_text=_("The company page's address; made from the name and kept when it changes."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )

    # Copied from the organisation (see services.sync_from_organisation) so that
    # search, filters and facets need no join.
    name = models.CharField(_("name"), max_length=255, editable=False)
    city = models.CharField(_("city"), max_length=100, blank=True, editable=False)
    municipality = models.CharField(_("municipality"), max_length=100, blank=True, editable=False)
    industry_section = models.CharField(
        _("industry (TOL 2025 section)"),
        max_length=1,
        choices=section_choices,
        blank=True,
        editable=False,
    )

    description = models.TextField(_("description in Finnish"), blank=True)
    # Empty: the Finnish description is shown, marked as Finnish.
    description_sv = models.TextField(
        _("description in Swedish"),
        blank=True,
        help_text=_("Leave empty to show the Finnish description to Swedish-speaking visitors."),
    )
    description_en = models.TextField(
        _("description in English"),
        blank=True,
        help_text=_("Leave empty to show the Finnish description to English-speaking visitors."),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    services = models.ManyToManyField(
        Service, verbose_name=_("services"), blank=True, related_name="listings"
    )
    services_text = models.TextField(editable=False, blank=True)

    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), max_length=500, blank=True)
    social_profiles = models.JSONField(
        _("social media profiles"),
        default=list,
        blank=True,
        help_text=_("One address a line, for example https://www.facebook.com/yourcompany."),
    )

    show_street_address = models.BooleanField(_("street address is public"), default=True)
    show_phone = models.BooleanField(_("phone is public"), default=True)
    show_email = models.BooleanField(_("email is public"), default=True)
    show_website = models.BooleanField(_("website is public"), default=True)
    show_social_profiles = models.BooleanField(_("social profiles are public"), default=True)
    show_contact_persons = models.BooleanField(_("contact persons are public"), default=False)

    pending_changes = models.JSONField(
        _("changes waiting for approval"), default=dict, blank=True, editable=False
    )
    pending_since = models.DateTimeField(null=True, blank=True, editable=False)

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    published_at = models.DateTimeField(_("first published"), null=True, blank=True)

    # Accuracy (GDPR art. 5(1)(d)): owners confirm once a year (directory.freshness).
    confirmed_at = models.DateTimeField(
        _("last confirmed by the owner"), null=True, blank=True, editable=False
    )
    reminders_sent = models.PositiveSmallIntegerField(
        _("reminders sent since"), default=0, editable=False
    )
    last_reminded_at = models.DateTimeField(
        _("last reminder"), null=True, blank=True, editable=False
    )
    unconfirmed = models.BooleanField(
        _("unconfirmed after reminders"),
        default=False,
        db_index=True,
        editable=False,
        help_text=_("The owners did not confirm the listing after two reminders."),
    )

    # The database engine's search index: weighted name, services and description,
    # NULL while the listing is not public (see directory.search).
    search_vector = SearchVectorField(null=True, editable=False)

    objects = ListingQuerySet.as_manager()

    panels = [
        FieldPanel("organisation"),
        FieldPanel("status"),
        FieldPanel("slug"),
        MultiFieldPanel(
            [FieldPanel("description"), FieldPanel("description_sv"), FieldPanel("description_en")],
            heading=_("Description"),
        ),
        FieldPanel("logo"),
        FieldPanel("services"),
        MultiFieldPanel(
            # Social profiles are a JSON list, which the admin's form would show as JSON.
            [FieldPanel(field.name) for field in CONTACT_FIELDS if field.kind != LINKS],
            heading=_("Public contact details"),
        ),
        MultiFieldPanel(
            [FieldPanel(switch) for switch in VISIBILITY_FIELDS.values()],
            heading=_("Visibility"),
        ),
    ]

    class Meta:
        verbose_name = _("listing")
        verbose_name_plural = _("listings")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["status", "name"]),
            models.Index(fields=["status", "municipality"]),
            models.Index(fields=["status", "industry_section"]),
            models.Index(fields=["status", "-published_at"]),
            GinIndex(fields=["search_vector"], name="directory_listing_search"),
            GinIndex(
                fields=["name"], name="directory_listing_name_trgm", opclasses=["gin_trgm_ops"]
            ),
        ]

    def __str__(self):
        return self.name or str(self.organisation)

    def save(self, *args, **kwargs):
        self.copy_from_organisation()
        if not self.slug:
            self.slug = self.make_slug()
        if self.is_public and self.published_at is None:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)

    @property
    def is_public(self):
        return self.status == self.Status.PUBLIC

    def copy_from_organisation(self):
        organisation = self.organisation
        self.name = organisation.name
        self.city = organisation.city or organisation.municipality
        self.municipality = organisation.municipality or organisation.city
        self.industry_section = section_for_code(
            organisation.industry_code, organisation.industry_classification
        )

    def make_slug(self):
        """From the name; the business ID when the name's slug is taken or empty."""
        organisation = self.organisation
        taken = Listing.objects.exclude(pk=self.pk)
        candidates = [slugify(organisation.name), slugify(organisation.business_id)]
        for candidate in candidates:
            if (
                candidate
                and candidate not in RESERVED_SLUGS
                and not taken.filter(slug=candidate).exists()
            ):
                return candidate
        base = slugify(f"{organisation.name} {organisation.business_id}") or "yritys"
        return f"{base}-{organisation.pk}"


class EditLink(models.Model):
    """One emailed owner edit link: single use, expiring, for one listing and one recipient."""

    VALID_FOR = datetime.timedelta(hours=48)

    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="edit_links")
    contact = models.ForeignKey(
        "registry.Contact",
        verbose_name=_("sent to"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    used_at = models.DateTimeField(_("used"), null=True, blank=True)
    sent_by_staff = models.BooleanField(_("sent by staff"), default=False)
    # A keyed hash of the address the link was emailed to, never the address: the
    # link and its edit session stop working when the contact's email changes
    # (directory.edit_links.recipient_is_current).
    recipient_hash = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = _("edit link")
        verbose_name_plural = _("edit links")
        ordering = ["-created_at"]

    def __str__(self):
        return f"edit link #{self.pk}"

    def save(self, *args, **kwargs):
        if self.expires_at is None:
            self.expires_at = self.created_at + self.VALID_FOR
        super().save(*args, **kwargs)
