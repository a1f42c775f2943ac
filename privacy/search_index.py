"""What a deleted row leaves in a full-text index, removed after an erasure.

SQLite's FTS5 index (Wagtail's database search backend in development) keeps the
words of deleted rows in its segment blobs until the segments are merged, so an
erased person's name stays readable in `modelsearch_indexentry_fts_data`.
"optimize" merges every segment and drops what was deleted. PostgreSQL keeps its
search vectors in the rows themselves, which are gone with them.
"""

from django.db import connection

# Wagtail's search backend and the modelsearch package it builds on each keep one.
FTS_TABLES = ("wagtailsearch_indexentry_fts", "modelsearch_indexentry_fts")


def forget_search_index_remains():
    if connection.vendor != "sqlite":
        return
    tables = set(connection.introspection.table_names()) & set(FTS_TABLES)
    with connection.cursor() as cursor:
        for table in sorted(tables):
            cursor.execute(f"INSERT INTO {table}({table}) VALUES('optimize')")  # noqa: S608
