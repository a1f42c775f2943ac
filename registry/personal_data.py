"""The register's personal data: the inventory and the provider privacy/ works through.

One data subject is a contact (found by email, phone or contact id) with
everything that hangs off it: phones, web links, memberships, IP addresses,
consents, customer events, service orders and billing details.

The provider finds the person's contacts and hands them to one module per job:
`contact_export` (access), `contact_erasure` (erasure and retention),
`contact_rectification` (correction).
"""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from privacy.providers import CONTACT, EMAIL, NOT_PERSONAL, PERSONAL, PHONE, BaseProvider, Subject
from privacy.retention import retention_cutoff

from .contact_erasure import CONTACT_CHILDREN, erase_contacts
from .contact_export import EXPORT_PREFETCH, export_contact
from .contact_rectification import rectifiable_fields, rectify_contacts
from .models import (
    BillingDetails,
    Consent,
    Contact,
    ContactPhone,
    CustomerEvent,
    FormerEmail,
    IPAddressSeen,
    ServiceOrder,
    ServiceOrderChange,
)

_ADDRESS = {
    "street_address": (PERSONAL, "address"),
    "postcode": (PERSONAL, "address"),
    "city": (PERSONAL, "address"),
    "country": (PERSONAL, "address"),
}
_TIMESTAMPS = {"created_at": NOT_PERSONAL, "updated_at": NOT_PERSONAL}
_ORGANISATION_ADDRESS = dict.fromkeys(_ADDRESS, NOT_PERSONAL)

INVENTORY = {
    "registry.Contact": {
        "id": NOT_PERSONAL,
        **_ADDRESS,
        **_TIMESTAMPS,
        "first_name": (PERSONAL, "name"),
        "last_name": (PERSONAL, "name"),
        "position": (PERSONAL, "position"),
        "email": (PERSONAL, "email"),
        "notes": (PERSONAL, "customer_relationship"),
        "legal_basis": (PERSONAL, "customer_relationship"),
        "source": (PERSONAL, "customer_relationship"),
        "last_customer_event_at": (PERSONAL, "customer_relationship"),
        "processing_restricted": (PERSONAL, "customer_relationship"),
        "restriction_reason": (PERSONAL, "customer_relationship"),
        "restricted_at": (PERSONAL, "customer_relationship"),
    },
    "registry.ContactPhone": {
        "id": NOT_PERSONAL,
        "contact": (PERSONAL, "phone"),
        "number": (PERSONAL, "phone"),
        "label": (PERSONAL, "phone"),
    },
    "registry.FormerEmail": {
        "id": NOT_PERSONAL,
        "contact": (PERSONAL, "email"),
        "email": (PERSONAL, "email"),
        "replaced_at": (PERSONAL, "email"),
    },
    "registry.ContactWebLink": {
        "id": NOT_PERSONAL,
        "contact": (PERSONAL, "web"),
        "kind": (PERSONAL, "social_media"),
        "url": (PERSONAL, "web"),
    },
    "registry.Membership": {
        "id": NOT_PERSONAL,
        "contact": (PERSONAL, "organisation"),
        "organisation": (PERSONAL, "organisation"),
        "role": (PERSONAL, "position"),
        "started_on": (PERSONAL, "organisation"),
        "ended_on": (PERSONAL, "organisation"),
    },
    "registry.IPAddressSeen": {
        "id": NOT_PERSONAL,
        "contact": (PERSONAL, "ip_address"),
        "ip_address": (PERSONAL, "ip_address"),
        "seen_at": (PERSONAL, "ip_address"),
        "seen_where": (PERSONAL, "ip_address"),
    },
    "registry.Consent": {
        "id": NOT_PERSONAL,
        "contact": PERSONAL,
        "purpose": PERSONAL,
        "text_shown": NOT_PERSONAL,
        "text_version": NOT_PERSONAL,
        "given_at": PERSONAL,
        "method": PERSONAL,
        "withdrawn_at": PERSONAL,
        "withdrawal_method": PERSONAL,
        "recorded_by": NOT_PERSONAL,
    },
    # The words a form asks consent with, version by version: nothing about anyone.
    "registry.ConsentText": {
        "id": NOT_PERSONAL,
        "source": NOT_PERSONAL,
        "version": NOT_PERSONAL,
        "text": NOT_PERSONAL,
        "recorded_at": NOT_PERSONAL,
    },
    "registry.CustomerEvent": {
        "id": NOT_PERSONAL,
        "contact": PERSONAL,
        "organisation": PERSONAL,
        "kind": PERSONAL,
        "channel": PERSONAL,
        "occurred_at": PERSONAL,
        "description": PERSONAL,
        "recorded_by": NOT_PERSONAL,
    },
    "registry.Organisation": {
        "id": NOT_PERSONAL,
        **_ORGANISATION_ADDRESS,
        **_TIMESTAMPS,
        "name": NOT_PERSONAL,
        "business_id": NOT_PERSONAL,
        "industry_code": NOT_PERSONAL,
        "industry_classification": NOT_PERSONAL,
        "industry": NOT_PERSONAL,
        "municipality": NOT_PERSONAL,
        "is_business_customer": NOT_PERSONAL,
        "notes": NOT_PERSONAL,
    },
    # Company data from the Trade Register, as the organisation's own fields.
    "registry.TradeRegisterStatus": {
        "id": NOT_PERSONAL,
        "organisation": NOT_PERSONAL,
        "state": NOT_PERSONAL,
        "company_form": NOT_PERSONAL,
        "checked_at": NOT_PERSONAL,
        "last_modified": NOT_PERSONAL,
    },
    "registry.FieldSource": {
        "id": NOT_PERSONAL,
        "organisation": NOT_PERSONAL,
        "field": NOT_PERSONAL,
        "source": NOT_PERSONAL,
        "value": NOT_PERSONAL,
        "recorded_at": NOT_PERSONAL,
    },
    "registry.OrganisationWebLink": {
        "id": NOT_PERSONAL,
        "organisation": NOT_PERSONAL,
        "kind": NOT_PERSONAL,
        "url": NOT_PERSONAL,
    },
    "registry.ServiceOrder": {
        "id": NOT_PERSONAL,
        **_TIMESTAMPS,
        "organisation": NOT_PERSONAL,
        "contact": (PERSONAL, "services"),
        "service": (PERSONAL, "services"),
        "status": (PERSONAL, "services"),
        "ordered_on": (PERSONAL, "services"),
        "notes": (PERSONAL, "services"),
    },
    "registry.ServiceOrderChange": {
        "id": NOT_PERSONAL,
        "order": (PERSONAL, "services"),
        "changed_on": (PERSONAL, "services"),
        "description": (PERSONAL, "services"),
    },
    "registry.BillingDetails": {
        "id": NOT_PERSONAL,
        **dict.fromkeys(_ADDRESS, (PERSONAL, "billing")),
        **_TIMESTAMPS,
        "organisation": NOT_PERSONAL,
        "contact": (PERSONAL, "billing"),
        "billing_name": (PERSONAL, "billing"),
        "e_invoice_address": (PERSONAL, "billing"),
        "e_invoice_operator": NOT_PERSONAL,
        "billing_email": (PERSONAL, "billing"),
        "reference": NOT_PERSONAL,
    },
}

DISCLOSABLE_FIELDS = {
    "name": _("name"),
    "email": _("email"),
    "phone": _("phone number"),
    "position": _("position"),
    "organisation": _("organisation"),
}


class ContactProvider(BaseProvider):
    """A register contact and everything that hangs off it."""

    label = "registry.contact"
    models = [
        Contact,
        *CONTACT_CHILDREN,
        ServiceOrder,
        ServiceOrderChange,
        BillingDetails,
    ]
    disclosable_fields = DISCLOSABLE_FIELDS

    # -- finding -----------------------------------------------------------

    def find(self, subject: Subject):
        """The person's contacts: by any of their emails (earlier ones too), by id, and by
        phone where the contact has no other email (a number may be a shared switchboard)."""
        emails = sorted(subject.emails)
        condition = Q(pk__in=sorted(subject.contact_ids))
        if emails:
            # Contact.email is stored lower-cased (Contact.save), so this uses its index.
            condition |= Q(email__in=emails) | Q(former_emails__email__in=emails)
        if subject.phones:
            by_phone = Q(phones__number__in=sorted(subject.phones))
            # Given alone (staff checked who asks), a number identifies the person.
            condition |= by_phone & (Q(email="") | Q(email__in=emails)) if emails else by_phone
        pks = Contact.objects.filter(condition).order_by().values_list("pk", flat=True)
        return Contact.objects.filter(pk__in=sorted(set(pks)))

    def identifiers(self, subject: Subject):
        contacts = list(self.find(subject).values_list("pk", "email"))
        ids = [pk for pk, _email in contacts]
        found = {(CONTACT, pk) for pk in ids} | {(EMAIL, email) for _pk, email in contacts if email}
        found |= {
            (EMAIL, email)
            for email in FormerEmail.objects.filter(contact_id__in=ids).values_list(
                "email", flat=True
            )
        }
        found |= {
            (PHONE, number)
            for number in ContactPhone.objects.filter(contact_id__in=ids).values_list(
                "number", flat=True
            )
        }
        return found

    def ledger_identifiers(self, subject: Subject):
        """Each contact by its id and creation time: an id alone could one day be another's."""
        return {
            (CONTACT, contact_key(pk, created_at))
            for pk, created_at in self.find(subject).values_list("pk", "created_at")
        }

    def all_identifiers(self):
        contacts = Contact.objects.values_list("pk", "created_at", "email").iterator()
        for pk, created_at, email in contacts:
            yield (CONTACT, contact_key(pk, created_at))
            if email:
                yield (EMAIL, email)
        yield from ((EMAIL, email) for email in FormerEmail.objects.values_list("email", flat=True))
        yield from (
            (PHONE, number)
            for number in ContactPhone.objects.values_list("number", flat=True).iterator()
        )

    # -- access ------------------------------------------------------------

    def export(self, subject: Subject):
        contacts = self.find(subject).prefetch_related(*EXPORT_PREFETCH)
        return {str(_("contacts")): [export_contact(contact) for contact in contacts]}

    # -- erasure and retention ---------------------------------------------

    def erase(self, subject: Subject):
        return erase_contacts(self.find(subject))

    def expired(self, now):
        cutoff = retention_cutoff(now)
        return Contact.objects.filter(
            Q(last_customer_event_at__lt=cutoff)
            | Q(last_customer_event_at__isnull=True, created_at__lt=cutoff)
        )

    def erase_expired(self, pks):
        return erase_contacts(Contact.objects.filter(pk__in=list(pks)))

    # -- restriction -------------------------------------------------------

    def restrict(self, subject: Subject, on: bool):
        touched = 0
        for contact in self.find(subject):
            if on and not contact.processing_restricted:
                contact.restrict(gettext("Restricted at the data subject's request."))
                touched += 1
            elif not on and contact.processing_restricted:
                contact.lift_restriction()
                touched += 1
        return touched

    # -- rectification -----------------------------------------------------

    def rectifiable(self, subject: Subject):
        return rectifiable_fields(self.find(subject))

    def rectify(self, subject: Subject, changes):
        return rectify_contacts(self.find(subject), changes)

    # -- disclosure --------------------------------------------------------

    def disclosable(self, contact_ids, fields, consent_based=False):
        unknown = set(fields) - set(DISCLOSABLE_FIELDS)
        if unknown:
            raise ValueError(f"fields that cannot be disclosed: {sorted(unknown)}")
        rows = []
        contacts = Contact.objects.unrestricted().filter(pk__in=contact_ids)
        if consent_based:
            contacts = contacts.with_active_consent()
        contacts = contacts.prefetch_related("phones", "memberships__organisation")
        for contact in contacts:
            values = {
                "name": contact.full_name,
                "email": contact.email,
                "phone": ", ".join(phone.number for phone in contact.phones.all()),
                "position": contact.position,
                "organisation": ", ".join(
                    membership.organisation.name for membership in contact.memberships.all()
                ),
            }
            rows.append(
                {
                    "contact_id": contact.pk,
                    **{str(DISCLOSABLE_FIELDS[f]): values[f] for f in fields},
                }
            )
        return rows

    # -- the record of processing ------------------------------------------

    def describe(self):
        return {
            "name": _("Customer and stakeholder register"),
            "purposes": [
                _("Keeping in touch with customers and maintaining the customer relationship"),
                _("Providing and producing the organisation's services, including events"),
            ],
            "legal_bases": [
                _("Consent"),
                _("Contract with the data subject"),
                _("Customer work of municipalities and development companies"),
                _("Legitimate interest of the controller"),
            ],
            "data_subjects": [
                _("Contact people of customer companies, communities and stakeholders"),
                _("Private customers"),
            ],
            "sources": [
                _("The data subject: web forms, email, phone, social media, contracts, meetings"),
                _("Public sources and authorities"),
            ],
            "counts": {
                _("contacts"): Contact.objects.count(),
                _("customer events"): CustomerEvent.objects.count(),
                _("consents"): Consent.objects.count(),
                _("IP addresses seen"): IPAddressSeen.objects.count(),
            },
            "restricted": Contact.objects.filter(processing_restricted=True).count(),
            "now": timezone.now(),
        }


def contact_key(pk, created_at):
    """The contact's id with its creation time to the second (dumps keep no finer)."""
    return f"{pk}:{created_at.replace(microsecond=0).isoformat()}"


PROVIDERS = [ContactProvider()]
