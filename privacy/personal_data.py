"""Privacy's own personal data: the requests data subjects send and what was corrected.

The notice page holds public content only. The erasure ledger and retention
runs hold no personal data by design; the disclosure log names recipients
(organisations) and the ids of contacts disclosed.
"""

import datetime

from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import DataSubjectRequest, Disclosure, ExportLink, RectificationRecord
from .providers import EMAIL, NOT_PERSONAL, PERSONAL, PHONE, BaseProvider, Subject
from .retention import retention_cutoff

# An unconfirmed request is removed after this many days.
UNCONFIRMED_DAYS = 7

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
        "channel": NOT_PERSONAL,
        "status": NOT_PERSONAL,
        "language": NOT_PERSONAL,
        "name": (PERSONAL, "name"),
        "email": (PERSONAL, "email"),
        "phone": (PERSONAL, "phone"),
        "details": PERSONAL,
        "received_at": NOT_PERSONAL,
        "recorded_by": NOT_PERSONAL,
        "email_confirmed_at": NOT_PERSONAL,
        "due_on": NOT_PERSONAL,
        "extension_months": NOT_PERSONAL,
        "extension_reason": NOT_PERSONAL,
        "identity_method": NOT_PERSONAL,
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
        "identifier": NOT_PERSONAL,
        "old_value": PERSONAL,
        "new_value": PERSONAL,
        "applied_at": NOT_PERSONAL,
        "applied_by": NOT_PERSONAL,
    },
    "privacy.ExportLink": {
        "id": NOT_PERSONAL,
        "request": PERSONAL,
        "token_hash": NOT_PERSONAL,
        "created_at": NOT_PERSONAL,
        "expires_at": NOT_PERSONAL,
        "used_at": NOT_PERSONAL,
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


def _when(value):
    return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT") if value else ""


class RequestProvider(BaseProvider):
    """Requests a person has sent: exported with their data, anonymised on erasure.

    A rectification's old and new emails and phone numbers stay part of the person's
    identity graph, so an erasure asked from the new address finds the old records.
    Unconfirmed requests are removed after `UNCONFIRMED_DAYS`: nobody proved the
    address was theirs, and the email sent to it is all that happened.
    """

    label = "privacy.request"
    models = [DataSubjectRequest, RectificationRecord, ExportLink]

    def find(self, subject: Subject):
        condition = Q(email__in=sorted(subject.emails)) | Q(phone__in=sorted(subject.phones))
        rectified = RectificationRecord.objects.filter(
            Q(identifier=EMAIL, old_value__in=sorted(subject.emails))
            | Q(identifier=EMAIL, new_value__in=sorted(subject.emails))
            | Q(identifier=PHONE, old_value__in=sorted(subject.phones))
            | Q(identifier=PHONE, new_value__in=sorted(subject.phones))
        ).values("request_id")
        return DataSubjectRequest.objects.filter(condition | Q(pk__in=rectified)).filter(
            anonymised_at__isnull=True
        )

    def identifiers(self, subject: Subject):
        requests = self.find(subject)
        found = {(EMAIL, email) for email in requests.values_list("email", flat=True)}
        found |= {(PHONE, phone) for phone in requests.values_list("phone", flat=True)}
        for kind, old, new in RectificationRecord.objects.filter(
            request__in=requests, identifier__in=[EMAIL, PHONE]
        ).values_list("identifier", "old_value", "new_value"):
            found |= {(kind, old), (kind, new)}
        return {item for item in found if item[1]}

    def all_identifiers(self):
        for email, phone in DataSubjectRequest.objects.filter(
            anonymised_at__isnull=True
        ).values_list("email", "phone"):
            if email:  # a request staff recorded from a phone call may have none
                yield (EMAIL, email)
            if phone:
                yield (PHONE, phone)
        for kind, old, new in RectificationRecord.objects.filter(
            identifier__in=[EMAIL, PHONE]
        ).values_list("identifier", "old_value", "new_value"):
            yield (kind, old)
            yield (kind, new)

    def export(self, subject: Subject):
        requests = self.find(subject).prefetch_related("rectifications")
        return {
            _("requests"): [
                {
                    _("request"): request.get_kind_display(),
                    _("status"): request.get_status_display(),
                    _("received"): _when(request.received_at),
                    _("due"): formats.date_format(request.due_on, "DATE_FORMAT"),
                    _("name"): request.name,
                    _("email"): request.email,
                    _("phone number"): request.phone,
                    _("details"): request.details,
                    _("corrections made"): [
                        {
                            _("field"): record.field,
                            _("old value"): record.old_value,
                            _("new value"): record.new_value,
                            _("applied"): _when(record.applied_at),
                        }
                        for record in request.rectifications.all()
                    ],
                }
                for request in requests
            ]
        }

    def erase(self, subject: Subject):
        requests = list(self.find(subject))
        for request in requests:
            request.anonymise()
        return len(requests)

    # A request is how restriction is asked for: it stays in use, nothing to restrict.

    def expired(self, now):
        return DataSubjectRequest.objects.filter(
            Q(completed_at__lt=retention_cutoff(now))
            | Q(
                status=DataSubjectRequest.Status.UNCONFIRMED,
                received_at__lt=now - datetime.timedelta(days=UNCONFIRMED_DAYS),
            )
        )

    def describe(self):
        return {
            "name": gettext_lazy("Data subject requests"),
            "purposes": [gettext_lazy("Answering requests to use data protection rights")],
            "legal_bases": [gettext_lazy("Legal obligation")],
            "data_subjects": [gettext_lazy("People who send a request")],
            "sources": [gettext_lazy("The data subject")],
            "counts": {gettext_lazy("requests"): DataSubjectRequest.objects.count()},
        }


class DisclosureProvider(BaseProvider):
    """The disclosure log names the contacts whose data went to a recipient (art. 30).

    An erased person's id leaves the log's list; the entry itself, with its count,
    stays as the record of what was disclosed.
    """

    label = "privacy.disclosure"
    models = [Disclosure]

    def _disclosures(self, subject):
        # A JSON list: matched in Python, the log is small and this runs per request.
        return [
            disclosure
            for disclosure in Disclosure.objects.order_by("pk")
            if subject.contact_ids & set(disclosure.contact_ids)
        ]

    def find(self, subject: Subject):
        return Disclosure.objects.filter(pk__in=[d.pk for d in self._disclosures(subject)])

    def export(self, subject: Subject):
        return {
            _("disclosures of your data"): [
                {
                    _("recipient"): disclosure.recipient,
                    _("recipient category"): disclosure.get_recipient_category_display(),
                    _("purpose"): disclosure.get_purpose_display(),
                    _("disclosed"): _when(disclosure.disclosed_at),
                }
                for disclosure in self._disclosures(subject)
            ]
        }

    def erase(self, subject: Subject):
        disclosures = self._disclosures(subject)
        for disclosure in disclosures:
            disclosure.contact_ids = [
                pk for pk in disclosure.contact_ids if pk not in subject.contact_ids
            ]
            disclosure.save(update_fields=["contact_ids"])
        return len(disclosures)


PROVIDERS = [RequestProvider(), DisclosureProvider()]
