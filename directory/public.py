"""What the public sees of a listing: its page, its search result, its JSON-LD."""

import json
from dataclasses import dataclass, field

from registry.models import Membership
from registry.trade_register.sync import fields_from_register

from .fields import CONTACT_FIELDS, LINKS, SCHEMA_LISTS
from .industries import section_name
from .translations import in_language, localized_service_name, service_names


@dataclass
class ContactPerson:
    name: str
    role: str


@dataclass
class Detail:
    """One contact detail the owner shows (fields.CONTACT_FIELDS), as pages and JSON-LD need it."""

    name: str
    kind: str
    label: str
    value: object  # a text, or a list for LINKS
    schema: str


@dataclass
class PublicListing:
    """Everything a visitor or crawler may see of one listing, and nothing else.

    Pages, JSON-LD, feeds and search results are built from this, never from the
    Listing itself, so a hidden field has no way onto a public surface.
    """

    slug: str
    name: str
    city: str
    municipality: str
    business_id: str
    industry_section: str
    industry_name: str
    description: str
    services: list
    details: list = field(default_factory=list)  # the shown contact details, as Detail
    logo: object = None
    street_address: str = ""
    postcode: str = ""
    contact_persons: list = field(default_factory=list)
    # Some of what is shown comes from the Trade Register: the page credits it (CC BY 4.0).
    from_trade_register: bool = False

    @property
    def address_lines(self):
        city_line = " ".join(part for part in (self.postcode, self.city) if part)
        return [line for line in (self.street_address, city_line) if line]

    @property
    def shown(self):
        """{name: value} of the shown contact details, for a template that needs one."""
        return {detail.name: detail.value for detail in self.details}


def contact_persons(organisation):
    """Current members whose processing is not restricted, as name and role only."""
    memberships = (
        Membership.objects.filter(
            organisation=organisation, contact__processing_restricted=False, ended_on__isnull=True
        )
        .select_related("contact")
        .order_by("contact__last_name", "contact__first_name", "pk")
    )
    return [
        ContactPerson(name=m.contact.full_name, role=m.role)
        for m in memberships
        if m.contact.full_name
    ]


def contact_details(listing):
    """The contact details the owner shows and has filled in, in the declared order."""
    details = []
    for declared in CONTACT_FIELDS:
        value = getattr(listing, declared.switch) and getattr(listing, declared.name)
        if value:
            value = list(value) if declared.kind == LINKS else value
            details.append(
                Detail(declared.name, declared.kind, str(declared.label), value, declared.schema)
            )
    return details


def public_listing(listing, names=None):
    """The listing as its company page shows it; None when the listing is not public.

    `names` is service_names() when a caller shows many listings (one lookup for all).
    """
    public = public_summary(listing, names)
    if public is None:
        return None
    organisation = listing.organisation
    public.logo = listing.logo
    if listing.show_contact_persons:
        public.contact_persons = contact_persons(organisation)
    public.from_trade_register = _shows_register_data(organisation, listing.show_street_address)
    return public


def public_summary(listing, names=None):
    """What a search result or a form about the listing shows: the public fields without
    the logo, the contact persons or the register's credit (which only the page needs)."""
    if not listing.is_public:
        return None
    organisation = listing.organisation
    return PublicListing(
        slug=listing.slug,
        name=listing.name,
        city=listing.city,
        municipality=listing.municipality,
        business_id=organisation.business_id,
        industry_section=listing.industry_section,
        industry_name=section_name(listing.industry_section),
        description=in_language(listing, "description"),
        services=_service_names(listing, names),
        details=contact_details(listing),
        street_address=organisation.street_address if listing.show_street_address else "",
        postcode=organisation.postcode,
    )


def _shows_register_data(organisation, shows_street_address):
    fields = fields_from_register(organisation)
    if not shows_street_address:
        fields.discard("street_address")
    # The website shown is the listing's own, not the register's.
    fields.discard("website")
    return bool(fields)


def _service_names(listing, translated=None):
    """The names in the visitor's language, each falling back to Finnish on its own."""
    # A search page's listings come with their Finnish names (directory.search.database).
    names = getattr(listing, "service_names", None)
    if names is None:
        return [in_language(service, "name") for service in listing.services.all()]
    translated = service_names() if translated is None else translated
    return [localized_service_name(name, translated) for name in names]


def json_ld(public, url):
    """schema.org Organization for a public listing, with only its public fields."""
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": public.name,
        "url": url,
        "address": {
            "@type": "PostalAddress",
            "addressLocality": public.city,
            "addressCountry": "FI",
        },
    }
    if public.street_address:
        data["address"]["streetAddress"] = public.street_address
        if public.postcode:
            data["address"]["postalCode"] = public.postcode
    if public.business_id:
        data["vatID"] = "FI" + public.business_id.replace("-", "")
        data["identifier"] = {
            "@type": "PropertyValue",
            "propertyID": "Y-tunnus",
            "value": public.business_id,
        }
    if public.description:
        data["description"] = public.description
    for detail in public.details:
        if detail.schema in SCHEMA_LISTS:
            values = detail.value if isinstance(detail.value, list) else [detail.value]
            data.setdefault(detail.schema, []).extend(values)
        elif detail.schema:
            data[detail.schema] = detail.value
    if public.services:
        data["knowsAbout"] = public.services
    if public.contact_persons:
        data["employee"] = [
            {"@type": "Person", "name": p.name, **({"jobTitle": p.role} if p.role else {})}
            for p in public.contact_persons
        ]
    # Escaped for a <script> element: no "</script>" can close it early.
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
