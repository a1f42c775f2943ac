"""Scan every column of every table for a string: where would a person's data hide?"""

import json

from django.db import connection


def variants(needle):
    """The string as stored plainly and as JSON stores it (\\u00e4 for ä on SQLite)."""
    escaped = json.dumps(needle)[1:-1]
    return {needle.lower(), escaped.lower()}


def traces(*needles):
    """[(table, column, needle)] for every column holding any of the needles."""
    wanted = {needle: variants(needle) for needle in needles}
    found = set()
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            columns = [column[0] for column in cursor.description]
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    if value is None:
                        continue
                    text = (
                        bytes(value).decode("utf-8", "replace")
                        if isinstance(value, bytes | memoryview)
                        else str(value)
                    ).lower()
                    for needle, forms in wanted.items():
                        if any(form in text for form in forms):
                            found.add((table, column, needle))
    return sorted(found)


def rows_pointing_at(instance):
    """[(model label, pk)] of every row in any model with a foreign key to `instance`,
    the rows a scan for strings cannot see (memberships, consents, events, links)."""
    found = []
    for relation in instance._meta.related_objects:
        model = relation.related_model
        pks = model._base_manager.filter(**{relation.field.name: instance.pk}).values_list(
            "pk", flat=True
        )
        found += [(model._meta.label, pk) for pk in pks]
    return sorted(found)
