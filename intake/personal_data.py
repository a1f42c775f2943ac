"""Personal data the web forms hold: submissions and the changes they propose."""

from django.db.models import Q
from django.utils import timezone

from privacy.providers import NOT_PERSONAL, PERSONAL, Subject
from registry.normalise import normalise_email, normalise_phone

from .models import IntakeSubmission, ProposedChange

RETENTION_YEARS = 10


def retention_cutoff(now):
    """The moment 10 years before `now` (29 February falls back to the 28th)."""
    try:
        return now.replace(year=now.year - RETENTION_YEARS)
    except ValueError:
        return now.replace(year=now.year - RETENTION_YEARS, day=28)


def _normalised(normalise, value):
    try:
        return normalise(value) if value else ""
    except Exception:  # noqa: BLE001 - an unparseable identifier matches nothing
        return ""


def _iso(value):
    return timezone.localtime(value).isoformat() if value else None


class SubmissionProvider:
    label = "intake.submission"

    def find(self, subject: Subject):
        query = Q(pk__in=[])
        email = _normalised(normalise_email, subject.email)
        phone = _normalised(normalise_phone, subject.phone)
        if email:
            query |= Q(submitter_email=email)
        if phone:
            query |= Q(submitter_phone=phone)
        if subject.contact_id:
            query |= Q(contact_id=subject.contact_id)
        return IntakeSubmission.objects.filter(query)

    def export(self, subject: Subject):
        submissions = self.find(subject).select_related("page", "notice_revision")
        return {
            "form submissions": [
                {
                    "form": submission.page.title,
                    "sent": _iso(submission.submit_time),
                    "answers": {
                        label: submission.form_data.get(name)
                        for name, label in submission.page.specific.get_data_fields()
                        if name in submission.form_data
                    },
                    "IP address": submission.ip_address,
                    "browser": submission.user_agent,
                    "privacy notice version": submission.notice_revision_id,
                    "legal basis": submission.get_legal_basis_display(),
                    "purpose": submission.purpose,
                    "consent text shown": submission.consent_text,
                    "processing restricted": submission.processing_restricted,
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


class ProposedChangeProvider:
    label = "intake.proposedchange"

    def find(self, subject: Subject):
        query = Q(pk__in=[])
        email = _normalised(normalise_email, subject.email)
        if email:
            query |= Q(contact__email=email) | Q(submission__submitter_email=email)
        if subject.contact_id:
            query |= Q(contact_id=subject.contact_id)
        phone = _normalised(normalise_phone, subject.phone)
        if phone:
            query |= Q(submission__submitter_phone=phone)
        return ProposedChange.objects.filter(query)

    def export(self, subject: Subject):
        return {
            "proposed changes": [
                {
                    "field": str(change.field_label),
                    "value in the register": change.current_value,
                    "submitted value": change.proposed_value,
                    "status": change.get_status_display(),
                    "proposed": _iso(change.proposed_at),
                    "decided": _iso(change.decided_at),
                }
                for change in self.find(subject)
            ]
        }

    def erase(self, subject: Subject):
        deleted, _by_model = self.find(subject).delete()
        return deleted

    def restrict(self, subject: Subject, on: bool):
        # Nothing is stored here for it: a change to a contact whose processing is
        # restricted (the registry's flag) cannot be accepted (see changes.decide).
        return 0

    def expired(self, now):
        return ProposedChange.objects.filter(
            contact__last_customer_event_at__lt=retention_cutoff(now)
        )


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
