"""The personal-data inventory of the site and organisation settings.

The privacy contact person's name, phone and email are an employee's personal
data, published in the privacy notice; pages hold public content only.
"""

from privacy.providers import NOT_PERSONAL, PERSONAL

_BODY_PAGE = {"page_ptr": NOT_PERSONAL, "introduction": NOT_PERSONAL, "body": NOT_PERSONAL}

INVENTORY = {
    "home.HomePage": _BODY_PAGE,
    "home.StandardPage": _BODY_PAGE,
    "home.OrganisationSettings": {
        "id": NOT_PERSONAL,
        "site": NOT_PERSONAL,
        "controller_name": NOT_PERSONAL,
        "street_address": NOT_PERSONAL,
        "postcode": NOT_PERSONAL,
        "city": NOT_PERSONAL,
        "business_id": NOT_PERSONAL,
        "privacy_contact_name": (PERSONAL, "name"),
        "privacy_contact_phone": (PERSONAL, "phone"),
        "privacy_contact_email": (PERSONAL, "email"),
        "privacy_notice": NOT_PERSONAL,
    },
}
