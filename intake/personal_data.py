"""Personal data the web forms hold: submissions, the changes they propose, and the
staff addresses that receive the notifications."""

from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from wagtail.models import Revision

from privacy.providers import EMAIL, NOT_PERSONAL, PERSONAL, PHONE, BaseProvider, Subject
from privacy.retention import retention_cutoff

from .models import FormPage, IntakeSubmission, ProposedChange


def _when(value):
    return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT") if value else ""


def _submissions_of(subject: Subject, prefix=""):
    """The person's submissions: by email or contact; by phone only where the
    submission names no other email (a number may be a shared switchboard)."""
    emails, phones = sorted(subject.emails), sorted(subject.phones)
    condition = Q(**{f"{prefix}contact_id__in": sorted(subject.contact_ids)})
    if emails:
        condition |= Q(**{f"{prefix}submitter_email__in": emails})
    if phones:
        by_phone = Q(**{f"{prefix}submitter_phone__in": phones})
        if emails:  # given alone (staff checked who asks), a number identifies the person
            by_phone &= Q(**{f"{prefix}submitter_email": ""}) | Q(
                **{f"{prefix}submitter_email__in": emails}
            )
        condition |= by_phone
    return condition


class SubmissionProvider(BaseProvider):
    label = "intake.submission"
    models = [IntakeSubmission]

    def find(self, subject: Subject):
        return IntakeSubmission.objects.filter(_submissions_of(subject))

    def identifiers(self, subject: Subject):
        found = set()
        for email, phone, contact_id in self.find(subject).values_list(
            "submitter_email", "submitter_phone", "contact_id"
        ):
            found |= {(EMAIL, email), (PHONE, phone), ("contact", contact_id)}
        return {item for item in found if item[1]}

    def all_identifiers(self):
        for email, phone in IntakeSubmission.objects.values_list(
            "submitter_email", "submitter_phone"
        ).iterator():
            if email:
                yield (EMAIL, email)
            if phone:
                yield (PHONE, phone)

    def export(self, subject: Subject):
        submissions = self.find(subject).select_related(
            "page", "notice_revision", "consent_version"
        )
        return {
            _("form submissions"): [
                {
                    _("form"): submission.page.title,
                    _("sent"): _when(submission.submit_time),
                    _("answers"): {
                        label: submission.form_data.get(name)
                        for name, label in submission.page.specific.get_data_fields()
                        if name in submission.form_data
                    },
                    _("IP address"): submission.ip_address,
                    _("browser"): submission.user_agent,
                    _("privacy notice version"): submission.notice_revision_id,
                    _("legal basis"): submission.get_legal_basis_display(),
                    _("purpose"): submission.purpose,
                    _("consent text shown"): submission.consent_text,
                    _("version of the consent text"): (
                        submission.consent_version.version if submission.consent_version else ""
                    ),
                    _("processing restricted"): submission.processing_restricted,
                }
                for submission in submissions
            ]
        }

    def erase(self, subject: Subject):
        # Deleting also removes each submission from the search index (see apps.py)
        # and its follow-up steps and, through SET_NULL, unlinks proposed changes.
        submissions = list(self.find(subject))
        for submission in submissions:
            submission.delete()
        return len(submissions)

    def restrict(self, subject: Subject, on: bool):
        return self.find(subject).update(processing_restricted=on)

    def expired(self, now):
        cutoff = retention_cutoff(now)
        return IntakeSubmission.objects.filter(
            Q(contact__isnull=True, submit_time__lt=cutoff)
            | Q(contact__last_customer_event_at__lt=cutoff)
        )


class ProposedChangeProvider(BaseProvider):
    label = "intake.proposedchange"
    models = [ProposedChange]

    def find(self, subject: Subject):
        condition = _submissions_of(subject, prefix="submission__") | Q(
            contact_id__in=sorted(subject.contact_ids)
        )
        return ProposedChange.objects.filter(condition)

    def export(self, subject: Subject):
        return {
            _("proposed changes"): [
                {
                    _("field"): str(change.field_label),
                    _("value in the register"): change.current_value,
                    _("submitted value"): change.proposed_value,
                    _("status"): change.get_status_display(),
                    _("proposed"): _when(change.proposed_at),
                    _("decided"): _when(change.decided_at),
                }
                for change in self.find(subject)
            ]
        }

    def erase(self, subject: Subject):
        deleted, _by_model = self.find(subject).delete()
        return deleted

    # Restriction needs nothing stored here: a change to a contact whose processing
    # is restricted (the registry's flag) cannot be accepted (see changes.decide).

    def expired(self, now):
        return ProposedChange.objects.filter(
            contact__last_customer_event_at__lt=retention_cutoff(now)
        )


class FormRecipientProvider(BaseProvider):
    """Staff addresses that receive a form's notifications (an employee's own address)."""

    label = "intake.form_recipient"
    models = [FormPage]

    def _pages(self, subject):
        return [
            page
            for page in FormPage.objects.exclude(to_address="")
            if subject.emails & set(page.notification_addresses())
        ]

    def find(self, subject: Subject):
        return FormPage.objects.filter(pk__in=[page.pk for page in self._pages(subject)])

    def export(self, subject: Subject):
        return {_("forms whose notifications you receive"): [p.title for p in self._pages(subject)]}

    def erase(self, subject: Subject):
        pages = self._pages(subject)
        for page in pages:
            kept = ", ".join(
                address
                for address in page.notification_addresses()
                if address not in subject.emails
            )
            FormPage.objects.filter(pk=page.pk).update(to_address=kept)
            # Drafts and earlier versions hold the address too.
            for revision in Revision.objects.for_instance(page):
                revision.content["to_address"] = kept
                revision.save(update_fields=["content"])
        return len(pages)


PROVIDERS = [SubmissionProvider(), ProposedChangeProvider(), FormRecipientProvider()]


# Every field of every intake model, classified.
INVENTORY = {
    "intake.FormPage": {
        "page_ptr": NOT_PERSONAL,
        "to_address": PERSONAL,  # staff addresses that receive the notifications
        "from_address": NOT_PERSONAL,
        "subject": NOT_PERSONAL,
        "introduction": NOT_PERSONAL,
        "thank_you_text": NOT_PERSONAL,
        "legal_basis": NOT_PERSONAL,
        "purpose": NOT_PERSONAL,
        "consent_text": NOT_PERSONAL,
        "submit_label": NOT_PERSONAL,
    },
    "intake.FormField": {
        "id": NOT_PERSONAL,
        "sort_order": NOT_PERSONAL,
        "clean_name": NOT_PERSONAL,
        "label": NOT_PERSONAL,
        "field_type": NOT_PERSONAL,
        "required": NOT_PERSONAL,
        "choices": NOT_PERSONAL,
        "default_value": NOT_PERSONAL,
        "help_text": NOT_PERSONAL,
        "page": NOT_PERSONAL,
        "maps_to": NOT_PERSONAL,
    },
    "intake.IntakeSubmission": {
        "id": NOT_PERSONAL,
        "form_data": PERSONAL,
        "page": NOT_PERSONAL,
        "submit_time": PERSONAL,
        "ip_address": PERSONAL,
        "user_agent": PERSONAL,
        "notice_revision": NOT_PERSONAL,
        "legal_basis": NOT_PERSONAL,
        "purpose": NOT_PERSONAL,
        "consent_given": PERSONAL,
        "consent_text": NOT_PERSONAL,
        "consent_version": NOT_PERSONAL,
        "consent": PERSONAL,
        "submitter_email": PERSONAL,
        "submitter_phone": PERSONAL,
        "contact": PERSONAL,
        "registry_outcome": NOT_PERSONAL,
        "processing_restricted": PERSONAL,
        # A random number the server put in the form, like "id" it says nothing about
        # the sender and goes with the submission when that is erased; not exported.
        "submission_key": NOT_PERSONAL,
    },
    "intake.SubmissionStep": {
        "id": NOT_PERSONAL,
        "submission": NOT_PERSONAL,
        "kind": NOT_PERSONAL,
        "status": NOT_PERSONAL,
        "attempts": NOT_PERSONAL,
        "next_attempt_at": NOT_PERSONAL,
        "leased_until": NOT_PERSONAL,
        "last_error": NOT_PERSONAL,
        "done_at": NOT_PERSONAL,
    },
    # Like the follow-up steps: a row that goes with its submission and says nothing
    # about the sender beyond it (the withdrawal itself is on the register's consent).
    "intake.ConsentLink": {
        "id": NOT_PERSONAL,
        "submission": NOT_PERSONAL,
        "scope": NOT_PERSONAL,
        "created_at": NOT_PERSONAL,
        "expires_at": NOT_PERSONAL,
        "used_at": NOT_PERSONAL,
    },
    "intake.ProposedChange": {
        "id": NOT_PERSONAL,
        "contact": PERSONAL,
        "organisation": NOT_PERSONAL,
        "submission": NOT_PERSONAL,
        "field": NOT_PERSONAL,
        "current_value": PERSONAL,
        "proposed_value": PERSONAL,
        "status": NOT_PERSONAL,
        "proposed_at": NOT_PERSONAL,
        "decided_at": NOT_PERSONAL,
        "decided_by": PERSONAL,
    },
}
