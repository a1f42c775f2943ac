import pytest
from django.core.exceptions import ValidationError

from home.validators import business_id_check_digit, validate_business_id


# Nokia Oyj and Kesko Oyj, from the trade register.
@pytest.mark.parametrize("business_id", ["0112038-9", "0109862-8"])
def test_real_business_ids_are_accepted(business_id):
    validate_business_id(business_id)


@pytest.mark.parametrize(
    ("business_id", "code"),
    [
        ("0112038-8", "invalid_check_digit"),
        ("0109862-1", "invalid_check_digit"),
        ("112038-9", "invalid_format"),
        ("01120389", "invalid_format"),
        ("0112038-99", "invalid_format"),
        ("", "invalid_format"),
    ],
)
def test_malformed_or_miscalculated_business_ids_are_refused(business_id, code):
    with pytest.raises(ValidationError) as excinfo:
        validate_business_id(business_id)
    assert excinfo.value.code == code


def test_a_remainder_of_one_has_no_check_digit():
    # The weighted sum is 6 * 2 = 12, and 12 % 11 == 1: no such ID is issued.
    assert business_id_check_digit("0000006") is None
    with pytest.raises(ValidationError):
        validate_business_id("0000006-0")
