"""A register contact's data as the data subject receives it (GDPR art. 15 and 20)."""

from django.utils.translation import gettext_lazy as _

# What `export_contact` reads, fetched in one query each.
EXPORT_PREFETCH = (
    "former_emails",
    "phones",
    "web_links",
    "memberships__organisation",
    "ip_addresses",
    "consents__text_version",
    "events__organisation",
    "service_orders__changes",
    "service_orders__organisation",
    "billing_details",
)


def _value(instance, field):
    if field.choices:
        return str(getattr(instance, f"get_{field.name}_display")())
    value = getattr(instance, field.attname)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _record(instance, *exclude):
    """A model instance as {verbose name: value}, relations and ids left out."""
    return {
        str(field.verbose_name): _value(instance, field)
        for field in instance._meta.concrete_fields
        if not field.is_relation and not field.primary_key and field.name not in exclude
    }


def export_contact(contact):
    """One contact and all that hangs off it, under labels in the reader's language."""
    return {
        **_record(contact),
        str(_("former email addresses")): [
            _record(former) for former in contact.former_emails.all()
        ],
        str(_("phone numbers")): [_record(phone) for phone in contact.phones.all()],
        str(_("websites and profiles")): [_record(link) for link in contact.web_links.all()],
        str(_("memberships")): [
            {str(_("organisation")): membership.organisation.name, **_record(membership)}
            for membership in contact.memberships.all()
        ],
        str(_("IP addresses seen")): [_record(ip) for ip in contact.ip_addresses.all()],
        str(_("consents")): [
            {
                **_record(consent),
                str(_("version of the text")): (
                    consent.text_version.version if consent.text_version else ""
                ),
            }
            for consent in contact.consents.all()
        ],
        str(_("customer events")): [
            {
                str(_("organisation")): event.organisation.name if event.organisation else "",
                **_record(event),
            }
            for event in contact.events.all()
        ],
        str(_("service orders")): [
            {
                str(_("organisation")): order.organisation.name if order.organisation else "",
                **_record(order),
                str(_("changes to the order")): [_record(change) for change in order.changes.all()],
            }
            for order in contact.service_orders.all()
        ],
        str(_("billing details")): [_record(billing) for billing in contact.billing_details.all()],
    }
