"""What an export of the register holds: one row per organisation or contact.

Column names are the field names that `registry.csv_import` reads, so an
exported file can be edited and imported into another register. Every cell
is neutralised against spreadsheet formulas by the export view.
"""

from django.db.models import Prefetch

from .models import Contact, Membership, Organisation

# The organisation's own fields, written here and read back by the import.
ORGANISATION_FIELDS = [
    "name",
    "business_id",
    "industry_code",
    "industry",
    "municipality",
    "street_address",
    "postcode",
    "city",
    "country",
    "is_business_customer",
]
ORGANISATION_COLUMNS = ["id", *ORGANISATION_FIELDS, "websites"]

CONTACT_COLUMNS = [
    "id",
    "first_name",
    "last_name",
    "email",
    "phones",
    "position",
    "organisation_business_id",
    "organisation",
    "role",
    "legal_basis",
    "source",
    "street_address",
    "postcode",
    "city",
    "country",
    "processing_restricted",
    "last_customer_event_at",
]

LIST_SEPARATOR = "; "


def organisations_for_export(queryset):
    return queryset.prefetch_related(None).prefetch_related("web_links")


def contacts_for_export(queryset):
    return queryset.prefetch_related(None).prefetch_related(
        "phones",
        Prefetch(
            "memberships", queryset=Membership.objects.select_related("organisation").order_by("pk")
        ),
    )


def organisation_row(organisation):
    row = {column: getattr(organisation, column, "") for column in ORGANISATION_COLUMNS}
    row["is_business_customer"] = "yes" if organisation.is_business_customer else "no"
    row["websites"] = LIST_SEPARATOR.join(link.url for link in organisation.web_links.all())
    return row


def contact_row(contact):
    row = {column: getattr(contact, column, "") for column in CONTACT_COLUMNS}
    row["phones"] = LIST_SEPARATOR.join(phone.number for phone in contact.phones.all())
    memberships = list(contact.memberships.all())
    first = memberships[0] if memberships else None
    row["organisation_business_id"] = first.organisation.business_id if first else ""
    row["organisation"] = first.organisation.name if first else ""
    row["role"] = first.role if first else ""
    row["processing_restricted"] = "yes" if contact.processing_restricted else "no"
    if contact.last_customer_event_at:
        row["last_customer_event_at"] = contact.last_customer_event_at.isoformat()
    else:
        row["last_customer_event_at"] = ""
    return row


EXPORTS = {
    Organisation: (ORGANISATION_COLUMNS, organisations_for_export, organisation_row),
    Contact: (CONTACT_COLUMNS, contacts_for_export, contact_row),
}
