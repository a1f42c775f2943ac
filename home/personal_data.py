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
        "site_name": NOT_PERSONAL,
        "logo": NOT_PERSONAL,
        "street_address": NOT_PERSONAL,
        "postcode": NOT_PERSONAL,
        "city": NOT_PERSONAL,
        "business_id": NOT_PERSONAL,
        "privacy_contact_name": (PERSONAL, "name"),
        "privacy_contact_phone": (PERSONAL, "phone"),
        "privacy_contact_email": (PERSONAL, "email"),
        "privacy_notice": NOT_PERSONAL,
        "accessibility_statement": NOT_PERSONAL,
    },
    # Public content; the assessor may be a named person (a consultant), so it is
    # personal data like the privacy contact. The feedback and supervisor addresses
    # are organisations' functional mailboxes.
    "home.AccessibilityStatementPage": {
        "page_ptr": NOT_PERSONAL,
        "introduction": NOT_PERSONAL,
        "conformance_status": NOT_PERSONAL,
        "non_conformities": NOT_PERSONAL,
        "statement_date": NOT_PERSONAL,
        "updated_on": NOT_PERSONAL,
        "assessed_on": NOT_PERSONAL,
        "assessment_method": NOT_PERSONAL,
        "assessment_description": NOT_PERSONAL,
        "assessor": (PERSONAL, "name"),
        "feedback_email": NOT_PERSONAL,
        "feedback_page": NOT_PERSONAL,
        "supervisor_name": NOT_PERSONAL,
        "supervisor_email": NOT_PERSONAL,
        "supervisor_phone": NOT_PERSONAL,
        "supervisor_url": NOT_PERSONAL,
    },
}
