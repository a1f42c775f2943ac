from datetime import timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.models import AbstractFormSubmission
from wagtail.search import index

from registry.models import LegalBasis
from registry.models.links import optional_contact


class RegistryOutcome(models.TextChoices):
    PENDING = "pending", _("Not yet in the register")
    CREATED = "created", _("Contact created")
    UPDATED = "updated", _("Contact updated")
    NO_EMAIL = "no_email", _("No email to match on")


class IntakeSubmission(index.Indexed, AbstractFormSubmission):
    """One sent form, stored with where it came from and what the sender was told."""

    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=500, blank=True)
    notice_revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("privacy notice version"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    legal_basis = models.CharField(_("legal basis"), max_length=32, choices=LegalBasis.choices)
    purpose = models.CharField(_("purpose"), max_length=255, blank=True)
    consent_given = models.BooleanField(_("consent given"), default=False)
    consent_text = models.TextField(_("consent text shown"), blank=True)
    consent_version = models.ForeignKey(
        "registry.ConsentText",
        verbose_name=_("version of the consent text"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The register's record of the consent, once the register step has made it.
    consent = models.ForeignKey(
        "registry.Consent",
        verbose_name=_("consent in the register"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Normalised copies of the mapped email and phone: what a data-subject request finds.
    submitter_email = models.CharField(_("email"), max_length=254, blank=True, db_index=True)
    submitter_phone = models.CharField(_("phone number"), max_length=20, blank=True)

    contact = optional_contact("form_submissions")
    registry_outcome = models.CharField(
        _("register"),
        max_length=16,
        choices=RegistryOutcome.choices,
        default=RegistryOutcome.PENDING,
    )
    processing_restricted = models.BooleanField(_("processing restricted"), default=False)
    # The random key of the rendered form this came from (see intake.forms): a form sent
    # twice, by a double click or a retry after a lost answer, is stored once. Empty on
    # submissions stored before forms carried a key.
    submission_key = models.UUIDField(_("submission key"), null=True, blank=True, editable=False)

    # Indexed by the submission's own "index" step, not on every save.
    search_auto_update = False
    search_fields = [index.SearchField("search_text"), index.FilterField("page")]

    class Meta:
        verbose_name = _("form submission")
        verbose_name_plural = _("form submissions")
        ordering = ["-submit_time", "-pk"]
        indexes = [models.Index(fields=["page", "-submit_time"])]
        constraints = [
            # Also the index that finds a repeat by its page and key.
            models.UniqueConstraint(
                fields=["page", "submission_key"], name="intake_submission_unique_key"
            )
        ]

    def __str__(self):
        # Names no person: this string lands in audit logs.
        return _("Submission #%(id)s") % {"id": self.pk}

    def get_data(self):
        return {
            **super().get_data(),
            "registry_outcome": self.get_registry_outcome_display(),
        }

    def search_text(self):
        return " ".join(
            ", ".join(map(str, value)) if isinstance(value, list) else str(value)
            for value in self.form_data.values()
            if value not in (None, "")
        )


class SubmissionStep(models.Model):
    """Work done after a submission is stored; retried until done, done once."""

    class Kind(models.TextChoices):
        NOTIFY = "notify", _("Notification email")
        REGISTER = "register", _("Register update")
        INDEX = "index", _("Search index")
        CONFIRM = "confirm", _("Confirmation to the sender")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        DONE = "done", _("Done")
        GAVE_UP = "gave_up", _("Failed, needs attention")

    MAX_ATTEMPTS = 12
    LEASE = timedelta(minutes=5)

    submission = models.ForeignKey(IntakeSubmission, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(_("step"), max_length=16, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    leased_until = models.DateTimeField(null=True, blank=True, editable=False)
    # The exception's class only: messages may quote addresses or names.
    last_error = models.CharField(_("last error"), max_length=255, blank=True)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)

    class Meta:
        verbose_name = _("follow-up step")
        verbose_name_plural = _("follow-up steps")
        ordering = ["submission", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["submission", "kind"], name="intake_step_unique_kind")
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.submission_id}"

    @staticmethod
    def backoff(attempts):
        """One minute after the first failure, doubling up to six hours."""
        return timedelta(minutes=min(2 ** max(attempts - 1, 0), 360))
