"""Phone numbers as people read them and as phones dial them."""

import phonenumbers
from django import template

register = template.Library()

REGION = "FI"


def _parse(value):
    try:
        number = phonenumbers.parse(str(value or "").strip(), REGION)
    except phonenumbers.NumberParseException:
        return None
    return number if phonenumbers.is_possible_number(number) else None


@register.filter
def phone_display(value):
    """ "040 123 4512" for a Finnish number, "+46 8 123 456 78" for a foreign one; the
    text as it is when it is no phone number."""
    number = _parse(value)
    if number is None:
        return value
    if phonenumbers.region_code_for_number(number) == REGION:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


@register.filter
def phone_uri(value):
    """ "tel:+358401234512" (E.164), or "" when the text is no phone number."""
    number = _parse(value)
    if number is None:
        return ""
    return "tel:" + phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
