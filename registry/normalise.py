"""Normalised forms of the identifiers that records are matched on."""

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
