"""What the register keeps of a person who sent a web form.

Both ways in, a form page's submission (intake) and an approved application to the
company directory (directory), file the sender the same way: the contact with their
address or a new one, their phone number, the consent they ticked and a customer
event for the form.
"""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from .models import (
    Consent,
    Contact,
    ContactPhone,
    CustomerEvent,
    CustomerEventChannel,
    CustomerEventKind,
    DataSource,
)


def find_or_create_contact(email, legal_basis, **fields):
    """The contact with this address, locked until the transaction ends, or a new one
    with these fields; and whether it was created. Call inside a transaction."""
    contact = Contact.objects.select_for_update().with_email(email).first()
    if contact is not None:
        return contact, False
    try:
        with transaction.atomic():
            contact = Contact.objects.create(
                email=email, legal_basis=legal_basis, source=DataSource.WEB_FORM, **fields
            )
        return contact, True
    except IntegrityError:
        # Another form from the same address created it a moment ago.
        return Contact.objects.select_for_update().with_email(email).get(), False


def add_phone(contact, number, label):
    """The number on the contact, unless it is there already."""
    if not contact.phones.filter(number=number).exists():
        ContactPhone.objects.create(contact=contact, number=number, label=label)


def record_consent(contact, purpose, text_shown, given_at, text_version_id=None):
    """The consent the sender gave by ticking the form's checkbox."""
    return Consent.objects.create(
        contact=contact,
        purpose=purpose,
        text_shown=text_shown,
        text_version_id=text_version_id,
        given_at=given_at,
        method=_("web form checkbox"),
    )


def record_form_sent(contact, organisation, occurred_at, description):
    """The customer event of the form: when it came, and which form it was."""
    return CustomerEvent.objects.create(
        contact=contact,
        organisation=organisation,
        kind=CustomerEventKind.FORM_SENT,
        channel=CustomerEventChannel.WEB,
        occurred_at=occurred_at,
        description=description,
    )
