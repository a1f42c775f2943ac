"""Retention over 1,000,000 customer events on PostgreSQL: run time and the longest lock held.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/miksei_privacy_bench \
        .venv/bin/python bench/retention.py [--contacts 100000] [--events-per-contact 10]

Half of the contacts are past the ten-year retention period. While retention
runs, a second connection samples pg_locks every 5 ms and reports the longest
time the retention backend held a lock on a register table (its transaction
age while holding it), and the strongest lock mode seen.
"""

import argparse
import threading
import time

from _django import insert_contacts, reset_register, setup


def sample_locks(pid, stop, result):
    import psycopg
    from django.conf import settings

    db = settings.DATABASES["default"]
    with psycopg.connect(
        host=db["HOST"],
        port=db["PORT"] or 5432,
        user=db["USER"],
        dbname=db["NAME"],
        autocommit=True,
    ) as connection:
        while not stop.is_set():
            rows = connection.execute(
                """
                SELECT l.mode, EXTRACT(EPOCH FROM now() - a.xact_start)
                FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                JOIN pg_class c ON c.oid = l.relation
                WHERE l.pid = %s AND l.granted AND c.relname LIKE 'registry_%%'
                """,
                [pid],
            ).fetchall()
            for mode, age in rows:
                result["modes"].add(mode)
                result["longest"] = max(result["longest"], float(age or 0))
            time.sleep(0.005)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--events-per-contact", type=int, default=10)
    parser.add_argument("--batch-size", type=int, default=None)
    args = parser.parse_args()
    setup()

    from django.db import connection

    from privacy import services
    from registry.models import Contact, CustomerEvent

    reset_register()
    started = time.monotonic()
    # Every other contact's last event is 11 years ago, the others' 2 years ago.
    insert_contacts(
        args.contacts,
        last_event_sql="now() - (CASE WHEN i %% 2 = 0 THEN interval '11 years' "
        "ELSE interval '2 years' END)",
        events_per_contact=args.events_per_contact,
    )
    events = CustomerEvent.objects.count()
    print(
        f"Seeded {Contact.objects.count():,} contacts and {events:,} customer events "
        f"in {time.monotonic() - started:.1f} s"
    )

    started = time.monotonic()
    dry = services.apply_retention(dry_run=True)
    print(f"Dry run: {dry.counts} in {time.monotonic() - started:.2f} s")

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    stop, locks = threading.Event(), {"longest": 0.0, "modes": set()}
    sampler = threading.Thread(target=sample_locks, args=(pid, stop, locks))
    sampler.start()
    started = time.monotonic()
    kwargs = {"batch_size": args.batch_size} if args.batch_size else {}
    run = services.apply_retention(**kwargs)
    elapsed = time.monotonic() - started
    stop.set()
    sampler.join()

    print(
        f"Retention: {run.counts} in {elapsed:.1f} s, {run.batches} batches "
        f"of {kwargs.get('batch_size', services.RETENTION_BATCH_SIZE)} contacts"
    )
    print(f"Longest batch transaction: {run.longest_batch_seconds:.3f} s")
    print(
        f"Longest lock held on a register table (sampled): {locks['longest']:.3f} s; "
        f"modes: {', '.join(sorted(locks['modes']))}"
    )
    print(f"Left: {Contact.objects.count():,} contacts, {CustomerEvent.objects.count():,} events")


if __name__ == "__main__":
    main()
