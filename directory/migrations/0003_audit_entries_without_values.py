"""Owner-edit audit entries name the fields that changed, no longer their old and new
values (a listing's phone or email may be a person's own, and the log outlived an
erasure). Entries written before keep only the field names."""

from django.db import migrations

TEXT_ACTIONS = (
    "directory.owner_proposed",
    "directory.owner_edit",
    "directory.changes_approved",
    "directory.changes_rejected",
)


def strip_values(apps, schema_editor):
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    for entry in ModelLogEntry.objects.filter(action__in=TEXT_ACTIONS).iterator():
        changes = (entry.data or {}).pop("changes", None)
        if changes is None:
            continue
        entry.data["fields"] = sorted(changes)
        entry.save(update_fields=["data"])


class Migration(migrations.Migration):
    dependencies = [("directory", "0002_editlink_recipient_hash"), ("wagtailcore", "0098_apitoken")]

    operations = [migrations.RunPython(strip_values, migrations.RunPython.noop)]
