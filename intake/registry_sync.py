"""Turning a stored submission into register entries.

The contact is matched on normalised email and created if there is none. Blank
fields are filled in; a value that differs from a stored one is never written
over it but kept as a ProposedChange for staff to accept or reject. The
organisation is matched on business ID, then on name. Each submission adds one
customer event, the IP address it came from and, where given, the consent.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from home.validators import validate_business_id
from privacy.identifiers import normalise_email, normalise_phone
from registry.form_senders import (
    add_phone,
    find_or_create_contact,
    record_consent,
    record_form_sent,
)
from registry.models import Contact, DataSource, IPAddressSeen, Membership, Organisation

from .models import ProposedChange, RegisterField, RegistryOutcome

CONTACT_FIELDS = (
    RegisterField.FIRST_NAME,
    RegisterField.LAST_NAME,
    RegisterField.POSITION,
    RegisterField.STREET_ADDRESS,
    RegisterField.POSTCODE,
    RegisterField.CITY,
)


def mapped_values(page, answers):
    """{register field: submitted text}, blanks left out; a repeated mapping keeps the first."""
    values = {}
    for clean_name, register_field in page.register_mapping().items():
        value = answers.get(clean_name)
        if isinstance(value, list | tuple):
            value = ", ".join(map(str, value))
        value = " ".join(str(value or "").split())
        if value and register_field not in values:
            values[register_field] = value
    return values


def _max_length(model, field):
    return model._meta.get_field(field).max_length


def contact_values(values):
    """The contact's own fields from the mapped values, a full name split in two."""
    values = dict(values)
    full_name = values.pop(RegisterField.FULL_NAME, "")
    if full_name and not (values.get("first_name") or values.get("last_name")):
        first, _space, last = full_name.rpartition(" ")
        values["first_name"], values["last_name"] = (first, last) if first else (last, "")
    return {
        field: values[field][: _max_length(Contact, field)]
        for field in CONTACT_FIELDS
        if values.get(field)
    }


def _same(a, b):
    return " ".join(str(a).split()).casefold() == " ".join(str(b).split()).casefold()


def _update_contact(contact, fields, submission):
    """Fill blanks; keep differing values as proposed changes."""
    changed = []
    for field, value in fields.items():
        current = getattr(contact, field)
        if not current and not contact.processing_restricted:
            setattr(contact, field, value)
            changed.append(field)
        elif current and not _same(current, value):
            ProposedChange.objects.get_or_create(
                submission=submission,
                field=field,
                defaults={
                    "contact": contact,
                    "current_value": current,
                    "proposed_value": value,
                },
            )
    if not contact.legal_basis:
        contact.legal_basis = submission.legal_basis
        changed.append("legal_basis")
    if not contact.source:
        contact.source = DataSource.WEB_FORM
        changed.append("source")
    if changed:
        contact.save(update_fields=[*changed, "updated_at"])


def _add_phone(contact, raw):
    try:
        number = normalise_phone(raw)
    except ValidationError:
        return
    add_phone(contact, number, _("web form"))


def _organisation(values):
    name = values.get(RegisterField.ORGANISATION_NAME, "")[: _max_length(Organisation, "name")]
    business_id = values.get(RegisterField.BUSINESS_ID, "")
    try:
        validate_business_id(business_id)
    except ValidationError:
        business_id = ""
    if business_id:
        organisation = Organisation.objects.filter(business_id=business_id).first()
        if organisation is not None:
            return organisation
    if name:
        organisation = (
            Organisation.objects.filter(name__iexact=name)
            .filter(business_id__in=["", business_id])
            .order_by("pk")
            .first()
        )
        if organisation is not None:
            if business_id and not organisation.business_id:
                organisation.business_id = business_id
                organisation.save(update_fields=["business_id", "updated_at"])
            return organisation
    if not name:
        return None
    try:
        with transaction.atomic():
            return Organisation.objects.create(name=name, business_id=business_id)
    except IntegrityError:
        return Organisation.objects.get(business_id=business_id)


def sync_submission(submission):
    """Create or update the register from one submission. Call inside a transaction."""
    page = submission.page.specific
    values = mapped_values(page, submission.form_data)
    try:
        email = normalise_email(values.get(RegisterField.EMAIL, ""))
    except ValidationError:
        email = ""
    if not email:
        submission.registry_outcome = RegistryOutcome.NO_EMAIL
        submission.save(update_fields=["registry_outcome"])
        return None

    fields = contact_values(values)
    contact, created = find_or_create_contact(email, submission.legal_basis, **fields)
    if not created:
        _update_contact(contact, fields, submission)
    if values.get(RegisterField.PHONE):
        _add_phone(contact, values[RegisterField.PHONE])

    organisation = _organisation(values)
    if (
        organisation is not None
        and not Membership.objects.filter(contact=contact, organisation=organisation).exists()
    ):
        Membership.objects.create(
            contact=contact,
            organisation=organisation,
            role=fields.get(RegisterField.POSITION, "")[: _max_length(Membership, "role")],
        )

    where = _("Web form “%(form)s”, submission #%(id)s") % {"form": page.title, "id": submission.pk}
    record_form_sent(contact, organisation, occurred_at=submission.submit_time, description=where)
    if submission.ip_address:
        IPAddressSeen.objects.create(
            contact=contact,
            ip_address=submission.ip_address,
            seen_at=submission.submit_time,
            seen_where=where[:255],
        )
    if submission.consent_given and submission.consent_text:
        submission.consent = record_consent(
            contact,
            (submission.purpose or page.title)[:255],
            submission.consent_text,
            given_at=submission.submit_time,
            text_version_id=submission.consent_version_id,
        )

    submission.contact = contact
    submission.registry_outcome = RegistryOutcome.CREATED if created else RegistryOutcome.UPDATED
    submission.save(update_fields=["contact", "consent", "registry_outcome"])
    return contact
