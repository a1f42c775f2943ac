"""The normalised forms of the identifiers a person is found by: one function each.

Every provider matches emails and phone numbers through these, so that an address
typed in capitals or a number written "040 765 4321" finds what was stored as
"+358407654321". Part of the personal-data contract: it imports no project app.
"""

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

DEFAULT_PHONE_REGION = "FI"


def normalise_email(value):
    """An email address trimmed and lower-cased, so that matching ignores case."""
    email = (value or "").strip().lower()
    if email:
        validate_email(email)
    return email


def normalise_phone(value, region=DEFAULT_PHONE_REGION):
    """A phone number in E.164 form (+358401234567); Finnish numbers may omit +358."""
    try:
        number = phonenumbers.parse((value or "").strip(), region)
    except phonenumbers.NumberParseException as error:
        raise ValidationError(_("Enter a valid phone number."), code="invalid_phone") from error
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(_("Enter a valid phone number."), code="invalid_phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def email_key(value):
    """The form an email is matched in; "" for one that cannot be an address."""
    try:
        return normalise_email(value)
    except ValidationError:
        return ""


def phone_key(value):
    """The form a phone number is matched in; "" for one that cannot be a number."""
    if not (value or "").strip():
        return ""
    try:
        return normalise_phone(value)
    except ValidationError:
        return ""
