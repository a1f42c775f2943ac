"""The register's audit trail, written to Wagtail's log entries.

Viewing a contact, exporting, importing, editing and deleting each leave an
entry with who and when. Entries name people by id ("contact #12"), never by
personal data: see `registry.models.audit`.
"""

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from .models.audit import audit_label_for

VIEW = "registry.view"
EXPORT = "registry.export"
IMPORT = "registry.import"
# Values taken from the Trade Register: picked by staff, or written by a refresh.
TRADE_REGISTER_APPLY = "registry.trade_register.apply"
TRADE_REGISTER_REFRESH = "registry.trade_register.refresh"

# Actions that record access to data rather than changes to it.
ACCESS_ACTIONS = (VIEW, EXPORT)

ACTIONS = {
    VIEW: (_("View"), _("Viewed")),
    EXPORT: (_("Export"), _("Exported")),
    IMPORT: (_("Import"), _("Imported from a file")),
    TRADE_REGISTER_APPLY: (
        _("Apply from the Trade Register"),
        _("Applied values from the Trade Register"),
    ),
    TRADE_REGISTER_REFRESH: (
        _("Refresh from the Trade Register"),
        _("Refreshed from the Trade Register"),
    ),
}


def register_actions(actions):
    """Called from the `register_log_actions` hook."""
    for action, (label, message) in ACTIONS.items():
        actions.register_action(action, label, message)


def log_view(instance, user):
    return log(instance, VIEW, user=user, title=audit_label_for(type(instance), instance.pk))


def log_many(model, pks, action, user, data=None):
    """One entry per row, inserted in bulk (an export may hold thousands of rows)."""
    content_type = ContentType.objects.get_for_model(model)
    now = timezone.now()
    entries = (
        ModelLogEntry(
            content_type=content_type,
            object_id=str(pk),
            label=audit_label_for(model, pk),
            action=action,
            timestamp=now,
            user=user,
            data=data or {},
        )
        for pk in pks
    )
    batch = []
    count = 0
    for entry in entries:
        batch.append(entry)
        if len(batch) == 2000:
            count += len(ModelLogEntry.objects.bulk_create(batch))
            batch = []
    if batch:
        count += len(ModelLogEntry.objects.bulk_create(batch))
    return count


def log_export(queryset, user, export_format):
    pks = queryset.order_by().values_list("pk", flat=True).iterator(chunk_size=2000)
    return log_many(queryset.model, pks, EXPORT, user, data={"format": export_format})


def log_import(model, pks, user):
    return log_many(model, pks, IMPORT, user)
