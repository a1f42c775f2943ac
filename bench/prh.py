"""Refreshing 10,000 organisations from the Trade Register, on PostgreSQL.

A local stand-in for PRH's open data API (tests/registry/prh_server.py, on 127.0.0.1)
answers with 20 ms of added latency. Its all_companies file holds the register's
organisations and as many other companies; the newest companies (registered after the
daily file) are only in /companies, asked one by one. The refresh runs twice: a first
one that fills and sources every field, and a daily one in which a tenth of the
companies changed name and address (one in a hundred also corrected by staff: a
proposed change) and one in 200 went bankrupt (its listing hidden). Reported: time
taken, requests made, and the most requests the server saw in any minute (PRH's limit,
PRH_RATE_LIMIT_PER_MINUTE) and in any second (the client also spaces its requests).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/miksei_prh_bench \\
        .venv/bin/python bench/prh.py [--organisations 10000] [--others 10000] \\
        [--new 100] [--latency 0.02]
"""

import argparse
import copy
import os
import time

from _django import setup


def company(template, business_id, number, changed=False, ended=False):
    body = copy.deepcopy(template)
    body["businessId"]["value"] = business_id
    body["names"] = [
        {
            "name": f"Vertailuyhtiö {number}{' Uusi' if changed else ''} Oy",
            "type": "1",
            "registrationDate": "2012-01-01",
            "version": 1,
            "source": "1",
        }
    ]
    street = "Raviradantie" if changed else "Porrassalmenkatu"
    for address in body["addresses"]:
        address.update(street=street, buildingNumber=str(number % 90 + 1), postOfficeBox=None)
    if ended:
        body["companySituations"] = [{"type": "KONK", "registrationDate": "2026-11-02"}]
    return body


def most_in_window(times, seconds):
    most, start = 0, 0
    for end, moment in enumerate(times):
        while moment - times[start] >= seconds:
            start += 1
        most = max(most, end - start + 1)
    return most


def run(label, register, refresh_all, settings):
    register.log.clear()
    started = time.perf_counter()
    report = refresh_all()
    elapsed = time.perf_counter() - started
    times = [moment for moment, _path in register.log]
    per_minute = settings.PRH_RATE_LIMIT_PER_MINUTE
    minute, second = most_in_window(times, 60), most_in_window(times, 1)
    print(
        f"{label}: {elapsed:.1f} s for {len(report.outcomes):,} organisations "
        f"({elapsed / max(len(report.outcomes), 1) * 1000:.2f} ms each); "
        f"{len(report.updated):,} updated, {len(report.proposed):,} with proposed changes, "
        f"{len(report.state_changes):,} changed state, {len(report.not_found)} not found"
    )
    bulk = len(register.requests("/opendata-ytj-api/v3/all"))
    held = "limit held" if minute <= per_minute else "LIMIT EXCEEDED"
    print(
        f"  requests: {report.requests} ({bulk} bulk file); most in any minute {minute} "
        f"(limit {per_minute}: {held}), in any second {second} (client spacing "
        f"{max(1, per_minute // 60)} a second)"
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--organisations", type=int, default=10_000)
    parser.add_argument("--others", type=int, default=10_000)
    parser.add_argument("--new", type=int, default=100)
    parser.add_argument("--latency", type=float, default=0.02)
    args = parser.parse_args()
    os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/miksei_prh_bench")
    setup()

    from django.conf import settings
    from django.db import connection

    from directory.models import Listing
    from registry.models import Organisation
    from registry.trade_register.refresh import refresh_all
    from tests.registry.factories import valid_business_id
    from tests.registry.prh_server import FakeTradeRegister, recorded, zipped_companies

    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE registry_organisation RESTART IDENTITY CASCADE")
    ids = [valid_business_id(n * 7) for n in range(args.organisations + args.others)]
    ours = ids[: args.organisations]
    Organisation.objects.bulk_create(
        Organisation(name="", business_id=business_id, industry_classification="tol2008")
        for business_id in ours
    )
    ended = set(ours[::200])  # one in 200 goes bankrupt before the daily refresh
    for organisation in Organisation.objects.filter(business_id__in=ended):
        Listing.objects.create(organisation=organisation, status=Listing.Status.PUBLIC)
    template = recorded("active")
    new = set(ours[-args.new :]) if args.new else set()

    def files(changed_every=0):
        companies = {
            business_id: company(
                template,
                business_id,
                number,
                changed=bool(changed_every) and number % changed_every == 0,
                ended=bool(changed_every) and business_id in ended,
            )
            for number, business_id in enumerate(ids)
        }
        bulk = [body for business_id, body in companies.items() if business_id not in new]
        return companies, zipped_companies(bulk)

    print(
        f"{args.organisations:,} organisations, {args.others:,} other companies in the bulk "
        f"file, {len(new)} only asked one by one, {args.latency * 1000:.0f} ms added latency"
    )
    with FakeTradeRegister(latency=args.latency) as register:
        settings.PRH_API_URL = register.url
        register.companies, register.all_companies = files()
        print(f"  bulk file: {len(register.all_companies) / 1e6:.1f} MB zipped")
        run("First refresh", register, refresh_all, settings)
        # Staff corrected one name in a hundred by hand; the register renames those too.
        Organisation.objects.filter(business_id__in=ours[::100]).update(name="Käsin korjattu Oy")
        register.companies, register.all_companies = files(changed_every=10)
        run("Daily refresh", register, refresh_all, settings)
    hidden = Listing.objects.filter(status=Listing.Status.HIDDEN).count()
    print(f"  listings of ended companies hidden: {hidden} of {len(ended)}")


if __name__ == "__main__":
    main()
