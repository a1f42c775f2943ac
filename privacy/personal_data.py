"""Privacy's own personal data: the requests data subjects send and what was corrected.

The notice page holds public content only. The erasure ledger and retention
runs hold no personal data by design; the disclosure log names recipients
(organisations) and the ids of contacts disclosed.
"""

from django.db.models import Q

from .providers import NOT_PERSONAL, PERSONAL, Subject, register
from .retention import retention_cutoff

INVENTORY = {
    "privacy.PrivacyNoticePage": {
        "page_ptr": NOT_PERSONAL,
        "drafted_on": NOT_PERSONAL,
        "introduction": NOT_PERSONAL,
        "sections": NOT_PERSONAL,
    },
    "privacy.DataSubjectRequest": {
        "id": NOT_PERSONAL,
        "kind": NOT_PERSONAL,
        "status": NOT_PERSONAL,
        "language": NOT_PERSONAL,
        "name": (PERSONAL, "name"),
        "email": (PERSONAL, "email"),
        "phone": (PERSONAL, "phone"),
        "details": PERSONAL,
        "received_at": NOT_PERSONAL,
        "email_confirmed_at": NOT_PERSONAL,
        "due_on": NOT_PERSONAL,
        "extension_months": NOT_PERSONAL,
        "extension_reason": NOT_PERSONAL,
        "identity_check": PERSONAL,
        "identity_checked_at": NOT_PERSONAL,
        "identity_checked_by": NOT_PERSONAL,
        "completed_at": NOT_PERSONAL,
        "handled_by": NOT_PERSONAL,
        "outcome": PERSONAL,
        "export_data": PERSONAL,
        "export_expires_at": NOT_PERSONAL,
        "anonymised_at": NOT_PERSONAL,
    },
    "privacy.RectificationRecord": {
        "id": NOT_PERSONAL,
        "request": PERSONAL,
        "provider": NOT_PERSONAL,
        "field": NOT_PERSONAL,
        "old_value": PERSONAL,
        "new_value": PERSONAL,
        "applied_at": NOT_PERSONAL,
        "applied_by": NOT_PERSONAL,
    },
    "privacy.ErasureLedgerEntry": {
        "id": NOT_PERSONAL,
        "identifier_hash": NOT_PERSONAL,  # keyed hash; unlinkable without the key and data
        "erased_at": NOT_PERSONAL,
        "request_id_at_erasure": NOT_PERSONAL,
        "reapplied_at": NOT_PERSONAL,
        "reapplied_count": NOT_PERSONAL,
    },
    "privacy.RetentionRun": {
        "id": NOT_PERSONAL,
        "started_at": NOT_PERSONAL,
        "finished_at": NOT_PERSONAL,
        "cutoff": NOT_PERSONAL,
        "dry_run": NOT_PERSONAL,
        "counts": NOT_PERSONAL,
        "batches": NOT_PERSONAL,
        "longest_batch_seconds": NOT_PERSONAL,
    },
    "privacy.Disclosure": {
        "id": NOT_PERSONAL,
        "recipient": NOT_PERSONAL,
        "recipient_category": NOT_PERSONAL,
        "purpose": NOT_PERSONAL,
        "legal_basis": NOT_PERSONAL,
        "fields": NOT_PERSONAL,
        "outside_eea": NOT_PERSONAL,
        "safeguard": NOT_PERSONAL,
        "contact_ids": PERSONAL,
        "row_count": NOT_PERSONAL,
        "disclosed_at": NOT_PERSONAL,
        "disclosed_by": NOT_PERSONAL,
    },
}


class RequestProvider:
    """Requests a person has sent: exported with their data, anonymised on erasure."""

    label = "privacy.request"

    def _model(self):
        from .models import DataSubjectRequest

        return DataSubjectRequest

    def find(self, subject: Subject):
        condition = Q(pk__in=[])
        if subject.email:
            condition |= Q(email__iexact=subject.email.strip())
        if subject.phone:
            condition |= Q(phone=subject.phone.strip())
        return self._model().objects.filter(condition).exclude(anonymised_at__isnull=False)

    def export(self, subject: Subject):
        from django.utils.translation import gettext as _

        return {
            _("requests"): [
                {
                    _("request"): request.get_kind_display(),
                    _("status"): request.get_status_display(),
                    _("received"): request.received_at.isoformat(),
                    _("due"): request.due_on.isoformat(),
                    _("name"): request.name,
                    _("email"): request.email,
                    _("phone number"): request.phone,
                    _("details"): request.details,
                }
                for request in self.find(subject)
            ]
        }

    def erase(self, subject: Subject):
        requests = list(self.find(subject))
        for request in requests:
            request.anonymise()
        return len(requests)

    def restrict(self, subject: Subject, on: bool):
        return 0  # a request is how restriction is asked for; it stays in use

    def expired(self, now):
        return self._model().objects.filter(
            completed_at__lt=retention_cutoff(now),
        )

    def describe(self):
        from django.utils.translation import gettext_lazy as _

        return {
            "name": _("Data subject requests"),
            "purposes": [_("Answering requests to use data protection rights")],
            "legal_bases": [_("Legal obligation")],
            "data_subjects": [_("People who send a request")],
            "sources": [_("The data subject")],
            "counts": {_("requests"): self._model().objects.count()},
        }


PROVIDER = RequestProvider()


def register_provider():
    register(PROVIDER)
