import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from ..identifiers import email_key, phone_key
from ..retention import add_months

DUE_SOON_DAYS = 7
MAX_EXTENSION_MONTHS = 2


class DataSubjectRequestQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=DataSubjectRequest.Status.OPEN)

    def overdue(self, today=None):
        return self.open().filter(due_on__lt=today or timezone.localdate())

    def due_soon(self, today=None):
        today = today or timezone.localdate()
        return self.open().filter(
            due_on__gte=today, due_on__lte=today + datetime.timedelta(days=DUE_SOON_DAYS)
        )


class DataSubjectRequest(models.Model):
    """A request by a data subject to use their rights (GDPR art. 15-21).

    Answered within one month of receipt; the deadline may be extended by up
    to two further months with a reason sent to the requester (art. 12(3)).
    Its log entries name it "request #<id>", never the person.
    """

    class Kind(models.TextChoices):
        ACCESS = "access", _("Access to my data")
        RECTIFICATION = "rectification", _("Rectification of my data")
        ERASURE = "erasure", _("Erasure of my data")
        RESTRICTION = "restriction", _("Restriction of processing")
        OBJECTION = "objection", _("Objection to processing")

    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("Awaiting email confirmation")
        OPEN = "open", _("Open")
        COMPLETED = "completed", _("Completed")
        REFUSED = "refused", _("Refused")

    class Channel(models.TextChoices):
        WEB = "web", _("Web form")
        PHONE = "phone", _("Phone")
        LETTER = "letter", _("Letter")
        DESK = "desk", _("At the desk")
        EMAIL = "email", _("Email")

    kind = models.CharField(_("request"), max_length=20, choices=Kind.choices)
    channel = models.CharField(
        _("received by"), max_length=10, choices=Channel.choices, default=Channel.WEB
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.UNCONFIRMED
    )
    language = models.CharField(_("language"), max_length=10, default="fi")
    name = models.CharField(_("name"), max_length=200, blank=True)
    # A request by phone, letter or at the desk may come without one.
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(
        _("phone number"),
        max_length=40,
        blank=True,
        help_text=_("If you have given us a phone number, it helps us find your data."),
    )
    details = models.TextField(
        _("details"),
        blank=True,
        help_text=_("For a correction, tell us what is wrong and what is right."),
    )

    received_at = models.DateTimeField(_("received"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Who recorded a request received by phone, letter, email or at the desk."),
    )
    email_confirmed_at = models.DateTimeField(_("email confirmed"), null=True, blank=True)
    due_on = models.DateField(_("due"))
    extension_months = models.PositiveSmallIntegerField(_("extended by months"), default=0)
    extension_reason = models.TextField(_("reason for extension"), blank=True)

    class IdentityMethod(models.TextChoices):
        STRONG_IDENTIFICATION = "strong_eid", _("Strong electronic identification")
        ID_DOCUMENT = "id_document", _("An identity document was seen")
        KNOWN_EMAIL = "known_email", _("Confirmed from the email address the register holds")
        OTHER = "other", _("Other (described below)")

    identity_method = models.CharField(
        _("identity verified by"), max_length=20, choices=IdentityMethod.choices, blank=True
    )
    identity_check = models.CharField(
        _("identity check"),
        max_length=255,
        blank=True,
        help_text=_("How the identity was checked, for example 'ID seen at the office'."),
    )
    identity_checked_at = models.DateTimeField(_("identity checked"), null=True, blank=True)
    identity_checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("identity checked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    completed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    outcome = models.TextField(_("answer to the requester"), blank=True)

    export_data = models.JSONField(_("export"), null=True, blank=True, editable=False)
    export_expires_at = models.DateTimeField(_("download link expires"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("personal data erased"), null=True, blank=True)

    objects = DataSubjectRequestQuerySet.as_manager()

    KINDS_NEEDING_IDENTITY = (Kind.ACCESS, Kind.ERASURE, Kind.RECTIFICATION)

    class Meta:
        verbose_name = _("data subject request")
        verbose_name_plural = _("data subject requests")
        ordering = ["due_on", "pk"]
        permissions = [
            ("view_processing_record", _("Can view the record of processing activities")),
        ]

    def __str__(self):
        return f"#{self.pk} {self.get_kind_display()}"

    def save(self, *args, **kwargs):
        # Found by the same normal form as every other record of the person.
        self.email = email_key(self.email) or self.email
        self.phone = phone_key(self.phone) or self.phone
        if not self.due_on:
            self.due_on = self.due_date()
        super().save(*args, **kwargs)

    # -- deadlines ---------------------------------------------------------

    @property
    def received_on(self):
        return timezone.localdate(self.received_at)

    def due_date(self):
        return add_months(self.received_on, 1 + self.extension_months)

    def days_left(self, today=None):
        return (self.due_on - (today or timezone.localdate())).days

    @property
    def is_open(self):
        return self.status == self.Status.OPEN

    @property
    def is_overdue(self):
        return self.is_open and self.days_left() < 0

    @property
    def is_due_soon(self):
        return self.is_open and 0 <= self.days_left() <= DUE_SOON_DAYS

    @property
    def identity_confirmed(self):
        return bool(self.email_confirmed_at or self.identity_checked_at)

    @property
    def needs_identity_check(self):
        """Access, erasure and rectification reveal or change a person's data: staff must
        record how they verified who asks before completing one (not only the email)."""
        return self.kind in self.KINDS_NEEDING_IDENTITY and not self.identity_verified

    @property
    def identity_verified(self):
        return bool(
            self.identity_checked_at and self.identity_checked_by_id and self.identity_method
        )

    # -- state changes, each audited ---------------------------------------

    def _log(self, action, user=None, **data):
        """Audit a state change; the entry names the request, never the person."""
        log(self, action, user=user, title=f"request #{self.pk}", data=data)

    @classmethod
    def record_by_staff(cls, user, received_on, **fields):
        """A request received by phone, letter, email or at the desk, recorded by staff.

        Open at once: staff took it, so there is no email to confirm; what they must
        still record before completing one is how the requester's identity was
        verified. The month to answer runs from the day it was received.
        """
        now = timezone.localtime()
        received_at = (
            now
            if received_on == now.date()
            else timezone.make_aware(datetime.datetime.combine(received_on, datetime.time(9)))
        )
        request = cls(status=cls.Status.OPEN, received_at=received_at, recorded_by=user, **fields)
        request.full_clean(exclude=["due_on"])
        request.save()
        request._log("privacy.request.record", user, channel=request.channel)
        return request

    def confirm_email(self):
        if self.status != self.Status.UNCONFIRMED:
            return False
        self.status = self.Status.OPEN
        self.email_confirmed_at = timezone.now()
        self.save(update_fields=["status", "email_confirmed_at"])
        self._log("privacy.request.confirm")
        return True

    def record_identity_check(self, user, method, how=""):
        self.identity_method = method
        self.identity_check = how
        self.identity_checked_at = timezone.now()
        self.identity_checked_by = user
        if self.status == self.Status.UNCONFIRMED:
            self.status = self.Status.OPEN
        self.save(
            update_fields=[
                "identity_method",
                "identity_check",
                "identity_checked_at",
                "identity_checked_by",
                "status",
            ]
        )
        self._log("privacy.request.identity_check", user, method=method)

    def extend(self, user, months, reason):
        if not self.is_open:
            raise ValidationError(_("Only an open request can be extended."))
        if not reason.strip():
            raise ValidationError(_("Give the reason for the extension."))
        if months < 1 or self.extension_months + months > MAX_EXTENSION_MONTHS:
            raise ValidationError(
                _("The deadline can be extended by at most two further months in all.")
            )
        self.extension_months += months
        self.extension_reason = reason
        self.due_on = self.due_date()
        self.save(update_fields=["extension_months", "extension_reason", "due_on"])
        self._log("privacy.request.extend", user, months=months, due_on=self.due_on.isoformat())

    def close(self, user, status, outcome=""):
        self.status = status
        self.completed_at = timezone.now()
        self.handled_by = user
        self.outcome = outcome
        self.save(update_fields=["status", "completed_at", "handled_by", "outcome"])
        self._log(f"privacy.request.{status}", user)

    def anonymise(self):
        """Remove the requester's data; what was asked and when stays as evidence."""
        self.name = self.email = self.phone = self.details = self.outcome = ""
        self.identity_check = ""
        self.export_data = None
        self.export_expires_at = None
        self.anonymised_at = timezone.now()
        self.save()
        self.rectifications.all().delete()
        self.export_links.all().delete()


class RectificationRecord(models.Model):
    """A correction applied for a request: what it was and what it became."""

    request = models.ForeignKey(
        DataSubjectRequest, on_delete=models.CASCADE, related_name="rectifications"
    )
    provider = models.CharField(_("register"), max_length=100)
    field = models.CharField(_("field"), max_length=200)
    # "email" or "phone" when the value is one the person is found by: the old one
    # stays part of who they are (privacy.subjects).
    identifier = models.CharField(_("identifier kind"), max_length=10, blank=True)
    old_value = models.TextField(_("old value"), blank=True)
    new_value = models.TextField(_("new value"), blank=True)
    applied_at = models.DateTimeField(_("applied"), default=timezone.now)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applied by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("rectification")
        verbose_name_plural = _("rectifications")
        ordering = ["applied_at", "pk"]

    def __str__(self):
        return f"{self.provider} {self.field}"


class ExportLink(models.Model):
    """One single-use, short-lived way in to a completed access request's export.

    Only a hash of the token is stored. The token travels in the URL's fragment,
    which browsers never send, and then in a POST body: no web server or proxy
    log holds it. A used or expired link can ask for a new one, which goes to the
    requester's email again.
    """

    request = models.ForeignKey(
        DataSubjectRequest, on_delete=models.CASCADE, related_name="export_links"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("export download link")
        verbose_name_plural = _("export download links")

    def __str__(self):
        return f"export link #{self.pk}"
