import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_BUSINESS_ID = re.compile(r"^(\d{7})-(\d)$")
_BUSINESS_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2)


def business_id_check_digit(digits):
    """The check digit of a Finnish business ID (Y-tunnus), or None if none exists.

    The weighted sum modulo 11 gives the digit; a remainder of 1 is never issued.
    """
    remainder = sum(int(d) * w for d, w in zip(digits, _BUSINESS_ID_WEIGHTS, strict=True)) % 11
    if remainder == 0:
        return 0
    if remainder == 1:
        return None
    return 11 - remainder


def validate_business_id(value):
    match = _BUSINESS_ID.match(value or "")
    if not match:
        raise ValidationError(
            _("Enter a business ID in the form 1234567-8."), code="invalid_format"
        )
    digits, check = match.groups()
    if business_id_check_digit(digits) != int(check):
        raise ValidationError(
            _("The business ID's check digit is wrong."), code="invalid_check_digit"
        )
