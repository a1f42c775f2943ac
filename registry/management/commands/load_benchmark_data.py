"""Fill the register with large volumes of fictional data for benchmarks.

    manage.py load_benchmark_data --organisations 10000 --contacts 100000

Rows are inserted with bulk_create in batches. Each run adds new rows (emails
and business IDs never collide with what is there), so do not run it against
a database that holds real data.
"""

import datetime
import random
import secrets
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from home.validators import business_id_check_digit
from registry.models import (
    Contact,
    ContactPhone,
    CustomerEvent,
    CustomerEventChannel,
    CustomerEventKind,
    DataSource,
    LegalBasis,
    Membership,
    Organisation,
)

BATCH_SIZE = 5000
MUNICIPALITIES = [
    "Mikkeli",
    "Juva",
    "Kangasniemi",
    "Hirvensalmi",
    "Mäntyharju",
    "Pertunmaa",
    "Puumala",
    "Savonlinna",
    "Pieksämäki",
]
INDUSTRIES = [
    ("62010", "Ohjelmistojen suunnittelu ja valmistus"),
    ("16100", "Sahatavaran valmistus"),
    ("55201", "Lomakylät ja leirintäalueet"),
    ("47111", "Päivittäistavarakauppa"),
    ("41200", "Asuin- ja muiden rakennusten rakentaminen"),
    ("01110", "Viljanviljely"),
    ("70220", "Muu liikkeenjohdon konsultointi"),
]
FIRST_NAMES = ["Aino", "Eero", "Helmi", "Ilmari", "Kaisa", "Lauri", "Maija", "Onni", "Siiri"]
LAST_NAMES = ["Esimerkki", "Malli", "Testinen", "Näyte", "Koe", "Kokeilu", "Harjoitus"]
ROLES = ["Toimitusjohtaja", "Hallituksen jäsen", "Yrittäjä", "Myyntipäällikkö", "Kirjanpitäjä"]


def business_ids(count, taken):
    """`count` valid business IDs not in `taken`, from a random starting point."""
    number = random.randint(1_000_000, 8_000_000)
    found = []
    while len(found) < count:
        digits = f"{number:07d}"
        check = business_id_check_digit(digits)
        business_id = f"{digits}-{check}"
        if check is not None and business_id not in taken:
            found.append(business_id)
        number += 1
    return found


def batches(items, size=BATCH_SIZE):
    for start in range(0, len(items), size):
        yield items[start : start + size]


class Command(BaseCommand):
    help = "Add many fictional organisations and contacts to the register, fast (bulk inserts)."

    def add_arguments(self, parser):
        parser.add_argument("--organisations", type=int, default=1000)
        parser.add_argument("--contacts", type=int, default=10000)
        parser.add_argument(
            "--events", type=int, default=2, help="Customer events per contact (default 2)."
        )
        parser.add_argument("--seed", type=int, default=None)

    def handle(self, *args, organisations, contacts, events, seed, **options):
        if organisations < 1 and contacts > 0:
            raise CommandError("Contacts need at least one organisation.")
        random.seed(seed)
        started = time.monotonic()
        with transaction.atomic():
            created_organisations = self.create_organisations(organisations)
            created_contacts = self.create_contacts(contacts, created_organisations, events)
        self.stdout.write(
            f"Added {len(created_organisations)} organisations and {created_contacts} contacts "
            f"in {time.monotonic() - started:.1f} s."
        )

    def create_organisations(self, count):
        taken = set(
            Organisation.objects.exclude(business_id="").values_list("business_id", flat=True)
        )
        rows = []
        for index, business_id in enumerate(business_ids(count, taken)):
            code, industry = random.choice(INDUSTRIES)
            municipality = random.choice(MUNICIPALITIES)
            rows.append(
                Organisation(
                    name=f"Vertailuyritys {business_id} Oy",
                    business_id=business_id,
                    industry_code=code,
                    industry=industry,
                    municipality=municipality,
                    city=municipality,
                    postcode="50100",
                    street_address=f"Testikatu {index % 200 + 1}",
                    is_business_customer=index % 3 == 0,
                )
            )
        created = []
        for batch in batches(rows):
            created += Organisation.objects.bulk_create(batch)
        return created

    def create_contacts(self, count, organisations, events_each):
        token = secrets.token_hex(4)
        now = timezone.now()
        legal_bases = list(LegalBasis.values)
        sources = list(DataSource.values)
        kinds = list(CustomerEventKind.values)
        channels = list(CustomerEventChannel.values)
        created = 0
        for start in range(0, count, BATCH_SIZE):
            size = min(BATCH_SIZE, count - start)
            event_times = [
                sorted(
                    now
                    - datetime.timedelta(
                        days=random.randint(0, 3650), minutes=random.randint(0, 1440)
                    )
                    for _ in range(events_each)
                )
                for _ in range(size)
            ]
            people = Contact.objects.bulk_create(
                Contact(
                    first_name=random.choice(FIRST_NAMES),
                    last_name=random.choice(LAST_NAMES),
                    position=random.choice(ROLES),
                    email=f"vertailu.{token}.{start + i}@example.fi",
                    legal_basis=random.choice(legal_bases),
                    source=random.choice(sources),
                    city=random.choice(MUNICIPALITIES),
                    last_customer_event_at=times[-1] if times else None,
                    processing_restricted=(start + i) % 500 == 0,
                )
                for i, times in enumerate(event_times)
            )
            memberships = []
            phones = []
            customer_events = []
            for person, times in zip(people, event_times, strict=True):
                organisation = random.choice(organisations)
                memberships.append(
                    Membership(contact=person, organisation=organisation, role=random.choice(ROLES))
                )
                phones.append(
                    ContactPhone(contact=person, number=f"+3584{random.randint(10**7, 10**8 - 1)}")
                )
                customer_events += [
                    CustomerEvent(
                        contact=person,
                        organisation=organisation,
                        kind=random.choice(kinds),
                        channel=random.choice(channels),
                        occurred_at=when,
                    )
                    for when in times
                ]
            Membership.objects.bulk_create(memberships)
            ContactPhone.objects.bulk_create(phones)
            CustomerEvent.objects.bulk_create(customer_events)
            created += len(people)
            self.stdout.write(f"{created} contacts…", ending="\r")
        return created
