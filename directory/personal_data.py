"""What the directory holds about people, for data-subject requests and retention.

A listing is a company's public face and is not about a person, but its public
phone, email and social profiles may be a sole trader's own, and an edit link
names the registry contact it was emailed to. Contact persons shown on company
pages are read from the register at request time and not stored here.
"""

import datetime

import phonenumbers
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from privacy.identifiers import email_key, phone_key
from privacy.providers import EMAIL, NOT_PERSONAL, PERSONAL, BaseProvider, Subject
from privacy.retention import retention_cutoff

from .fields import OWNER_FIELDS, VISIBILITY_FIELDS
from .models import EditLink, Listing, ListingApplication

INVENTORY = {
    "directory.Service": {
        "id": NOT_PERSONAL,
        "name": NOT_PERSONAL,
        "name_sv": NOT_PERSONAL,
        "name_en": NOT_PERSONAL,
        "slug": NOT_PERSONAL,
    },
    "directory.Listing": {
        "id": NOT_PERSONAL,
        "organisation": NOT_PERSONAL,
        "slug": NOT_PERSONAL,
        "status": NOT_PERSONAL,
        "name": NOT_PERSONAL,
        "city": NOT_PERSONAL,
        "municipality": NOT_PERSONAL,
        "industry_section": NOT_PERSONAL,
        "logo": NOT_PERSONAL,
        "services_text": NOT_PERSONAL,
        # The owner's fields, and the switch of each the owner may hide (directory.fields).
        **{field.name: PERSONAL if field.personal else NOT_PERSONAL for field in OWNER_FIELDS},
        **dict.fromkeys(VISIBILITY_FIELDS.values(), NOT_PERSONAL),
        "pending_changes": PERSONAL,
        "pending_since": NOT_PERSONAL,
        "created_at": NOT_PERSONAL,
        "updated_at": NOT_PERSONAL,
        "published_at": NOT_PERSONAL,
        "search_vector": NOT_PERSONAL,
        "confirmed_at": NOT_PERSONAL,
        "reminders_sent": NOT_PERSONAL,
        "last_reminded_at": NOT_PERSONAL,
        "unconfirmed": NOT_PERSONAL,
    },
    "directory.ListingDailyCount": {
        "id": NOT_PERSONAL,
        "listing": NOT_PERSONAL,
        "day": NOT_PERSONAL,
        "views": NOT_PERSONAL,
        "impressions": NOT_PERSONAL,
    },
    "directory.ListingApplication": {
        "id": NOT_PERSONAL,
        "kind": NOT_PERSONAL,
        "status": NOT_PERSONAL,
        "business_id": NOT_PERSONAL,
        "company_name": NOT_PERSONAL,
        "municipality": NOT_PERSONAL,
        "description": NOT_PERSONAL,
        "from_trade_register": NOT_PERSONAL,
        "listing": NOT_PERSONAL,
        "first_name": (PERSONAL, "name"),
        "last_name": (PERSONAL, "name"),
        "role": (PERSONAL, "position"),
        "email": (PERSONAL, "email"),
        "phone": (PERSONAL, "phone"),
        "consent_text": PERSONAL,
        "language": PERSONAL,
        "created_at": PERSONAL,
        "decided_at": PERSONAL,
        "decided_by": PERSONAL,
        "rejection_reason": PERSONAL,
    },
    "directory.EditLink": {
        "id": NOT_PERSONAL,
        "listing": NOT_PERSONAL,
        "contact": PERSONAL,
        "created_at": PERSONAL,
        "expires_at": PERSONAL,
        "used_at": PERSONAL,
        "sent_by_staff": PERSONAL,
        "recipient_hash": PERSONAL,
    },
    "directory.DirectorySettings": {
        "id": NOT_PERSONAL,
        "site": NOT_PERSONAL,
        "owner_text_needs_approval": NOT_PERSONAL,
    },
    "directory.DirectoryIndexPage": {
        "page_ptr": NOT_PERSONAL,
        "introduction": NOT_PERSONAL,
        "per_page": NOT_PERSONAL,
    },
}


def _when(value):
    return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT") if value else ""


class DirectoryListingProvider(BaseProvider):
    """Listings whose phone or email is the person's own (a sole trader's, say).

    Erasure empties those fields, in what is published and in what waits for
    approval; the listing's page, JSON-LD and search index follow its save.
    """

    label = "directory.listing"
    models = [Listing]

    def find(self, subject: Subject):
        return Listing.objects.filter(
            Q(email__in=sorted(subject.emails)) | Q(phone__in=self._phones(subject))
        )

    def _phones(self, subject):
        # Listings written before phone numbers were normalised may hold either form.
        return sorted({*subject.phones, *(phone_forms_national(p) for p in subject.phones)})

    def _owns(self, subject, field, value):
        if field == "email":
            return email_key(value) in subject.emails
        return phone_key(value) in subject.phones

    def all_identifiers(self):
        for email in Listing.objects.exclude(email="").values_list("email", flat=True):
            yield (EMAIL, email)

    def export(self, subject: Subject) -> dict:
        return {
            _("company directory listings"): [
                {_("company"): listing.name, **personal_fields(listing)}
                for listing in self.find(subject)
            ]
        }

    def erase(self, subject: Subject) -> int:
        touched = 0
        for listing in self._listings_naming(subject):
            for field in ("email", "phone"):
                if self._owns(subject, field, getattr(listing, field)):
                    setattr(listing, field, "")
                if self._owns(subject, field, listing.pending_changes.get(field, "")):
                    listing.pending_changes.pop(field)
            listing.save()
            touched += 1
        return touched

    def _listings_naming(self, subject):
        pending = [
            listing.pk
            for listing in Listing.objects.exclude(pending_changes={})
            if any(
                self._owns(subject, field, listing.pending_changes.get(field, ""))
                for field in ("email", "phone")
            )
        ]
        return Listing.objects.filter(Q(pk__in=self.find(subject).values("pk")) | Q(pk__in=pending))

    def restrict(self, subject: Subject, on: bool) -> int:
        """While restricted the details are not published; lifting leaves the owner's choice."""
        if not on:
            return 0
        touched = 0
        for listing in self.find(subject):
            if self._owns(subject, "email", listing.email):
                listing.show_email = False
            if self._owns(subject, "phone", listing.phone):
                listing.show_phone = False
            listing.save()
            touched += 1
        return touched

    # A listing goes with its organisation, which the register's retention removes.


class DirectoryEditLinkProvider(BaseProvider):
    """The record of edit links emailed to a contact."""

    label = "directory.edit_link"
    models = [EditLink]

    def find(self, subject: Subject):
        return EditLink.objects.filter(contact_id__in=sorted(subject.contact_ids)).select_related(
            "listing"
        )

    def export(self, subject: Subject) -> dict:
        return {
            _("company directory edit links sent"): [
                {
                    _("company"): link.listing.name,
                    _("sent"): _when(link.created_at),
                    _("used"): _when(link.used_at),
                }
                for link in self.find(subject)
            ]
        }

    def erase(self, subject: Subject) -> int:
        count, _by_model = self.find(subject).delete()
        return count

    def restrict(self, subject: Subject, on: bool) -> int:
        """A restricted contact's unused links stop working; nothing to undo on lifting."""
        if not on:
            return 0
        return self.find(subject).filter(used_at__isnull=True).update(expires_at=timezone.now())

    def expired(self, now: datetime.datetime):
        return EditLink.objects.filter(expires_at__lt=retention_cutoff(now))


class DirectoryApplicationProvider(BaseProvider):
    """Applications to list a company or claim a listing: the contact person's details.

    An approved application's person lives on in the register (a contact and a
    membership, their own provider's); the application itself is deleted on erasure
    and KEPT_FOR after its decision, or after its arrival while nobody decides it.
    """

    label = "directory.application"
    models = [ListingApplication]

    def find(self, subject: Subject):
        return ListingApplication.objects.filter(
            Q(email__in=sorted(subject.emails)) | Q(phone__in=sorted(subject.phones))
        )

    def identifiers(self, subject: Subject) -> set:
        return {(EMAIL, email) for email in self.find(subject).values_list("email", flat=True)}

    def all_identifiers(self):
        for email in ListingApplication.objects.values_list("email", flat=True):
            yield (EMAIL, email)

    def ledger_identifiers(self, subject: Subject) -> set:
        return self.identifiers(subject)

    def export(self, subject: Subject) -> dict:
        return {
            _("company directory applications"): [
                {
                    _("kind"): application.get_kind_display(),
                    _("company"): application.company_name,
                    _("business ID"): application.business_id,
                    _("name"): application.contact_name,
                    _("role"): application.role,
                    _("email"): application.email,
                    _("phone"): application.phone,
                    _("consent text shown"): application.consent_text,
                    _("received"): _when(application.created_at),
                    _("status"): application.get_status_display(),
                    _("reason for rejection"): application.rejection_reason,
                }
                for application in self.find(subject)
            ]
        }

    def erase(self, subject: Subject) -> int:
        count, _by_model = self.find(subject).delete()
        return count

    def expired(self, now: datetime.datetime):
        cutoff = now - ListingApplication.KEPT_FOR
        return ListingApplication.objects.filter(
            Q(decided_at__lt=cutoff) | Q(decided_at__isnull=True, created_at__lt=cutoff)
        )


def personal_fields(listing):
    """The listing's fields that may be a person's own, each with whether it is public."""
    values = {}
    for field in OWNER_FIELDS:
        if field.personal:
            values[str(field.model_field().verbose_name)] = field.value(listing)
            if field.hideable:
                switch = field.model_field(field.switch)
                values[str(switch.verbose_name)] = getattr(listing, field.switch)
    return values


def phone_forms_national(phone):
    """+358401234567 as 0401234567, the form some older listings hold."""
    number = phonenumbers.parse(phone)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL).replace(
        " ", ""
    )


PROVIDERS = [
    DirectoryListingProvider(),
    DirectoryEditLinkProvider(),
    DirectoryApplicationProvider(),
]
