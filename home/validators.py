import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as InvalidNumber
from stdnum.fi import alv, ytunnus

# The form the register stores and shows; python-stdnum also accepts "12345678" and "FI…".
_BUSINESS_ID = re.compile(r"^\d{7}-\d$")


def business_id_check_digit(digits):
    """The check digit of a Finnish business ID (Y-tunnus), or None if none exists.

    A weighted sum modulo 11 gives the digit; a remainder of 1 is never issued.
    """
    # With the check digit weighted 1, the sum of a valid ID is divisible by 11.
    digit = -alv.checksum(digits + "0") % 11
    return digit if digit < 10 else None


def normalise_business_id(value):
    """ "1234567 8", "12345678", " 1234567-8 ": as the register writes it, when it can be."""
    compact = ytunnus.compact(value or "")
    return ytunnus.format(compact) if re.fullmatch(r"\d{8}", compact) else (value or "").strip()


def validate_business_id(value):
    if not _BUSINESS_ID.match(value or ""):
        raise ValidationError(
            _("Enter a business ID in the form 1234567-8."), code="invalid_format"
        )
    try:
        ytunnus.validate(value)
    except InvalidNumber as error:
        raise ValidationError(
            _("The business ID's check digit is wrong."), code="invalid_check_digit"
        ) from error
