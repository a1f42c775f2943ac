"""The register's audit trail, written to Wagtail's log entries.

Viewing a contact, exporting, importing, editing and deleting each leave an
entry with who and when. Entries name people by id ("contact #12"), never by
personal data: see `registry.models.audit`. A page that shows many contacts
(the list, a search, the chooser) leaves one entry naming the ids it showed.
"""

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from .models import Contact
from .models.audit import SHOWN_MANY_OBJECT_ID, audit_label_for

VIEW = "registry.view"
LIST = "registry.list"
EXPORT = "registry.export"
IMPORT = "registry.import"
# Values taken from the Trade Register: picked by staff, or written by a refresh.
TRADE_REGISTER_APPLY = "registry.trade_register.apply"
TRADE_REGISTER_REFRESH = "registry.trade_register.refresh"

# Actions that record access to data rather than changes to it.
ACCESS_ACTIONS = (VIEW, LIST, EXPORT)

# The models whose every view is audited: the people.
AUDITED_MODELS = (Contact,)

ACTIONS = {
    VIEW: (_("View"), _("Viewed")),
    LIST: (_("List"), _("Listed")),
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


def log_view(instance, user, view):
    """One person's data shown by `view` ("inspect", "edit", "history"...)."""
    if not isinstance(instance, AUDITED_MODELS):
        return None
    return log(
        instance,
        VIEW,
        user=user,
        title=audit_label_for(type(instance), instance.pk),
        data={"view": view},
    )


def log_shown(model, pks, user, view, searched=False):
    """One entry for a page showing many rows: their ids, never what was searched for."""
    if model not in AUDITED_MODELS:
        return None
    entry = ModelLogEntry(
        content_type=ContentType.objects.get_for_model(model),
        object_id=SHOWN_MANY_OBJECT_ID,
        label=f"{model._meta.model_name} list",
        action=LIST,
        timestamp=timezone.now(),
        user=user,
        data={"view": view, "searched": searched, f"{model._meta.model_name}_ids": list(pks)},
    )
    # One INSERT, as log_many: save() would first look up the content type and user again.
    return ModelLogEntry.objects.bulk_create([entry])[0]


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
