"""The erasure ledger moves to its own database (the `ledger` alias, privacy/routers.py).

Run when the ledger database is migrated (`manage.py migrate --database ledger`):
the entries an earlier version kept in the main database are copied over and the
old table is dropped, so that no restore of the main database can hold the ledger.
On the main database this migration does nothing.
"""

from django.db import connections, migrations

OLD_TABLE = "privacy_erasureledgerentry"
COLUMNS = (
    "identifier_hash",
    "erased_at",
    "request_id_at_erasure",
    "reapplied_at",
    "reapplied_count",
)


def move_entries(apps, schema_editor):
    main = connections["default"]
    if OLD_TABLE not in main.introspection.table_names():
        return
    Entry = apps.get_model("privacy", "ErasureLedgerEntry")
    with main.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(COLUMNS)} FROM {OLD_TABLE}")  # noqa: S608
        rows = cursor.fetchall()
    Entry.objects.using(schema_editor.connection.alias).bulk_create(
        [Entry(**dict(zip(COLUMNS, row, strict=True))) for row in rows],
        ignore_conflicts=True,
    )
    with main.schema_editor() as main_editor:
        main_editor.delete_model(Entry)


class Migration(migrations.Migration):
    dependencies = [("privacy", "0004_data_content_section")]

    operations = [
        migrations.RunPython(
            move_entries, migrations.RunPython.noop, hints={"model_name": "erasureledgerentry"}
        )
    ]
