"""Correcting a register contact's data at the data subject's request (GDPR art. 16)."""

from django.db import transaction
from django.utils.translation import gettext

from privacy.identifiers import normalise_email, normalise_phone
from privacy.providers import EMAIL, PHONE

from .models import Contact, ContactPhone

RECTIFIABLE_FIELDS = (
    "first_name",
    "last_name",
    "position",
    "email",
    "street_address",
    "postcode",
    "city",
)


def rectifiable_fields(contacts):
    """The fields of these contacts and their phone numbers that staff may correct."""
    fields = []
    for contact in contacts:
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
def rectify_contacts(contacts, changes):
    """Apply {key: new value} to these contacts; [(key, old, new)] of what changed."""
    contacts = {contact.pk: contact for contact in contacts}
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
