"""What editing and deleting a contact does, wherever in the admin it is done.

Registered with Wagtail's action registry (`register_actions` hook), so the
edit and delete views and the bulk delete all go through these:

- an edit's `wagtail.edit` log entry names the fields that changed, never
  their values;
- deleting a contact erases the person through `privacy.services.erase_subject`:
  their submissions, outbox copies and what other apps hold go with the
  contact, and the erasure ledger records it for `reapply_erasures`.
"""

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.actions.delete import DeleteAction
from wagtail.actions.edit import EditAction
from wagtail.log_actions import log

from privacy.services import erase_subject

# Shown on the delete confirmations of contacts, one and many.
ERASURE_WARNING = _(
    "Deleting a contact erases the person from the whole site: the contact with "
    "everything attached to it, their web-form submissions, the emails sent about them "
    "and their details in the company directory. The erasure is recorded in the erasure "
    "ledger, so it is repeated after a restore from backup. It cannot be undone."
)

# Bookkeeping fields of inline rows: a reordered row is not a changed one.
_FORMSET_BOOKKEEPING = {"id", "ORDER", "DELETE"}


def changed_fields(form):
    """The names of the fields a contact form changed: "email", "phones.number", "phones"...

    A row added or removed in an inline list is named by the list ("phones").
    """
    names = set(form.changed_data)
    for prefix, formset in getattr(form, "formsets", {}).items():
        for row in formset.forms:
            if not row.has_changed():
                continue
            if row.instance.pk is None or "DELETE" in row.changed_data:
                names.add(prefix)
            names.update(
                f"{prefix}.{name}" for name in row.changed_data if name not in _FORMSET_BOOKKEEPING
            )
    return sorted(names)


class ContactEditAction(EditAction):
    """Wagtail's edit, whose log entry says which fields changed."""

    def __init__(self, instance, user=None, *, log_action="wagtail.edit", **kwargs):
        super().__init__(instance, user, log_action=None, **kwargs)
        self.audit_action = log_action

    @transaction.atomic
    def _edit(self, skip_permission_checks=False):
        changed = changed_fields(self.form) if self.form is not None else []
        instance = super()._edit(skip_permission_checks=skip_permission_checks)
        if self.audit_action:
            log(
                instance=instance,
                action=self.audit_action,
                user=self.user,
                content_changed=self.content_changed,
                data={"changed_fields": changed},
            )
        return instance


class ContactDeleteAction(DeleteAction):
    """Deleting a contact is erasing the person (see `privacy.services.erase_subject`)."""

    @transaction.atomic
    def _delete(self):
        counts = erase_subject(self.instance.pk)
        if self.log_action:
            # After the erasure, so that the record of who erased survives it.
            log(
                instance=self.instance,
                action=self.log_action,
                user=self.user,
                deleted=True,
                data={"erased": counts},
            )
        return counts
