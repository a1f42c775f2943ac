"""Admin views of the register: organisations, contacts, their history and import.

Every view checks a registry permission (Wagtail's model permissions on the
register's models, granted to the groups of migration 0003); every view that
shows a contact, and editing, exporting and deleting, are written to Wagtail's
log entries (`registry.audit`). Deleting a contact erases the person
(`registry.actions`).

- `choosers`: the chooser of people and companies, permission-checked and audited;
- `listings`: the organisation and contact listings, their filters and export;
- `contact`: the contact page, its edit, history, usage, delete and access-log views;
- `bulk_delete`: bulk delete, each contact row an erasure;
- `imports`: the CSV import.
"""

from wagtail.permissions import policy_registry

ANY_PERMISSION = ("add", "change", "delete", "view")


def user_can_use(user, model, actions=ANY_PERMISSION):
    return policy_registry.get_by_type(model).user_has_any_permission(user, actions)
