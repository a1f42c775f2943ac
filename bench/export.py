"""Access-export time for one person among 100,000 contacts, on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/miksei_privacy_bench \
        .venv/bin/python bench/export.py [--contacts 100000] [--repeat 20]
"""

import argparse
import statistics
import time

from _django import insert_contacts, reset_register, setup


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    setup()

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from privacy.services import export_subject
    from registry.models import Contact

    reset_register()
    insert_contacts(args.contacts, last_event_sql="now() - interval '1 year'", events_per_contact=3)
    print(f"Seeded {Contact.objects.count():,} contacts")
    middle = args.contacts // 2
    for label, identifier in [
        ("email", f"henkilo{middle}@bench.invalid"),
        ("phone", f"+35840{middle:07d}"),
        ("contact id", Contact.objects.get(email=f"henkilo{middle}@bench.invalid").pk),
    ]:
        timings = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                export = export_subject(identifier)
            timings.append(time.perf_counter() - started)
        people = len(next(iter(export["registry.contact"].values())))
        print(
            f"By {label}: median {statistics.median(timings) * 1000:.1f} ms, "
            f"max {max(timings) * 1000:.1f} ms over {args.repeat} runs, "
            f"{len(queries)} queries, {people} contact exported"
        )


if __name__ == "__main__":
    main()
