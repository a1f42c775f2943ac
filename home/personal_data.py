"""The personal-data inventory of the site and organisation settings.

The privacy contact person's name, phone and email are an employee's personal
data, published in the privacy notice; pages hold public content only.
"""

from django.utils.translation import gettext as _

from privacy.identifiers import email_key, phone_key
from privacy.providers import NOT_PERSONAL, PERSONAL, BaseProvider, Subject

from .models import AccessibilityStatementPage, OrganisationSettings

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


class PublishedContactProvider(BaseProvider):
    """The controller's privacy contact person and an accessibility assessor, published
    on the site as the law requires (GDPR art. 13(1)(b); Act on the Provision of Digital
    Services, 17 §). Exported like any data; not erased here: staff name someone else
    in the settings or on the statement page, and the old name then leaves the site."""

    label = "home.published_contact"
    models = [OrganisationSettings, AccessibilityStatementPage]

    def find(self, subject: Subject):
        # The phone is stored as typed ("0440 361 615"); a site has one settings row.
        return OrganisationSettings.objects.filter(
            pk__in=[
                settings.pk
                for settings in OrganisationSettings.objects.all()
                if email_key(settings.privacy_contact_email) in subject.emails
                or phone_key(settings.privacy_contact_phone) in subject.phones
            ]
        )

    def export(self, subject: Subject):
        return {
            _("published as the privacy contact person"): [
                {
                    _("name"): settings.privacy_contact_name,
                    _("phone"): settings.privacy_contact_phone,
                    _("email"): settings.privacy_contact_email,
                }
                for settings in self.find(subject)
            ]
        }

    def erase(self, subject: Subject):
        return 0


PROVIDERS = [PublishedContactProvider()]
