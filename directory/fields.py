"""The fields a listing's owner edits, each declared once.

The owner form, its preview, the company page, the JSON-LD, the admin panels, the
personal-data inventory and export, and what waits for staff approval are all made
from OWNER_FIELDS. A field owners can hide is a model field with its `show_<name>`
switch beside it (their verbose names are the labels everywhere), its migration,
and one line here.
"""

from dataclasses import dataclass

from django.apps import apps
from django.utils.text import capfirst

# How a field is edited, cleaned, stored and shown (forms.py, templates/directory/includes).
DESCRIPTION = "description"  # a text in one language, shown in the visitor's (translations.py)
SERVICES = "services"  # the Service many-to-many, shown as a list and a search filter
LINE = "line"
PHONE = "phone"
EMAIL = "email"
URL = "url"
LINKS = "links"  # web addresses, one a line in the form, a list on the listing

# schema.org properties that hold a list: each field adds its values to it.
SCHEMA_LISTS = {"sameAs"}


@dataclass(frozen=True)
class ListingField:
    name: str  # the Listing's attribute
    kind: str
    hideable: bool = False  # the owner shows or hides it with Listing.show_<name>
    personal: bool = False  # may be a sole trader's own: in the export and the inventory
    schema: str = ""  # the schema.org Organization property in the JSON-LD
    lang: str = ""  # the language a description is written in

    @property
    def switch(self):
        return f"show_{self.name}"

    @property
    def label(self):
        return capfirst(self.model_field().verbose_name)

    def model_field(self, name=None):
        # Looked up, not imported: the Listing model imports this declaration.
        return apps.get_model("directory", "Listing")._meta.get_field(name or self.name)

    def value(self, listing):
        """The listing's value as owner changes compare, store and wait for approval."""
        if self.kind == SERVICES:
            return sorted(listing.services.values_list("pk", flat=True))
        if self.kind == LINKS:
            return list(getattr(listing, self.name))
        return getattr(listing, self.name)


OWNER_FIELDS = (
    ListingField("description", DESCRIPTION, lang="fi"),
    ListingField("description_sv", DESCRIPTION, lang="sv"),
    ListingField("description_en", DESCRIPTION, lang="en"),
    ListingField("services", SERVICES),
    ListingField("phone", PHONE, hideable=True, personal=True, schema="telephone"),
    ListingField("email", EMAIL, hideable=True, personal=True, schema="email"),
    ListingField("website", URL, hideable=True, schema="sameAs"),
    ListingField("social_profiles", LINKS, hideable=True, personal=True, schema="sameAs"),
)

# The contact details: what the owner may hide, in the order the page shows them.
CONTACT_FIELDS = tuple(field for field in OWNER_FIELDS if field.hideable)

# Shown or hidden by the owner, but read from the register, not edited here.
REGISTER_DETAILS = ("street_address", "contact_persons")

# Every visibility switch on a listing, by what it shows.
VISIBILITY_FIELDS = {
    name: f"show_{name}" for name in (*(f.name for f in CONTACT_FIELDS), *REGISTER_DETAILS)
}
