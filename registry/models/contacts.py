from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from privacy.identifiers import normalise_email, normalise_phone

from .audit import audit_label_for
from .choices import CustomerEventChannel, CustomerEventKind, DataSource, LegalBasis
from .events import CustomerEvent
from .mixins import PostalAddressMixin, TimestampedModel, WebLinkBase


class ContactQuerySet(models.QuerySet):
    def unrestricted(self):
        """Contacts whose processing is not restricted (GDPR art. 18)."""
        return self.filter(processing_restricted=False)

    def with_email(self, email):
        return self.filter(email=normalise_email(email))

    def with_active_consent(self):
        """Contacts with a consent not withdrawn: those processing based on consent may reach."""
        return self.filter(consents__withdrawn_at__isnull=True).distinct()


class Contact(PostalAddressMixin, TimestampedModel, ClusterableModel):
    """A person in the register."""

    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    last_name = models.CharField(_("last name"), max_length=100, blank=True)
    position = models.CharField(_("position"), max_length=150, blank=True)
    email = models.EmailField(
        _("email"),
        max_length=254,
        blank=True,
        help_text=_("Stored in lower case; no two contacts share an address."),
    )
    notes = models.TextField(_("notes"), blank=True)

    legal_basis = models.CharField(
        _("legal basis"), max_length=32, choices=LegalBasis.choices, blank=True
    )
    source = models.CharField(
        _("source of the data"), max_length=32, choices=DataSource.choices, blank=True
    )

    # Moved by every CustomerEvent; retention deletes 10 years after it.
    last_customer_event_at = models.DateTimeField(
        _("last customer event"), null=True, blank=True, editable=False, db_index=True
    )

    processing_restricted = models.BooleanField(
        _("processing restricted"), default=False, db_index=True
    )
    restriction_reason = models.TextField(_("reason for restriction"), blank=True)
    restricted_at = models.DateTimeField(_("restricted on"), null=True, blank=True)

    objects = ContactQuerySet.as_manager()

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["last_name", "first_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                condition=~models.Q(email=""),
                name="registry_contact_unique_email",
                violation_error_message=_("Another contact already has this email address."),
            )
        ]
        indexes = [models.Index(fields=["last_name", "first_name"])]
        permissions = [
            ("view_access_log_contact", "Can see who viewed or exported a contact"),
        ]

    def __str__(self):
        return self.full_name or self.email or _("Contact %(id)s") % {"id": self.pk}

    @property
    def audit_label(self):
        """How audit logs name this person: by id, never by personal data."""
        return audit_label_for(type(self), self.pk)

    @property
    def full_name(self):
        return " ".join(part for part in (self.first_name, self.last_name) if part)

    @classmethod
    def from_db(cls, db, field_names, values):
        contact = super().from_db(db, field_names, values)
        contact._stored_email = contact.__dict__.get("email", "")
        return contact

    def clean(self):
        super().clean()
        self.email = normalise_email(self.email)

    def save(self, *args, **kwargs):
        self.email = (self.email or "").strip().lower()
        super().save(*args, **kwargs)
        # The address it had stays part of who the person is: an erasure or an access
        # request from the new address still finds what was filed under the old one.
        stored = getattr(self, "_stored_email", "")
        if stored and stored != self.email:
            FormerEmail.objects.get_or_create(contact=self, email=stored)
        self._stored_email = self.email

    def restrict(self, reason):
        self.processing_restricted = True
        self.restriction_reason = reason
        self.restricted_at = timezone.now()
        self.save(update_fields=["processing_restricted", "restriction_reason", "restricted_at"])

    def lift_restriction(self):
        self.processing_restricted = False
        self.restriction_reason = ""
        self.restricted_at = None
        self.save(update_fields=["processing_restricted", "restriction_reason", "restricted_at"])


class FormerEmail(models.Model):
    """An address the contact had before a change: kept to find their older records."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="former_emails")
    email = models.EmailField(_("email"), max_length=254)
    replaced_at = models.DateTimeField(_("replaced"), default=timezone.now)

    class Meta:
        verbose_name = _("former email address")
        verbose_name_plural = _("former email addresses")
        constraints = [
            models.UniqueConstraint(
                fields=["contact", "email"], name="registry_unique_former_email"
            )
        ]
        indexes = [models.Index(fields=["email"])]

    def __str__(self):
        return self.email


class ContactPhone(models.Model):
    contact = ParentalKey(Contact, on_delete=models.CASCADE, related_name="phones")
    number = models.CharField(
        _("phone number"),
        max_length=20,
        help_text=_("Saved in international form, for example +358401234567."),
    )
    label = models.CharField(_("label"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("phone number")
        verbose_name_plural = _("phone numbers")
        indexes = [models.Index(fields=["number"])]

    def __str__(self):
        return self.number

    def clean(self):
        super().clean()
        self.number = normalise_phone(self.number)


class ContactWebLink(WebLinkBase):
    contact = ParentalKey(Contact, on_delete=models.CASCADE, related_name="web_links")

    class Meta:
        verbose_name = _("website or profile")
        verbose_name_plural = _("websites and profiles")


class Membership(models.Model):
    """A contact's role in an organisation."""

    contact = ParentalKey(Contact, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        "registry.Organisation", on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=150, blank=True)
    started_on = models.DateField(_("started"), null=True, blank=True)
    ended_on = models.DateField(_("ended"), null=True, blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["contact", "organisation", "role"], name="registry_unique_membership"
            )
        ]

    def __str__(self):
        return f"{self.organisation} ({self.role})" if self.role else str(self.organisation)


class IPAddressSeen(models.Model):
    """An IP address a contact's data came from (the notice lists IP addresses)."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="ip_addresses")
    ip_address = models.GenericIPAddressField(_("IP address"))
    seen_at = models.DateTimeField(_("seen"), default=timezone.now)
    seen_where = models.CharField(
        _("where"), max_length=255, help_text=_("For example the web form that was sent.")
    )

    class Meta:
        verbose_name = _("IP address seen")
        verbose_name_plural = _("IP addresses seen")
        ordering = ["-seen_at"]

    def __str__(self):
        return self.ip_address


class ConsentText(models.Model):
    """One version of a consent text where it is asked (a web form, say).

    A changed text is a new version; each consent points at the version it was given
    with, and keeps its own copy of the words, so an edit never rewrites what was agreed.
    """

    source = models.CharField(
        _("asked at"), max_length=100, help_text=_("For example 'form page #12'.")
    )
    version = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("text"))
    recorded_at = models.DateTimeField(_("in use from"), default=timezone.now)

    class Meta:
        verbose_name = _("consent text")
        verbose_name_plural = _("consent texts")
        ordering = ["source", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "version"], name="registry_consent_text_unique_version"
            )
        ]

    def __str__(self):
        return f"{self.source} v{self.version}"

    @classmethod
    def in_force(cls, source, text):
        """The version of `text` at `source`: the latest if unchanged, else a new one."""
        for _attempt in range(3):
            latest = cls.objects.filter(source=source).order_by("-version").first()
            if latest is not None and latest.text == text:
                return latest
            try:
                with transaction.atomic():
                    return cls.objects.create(
                        source=source, version=(latest.version if latest else 0) + 1, text=text
                    )
            except IntegrityError:
                continue  # another request recorded the same change a moment ago
        raise IntegrityError(f"could not record a version of the consent text at {source}")


class ConsentQuerySet(models.QuerySet):
    def active(self):
        """Consents given and not withdrawn: the only ones processing may rest on."""
        return self.filter(withdrawn_at__isnull=True)


class Consent(models.Model):
    """Consent as its own record: what, the exact text shown, when, how, and withdrawal."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("consented to"), max_length=255)
    text_shown = models.TextField(_("text shown"))
    text_version = models.ForeignKey(
        ConsentText,
        verbose_name=_("version of the text"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="consents",
    )
    given_at = models.DateTimeField(_("given"), default=timezone.now)
    method = models.CharField(
        _("how"), max_length=100, help_text=_("For example 'web form checkbox' or 'signed form'.")
    )
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawal_method = models.CharField(_("how withdrawn"), max_length=100, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ConsentQuerySet.as_manager()

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-given_at"]

    def __str__(self):
        return self.purpose

    @property
    def is_active(self):
        return self.withdrawn_at is None

    def withdraw(self, method, channel=CustomerEventChannel.OTHER, when=None, user=None):
        """Record the withdrawal and its source, and a customer event on the contact.

        From then on the consent counts as absent wherever consent gates processing
        (`ConsentQuerySet.active`). Returns False when it was withdrawn already.
        """
        if not self.is_active:
            return False
        self.withdrawn_at = when or timezone.now()
        self.withdrawal_method = method
        self.save(update_fields=["withdrawn_at", "withdrawal_method"])
        CustomerEvent.objects.create(
            contact_id=self.contact_id,
            kind=CustomerEventKind.CONSENT_WITHDRAWN,
            channel=channel,
            occurred_at=self.withdrawn_at,
            description=_("Consent withdrawn: %(purpose)s (%(how)s)")
            % {"purpose": self.purpose, "how": method},
            recorded_by=user,
        )
        return True
