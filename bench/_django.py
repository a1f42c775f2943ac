"""Shared set-up for the benchmarks: Django on a PostgreSQL database of their own."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/miksei_privacy_bench"


def setup():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DATABASE_URL", DEFAULT_URL)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    url = os.environ["DATABASE_URL"]
    if not url.startswith("postgres"):
        raise SystemExit("The benchmarks run on PostgreSQL: set DATABASE_URL=postgres://...")
    _create_database(url)

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _create_database(url):
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(url)
    with psycopg.connect(
        host=config["HOST"],
        port=config["PORT"] or 5432,
        user=config["USER"],
        dbname="postgres",
        autocommit=True,
    ) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{config["NAME"]}"')


def reset_register():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE registry_contact, registry_customerevent, registry_contactphone, "
            "registry_billingdetails, registry_serviceorder, privacy_retentionrun "
            "RESTART IDENTITY CASCADE"
        )


def insert_contacts(count, *, last_event_sql, events_per_contact):
    """`count` contacts, each with a phone and `events_per_contact` events, in bulk SQL."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO registry_contact (
                first_name, last_name, position, email, notes, legal_basis, source,
                street_address, postcode, city, country, created_at, updated_at,
                processing_restricted, restriction_reason, last_customer_event_at
            )
            SELECT 'Etu' || i, 'Suku' || i, '', 'henkilo' || i || '@bench.invalid', '', '', '',
                   '', '', '', 'FI', now() - interval '12 years', now(), false, '',
                   {last_event_sql}
            FROM generate_series(1, %s) AS i
            """,
            [count],
        )
        cursor.execute(
            """
            INSERT INTO registry_contactphone (contact_id, number, label)
            SELECT id, '+35840' || lpad(id::text, 7, '0'), '' FROM registry_contact
            """
        )
        cursor.execute(
            """
            INSERT INTO registry_customerevent (contact_id, kind, channel, occurred_at, description)
            SELECT c.id, 'email', 'email', c.last_customer_event_at - (n || ' days')::interval, ''
            FROM registry_contact c CROSS JOIN generate_series(0, %s - 1) AS n
            """,
            [events_per_contact],
        )
        cursor.execute("ANALYZE registry_contact, registry_customerevent, registry_contactphone")
