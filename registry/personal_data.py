"""The register's personal data: the inventory and the provider privacy/ works through.

One data subject is a contact (found by email, phone or contact id) with
everything that hangs off it: phones, web links, memberships, IP addresses,
consents, customer events, service orders and billing details.

Erasure deletes the contact and what hangs off it. Billing details are kept
under the Accounting Act (kirjanpitolaki 1336/1997, 2:10 §) with the personal
link removed; where they were a person's own, the name is replaced by the
reason, so staff looking at the record see why it is still there.
"""

import re

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import CharField, F, Q, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from privacy.identifiers import normalise_email, normalise_phone
from privacy.providers import CONTACT, EMAIL, NOT_PERSONAL, PERSONAL, PHONE, BaseProvider, Subject
from privacy.retention import retention_cutoff

from .models import (
    BillingDetails,
    Consent,
    Contact,
    ContactPhone,
    ContactWebLink,
    CustomerEvent,
    FormerEmail,
    IPAddressSeen,
    Membership,
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

# Rows that hang off a contact and go with it.
CONTACT_CHILDREN = (
    FormerEmail,
    ContactPhone,
    ContactWebLink,
    Membership,
    IPAddressSeen,
    Consent,
    CustomerEvent,
)

KEPT_BILLING_REASON = _(
    "Erased person: kept under the Accounting Act (1336/1997, chapter 2, section 10)"
)
ERASED = "[--]"

RECTIFIABLE_FIELDS = (
    "first_name",
    "last_name",
    "position",
    "email",
    "street_address",
    "postcode",
    "city",
)
DISCLOSABLE_FIELDS = {
    "name": _("name"),
    "email": _("email"),
    "phone": _("phone number"),
    "position": _("position"),
    "organisation": _("organisation"),
}


def _value(instance, field):
    if field.choices:
        return str(getattr(instance, f"get_{field.name}_display")())
    value = getattr(instance, field.attname)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _record(instance, *exclude):
    """A model instance as {verbose name: value}, relations and ids left out."""
    return {
        str(field.verbose_name): _value(instance, field)
        for field in instance._meta.concrete_fields
        if not field.is_relation and not field.primary_key and field.name not in exclude
    }


def _scrubber(words):
    words = sorted({word for word in words if word and len(word) > 2}, key=len, reverse=True)
    if not words:
        return lambda text: text
    pattern = re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)
    return lambda text: pattern.sub(ERASED, text or "")


def _identifying_words(contact, other_identifiers):
    return [
        contact.email,
        contact.full_name,
        contact.first_name,
        contact.last_name,
        *other_identifiers,
    ]


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
        contacts = self.find(subject).prefetch_related(
            "former_emails",
            "phones",
            "web_links",
            "memberships__organisation",
            "ip_addresses",
            "consents__text_version",
            "events__organisation",
            "service_orders__changes",
            "service_orders__organisation",
            "billing_details",
        )
        return {
            str(_("contacts")): [self._export_contact(contact) for contact in contacts],
        }

    def _export_contact(self, contact):
        return {
            **_record(contact),
            str(_("former email addresses")): [
                _record(former) for former in contact.former_emails.all()
            ],
            str(_("phone numbers")): [_record(phone) for phone in contact.phones.all()],
            str(_("websites and profiles")): [_record(link) for link in contact.web_links.all()],
            str(_("memberships")): [
                {str(_("organisation")): membership.organisation.name, **_record(membership)}
                for membership in contact.memberships.all()
            ],
            str(_("IP addresses seen")): [_record(ip) for ip in contact.ip_addresses.all()],
            str(_("consents")): [
                {
                    **_record(consent),
                    str(_("version of the text")): (
                        consent.text_version.version if consent.text_version else ""
                    ),
                }
                for consent in contact.consents.all()
            ],
            str(_("customer events")): [
                {
                    str(_("organisation")): event.organisation.name if event.organisation else "",
                    **_record(event),
                }
                for event in contact.events.all()
            ],
            str(_("service orders")): [
                {
                    str(_("organisation")): order.organisation.name if order.organisation else "",
                    **_record(order),
                    str(_("changes to the order")): [
                        _record(change) for change in order.changes.all()
                    ],
                }
                for order in contact.service_orders.all()
            ],
            str(_("billing details")): [
                _record(billing) for billing in contact.billing_details.all()
            ],
        }

    # -- erasure and retention ---------------------------------------------

    def erase(self, subject: Subject):
        return self._erase_contacts(self.find(subject))

    def expired(self, now):
        cutoff = retention_cutoff(now)
        return Contact.objects.filter(
            Q(last_customer_event_at__lt=cutoff)
            | Q(last_customer_event_at__isnull=True, created_at__lt=cutoff)
        )

    def erase_expired(self, pks):
        return self._erase_contacts(Contact.objects.filter(pk__in=list(pks)))

    @transaction.atomic
    def _erase_contacts(self, contacts):
        """Erase contacts and what hangs off them; the reference index is cleaned in bulk.

        Wagtail's per-object reference-index signal would cost two queries for every
        deleted row (a contact with ten events: twenty-two), so it is switched off
        here and the index rows of the deleted objects are removed in a few queries.
        """
        from wagtail.signal_handlers import disable_reference_index_auto_update

        contacts = list(contacts.only("pk", "email", "first_name", "last_name"))
        if not contacts:
            return 0
        ids = [contact.pk for contact in contacts]
        self._forget_references(ids)
        with disable_reference_index_auto_update():
            return self._erase_rows(contacts, ids)

    def _erase_rows(self, contacts, ids):
        other_identifiers = {}
        for model, field in ((ContactPhone, "number"), (FormerEmail, "email")):
            for contact_id, value in model.objects.filter(contact_id__in=ids).values_list(
                "contact_id", field
            ):
                other_identifiers.setdefault(contact_id, []).append(value)
        by_pk = {contact.pk: contact for contact in contacts}

        def scrubber(pk):  # built only for the few contacts with records that stay
            return _scrubber(_identifying_words(by_pk[pk], other_identifiers.get(pk, [])))

        touched = 0

        # Orders of the person alone go; an organisation's orders stay, unlinked.
        own_orders = ServiceOrder.objects.filter(contact_id__in=ids, organisation__isnull=True)
        touched += ServiceOrderChange.objects.filter(order__in=own_orders).delete()[0]
        touched += own_orders.delete()[0]
        for order in ServiceOrder.objects.filter(contact_id__in=ids):
            clean = scrubber(order.contact_id)
            order.notes = clean(order.notes)
            order.contact = None
            order.save(update_fields=["notes", "contact", "updated_at"])
            for change in order.changes.all():
                change.description = clean(change.description)
                change.save(update_fields=["description"])
            touched += 1

        # Billing details are kept (Accounting Act) without the person in them.
        reason = gettext(KEPT_BILLING_REASON)
        for billing in BillingDetails.objects.filter(contact_id__in=ids):
            clean = scrubber(billing.contact_id)
            billing.contact = None
            billing.billing_email = ""
            if billing.organisation_id is None:
                billing.billing_name = reason
                billing.street_address = billing.postcode = billing.city = ""
                billing.e_invoice_address = ""
            else:
                billing.billing_name = clean(billing.billing_name)
            billing.reference = clean(billing.reference)
            billing.save()
            touched += 1

        self._forget_admin_traces(ids)
        # The children go in one statement each. Wagtail's reference-index receiver
        # (a no-op here, and the index is cleaned above) would otherwise make Django
        # fetch every event and delete them a hundred at a time.
        for model in CONTACT_CHILDREN:
            children = model.objects.filter(contact_id__in=ids)
            touched += children._raw_delete(children.db)
        touched += Contact.objects.filter(pk__in=ids).delete()[0]
        return touched

    def _forget_references(self, ids):
        """Drop the reference-index rows from and to the contacts and what goes with them.

        One statement: rows exist only from models the index tracks on their own
        (children are indexed through their parent) and to models something points at.
        """
        from wagtail.models import ReferenceIndex

        going = {model: model.objects.filter(contact_id__in=ids) for model in CONTACT_CHILDREN}
        going[Contact] = Contact.objects.filter(pk__in=ids)
        going[ServiceOrder] = ServiceOrder.objects.filter(
            contact_id__in=ids, organisation__isnull=True
        )
        rows = Q(pk__in=[])
        for model, objects in going.items():
            content_type = ContentType.objects.get_for_model(model)
            # The index keeps object ids as text.
            object_ids = objects.annotate(text_pk=Cast("pk", CharField())).values("text_pk")
            if ReferenceIndex.model_is_indexable(model):
                rows |= Q(base_content_type=content_type, object_id__in=object_ids)
            if model._meta.related_objects:
                rows |= Q(to_content_type=content_type, to_object_id__in=object_ids)
        ReferenceIndex.objects.filter(rows).delete()

    def _forget_admin_traces(self, ids):
        """Revisions and log entry titles of the admin would otherwise keep the person."""
        from wagtail.models import ModelLogEntry, Revision

        content_type = ContentType.objects.get_for_model(Contact)
        object_ids = [str(pk) for pk in ids]
        Revision.objects.filter(base_content_type=content_type, object_id__in=object_ids).delete()
        ModelLogEntry.objects.filter(content_type=content_type, object_id__in=object_ids).update(
            label=Concat(Value("contact #"), F("object_id"))
        )

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
        fields = []
        for contact in self.find(subject):
            for name in RECTIFIABLE_FIELDS:
                field = Contact._meta.get_field(name)
                fields.append(
                    {
                        "key": f"contact:{contact.pk}:{name}",
                        "label": f"{gettext('Contact')} #{contact.pk}: {field.verbose_name}",
                        "value": getattr(contact, name),
                        "identifier": EMAIL if name == "email" else "",
                    }
                )
            for phone in contact.phones.all():
                fields.append(
                    {
                        "key": f"phone:{phone.pk}:number",
                        "label": f"{gettext('Contact')} #{contact.pk}: {gettext('phone number')}",
                        "value": phone.number,
                        "identifier": PHONE,
                    }
                )
        return fields

    @transaction.atomic
    def rectify(self, subject: Subject, changes):
        contacts = {contact.pk: contact for contact in self.find(subject)}
        applied = []
        for key, new in changes.items():
            kind, pk, name = key.split(":")
            pk = int(pk)
            if kind == "contact" and pk in contacts and name in RECTIFIABLE_FIELDS:
                record = contacts[pk]
                if name == "email":
                    new = normalise_email(new)
            elif kind == "phone" and name == "number":
                record = ContactPhone.objects.get(pk=pk, contact_id__in=contacts)
                new = normalise_phone(new)
            else:
                raise ValueError(f"{key} cannot be rectified here")
            old = getattr(record, name)
            if old != new:
                setattr(record, name, new)
                record.full_clean()
                record.save()
                applied.append((key, old, new))
        return applied

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
