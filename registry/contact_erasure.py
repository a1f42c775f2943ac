"""Erasing register contacts, at a data subject's request or when retention ends.

Erasure deletes the contact and what hangs off it. Billing details are kept
under the Accounting Act (kirjanpitolaki 1336/1997, 2:10 §) with the personal
link removed; where they were a person's own, the name is replaced by the
reason, so staff looking at the record see why it is still there. An
organisation's service orders stay, unlinked, with the person's words scrubbed.
"""

import re

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import CharField, F, Q, Value
from django.db.models.functions import Cast, Concat
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.models import ModelLogEntry, ReferenceIndex, Revision
from wagtail.signal_handlers import disable_reference_index_auto_update

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


@transaction.atomic
def erase_contacts(contacts):
    """Erase contacts and what hangs off them; the reference index is cleaned in bulk.

    Wagtail's per-object reference-index signal would cost two queries for every
    deleted row (a contact with ten events: twenty-two), so it is switched off
    here and the index rows of the deleted objects are removed in a few queries.
    """
    contacts = list(contacts.only("pk", "email", "first_name", "last_name"))
    if not contacts:
        return 0
    ids = [contact.pk for contact in contacts]
    _forget_references(ids)
    with disable_reference_index_auto_update():
        return _erase_rows(contacts, ids)


def _erase_rows(contacts, ids):
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

    _forget_admin_traces(ids)
    # The children go in one statement each. Wagtail's reference-index receiver
    # (a no-op here, and the index is cleaned above) would otherwise make Django
    # fetch every event and delete them a hundred at a time.
    for model in CONTACT_CHILDREN:
        children = model.objects.filter(contact_id__in=ids)
        touched += children._raw_delete(children.db)
    touched += Contact.objects.filter(pk__in=ids).delete()[0]
    return touched


def _forget_references(ids):
    """Drop the reference-index rows from and to the contacts and what goes with them.

    One statement: rows exist only from models the index tracks on their own
    (children are indexed through their parent) and to models something points at.
    """
    going = {model: model.objects.filter(contact_id__in=ids) for model in CONTACT_CHILDREN}
    going[Contact] = Contact.objects.filter(pk__in=ids)
    going[ServiceOrder] = ServiceOrder.objects.filter(contact_id__in=ids, organisation__isnull=True)
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


def _forget_admin_traces(ids):
    """Revisions and log entry titles of the admin would otherwise keep the person."""
    content_type = ContentType.objects.get_for_model(Contact)
    object_ids = [str(pk) for pk in ids]
    Revision.objects.filter(base_content_type=content_type, object_id__in=object_ids).delete()
    ModelLogEntry.objects.filter(content_type=content_type, object_id__in=object_ids).update(
        label=Concat(Value("contact #"), F("object_id"))
    )
