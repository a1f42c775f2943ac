"""What the directory holds about people, for data-subject requests and retention.

A listing is a company's public face and is not about a person, but its public
phone, email and social profiles may be a sole trader's own, and an edit link
names the registry contact it was emailed to. Contact persons shown on company
pages are read from the register at request time and not stored here.
"""

import datetime

from django.db.models import Q

from privacy.providers import NOT_PERSONAL, PERSONAL, Subject
from registry.normalise import normalise_email

from .models import EditLink, Listing

RETENTION = datetime.timedelta(days=365 * 10)

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
        "description": NOT_PERSONAL,
        "description_sv": NOT_PERSONAL,
        "description_en": NOT_PERSONAL,
        "logo": NOT_PERSONAL,
        "services": NOT_PERSONAL,
        "services_text": NOT_PERSONAL,
        "phone": PERSONAL,
        "email": PERSONAL,
        "website": NOT_PERSONAL,
        "social_profiles": PERSONAL,
        "show_street_address": NOT_PERSONAL,
        "show_phone": NOT_PERSONAL,
        "show_email": NOT_PERSONAL,
        "show_website": NOT_PERSONAL,
        "show_social_profiles": NOT_PERSONAL,
        "show_contact_persons": NOT_PERSONAL,
        "pending_changes": PERSONAL,
        "pending_since": NOT_PERSONAL,
        "created_at": NOT_PERSONAL,
        "updated_at": NOT_PERSONAL,
        "published_at": NOT_PERSONAL,
        "search_vector": NOT_PERSONAL,
    },
    "directory.EditLink": {
        "id": NOT_PERSONAL,
        "listing": NOT_PERSONAL,
        "contact": PERSONAL,
        "created_at": PERSONAL,
        "expires_at": PERSONAL,
        "used_at": PERSONAL,
        "sent_by_staff": PERSONAL,
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


def _email(subject):
    try:
        return normalise_email(subject.email)
    except Exception:  # noqa: BLE001 (an unusable address matches nothing)
        return ""


class DirectoryListingProvider:
    """Listings whose public phone or email is the person's own."""

    label = "directory.listing"

    def find(self, subject: Subject):
        condition = Q(pk__in=[])
        email = _email(subject)
        if email:
            condition |= Q(email=email)
        if subject.phone:
            condition |= Q(phone=subject.phone)
        return Listing.objects.filter(condition)

    def export(self, subject: Subject) -> dict:
        return {
            "Company directory listings": [
                {
                    "Company": listing.name,
                    "Phone": listing.phone,
                    "Email": listing.email,
                    "Phone is public": listing.show_phone,
                    "Email is public": listing.show_email,
                }
                for listing in self.find(subject)
            ]
        }

    def erase(self, subject: Subject) -> int:
        touched = 0
        email = _email(subject)
        for listing in self.find(subject):
            if email and listing.email == email:
                listing.email = ""
            if subject.phone and listing.phone == subject.phone:
                listing.phone = ""
            for key in ("email", "phone"):
                if listing.pending_changes.get(key) in (email, subject.phone):
                    listing.pending_changes.pop(key)
            listing.save()
            touched += 1
        return touched

    def restrict(self, subject: Subject, on: bool) -> int:
        """While restricted the details are not published; lifting leaves the owner's choice."""
        if not on:
            return 0
        touched = 0
        email = _email(subject)
        for listing in self.find(subject):
            if email and listing.email == email:
                listing.show_email = False
            if subject.phone and listing.phone == subject.phone:
                listing.show_phone = False
            listing.save()
            touched += 1
        return touched

    def expired(self, now: datetime.datetime):
        # A listing goes with its organisation, which the register's retention removes.
        return Listing.objects.none()


class DirectoryEditLinkProvider:
    """The record of edit links emailed to a contact."""

    label = "directory.edit_link"

    def find(self, subject: Subject):
        condition = Q(pk__in=[])
        if subject.contact_id:
            condition |= Q(contact_id=subject.contact_id)
        email = _email(subject)
        if email:
            condition |= Q(contact__email=email)
        return EditLink.objects.filter(condition).select_related("listing")

    def export(self, subject: Subject) -> dict:
        return {
            "Company directory edit links sent": [
                {
                    "Company": link.listing.name,
                    "Sent": link.created_at.isoformat(),
                    "Used": link.used_at.isoformat() if link.used_at else None,
                }
                for link in self.find(subject)
            ]
        }

    def erase(self, subject: Subject) -> int:
        count, _ = self.find(subject).delete()
        return count

    def restrict(self, subject: Subject, on: bool) -> int:
        """A restricted contact's unused links stop working; nothing to undo on lifting."""
        if not on:
            return 0
        from django.utils import timezone

        return self.find(subject).filter(used_at__isnull=True).update(expires_at=timezone.now())

    def expired(self, now: datetime.datetime):
        return EditLink.objects.filter(expires_at__lt=now - RETENTION)
