"""The benchmark's directory: listings with names, services and descriptions drawn
from Etelä-Savo's places and trades, loaded in bulk, and the fixed queries asked of them
(bench/directory.py, bench/search_faults.py)."""

import random
import time

PLACES = [
    "Mikkelin",
    "Juvan",
    "Saimaan",
    "Savon",
    "Kangasniemen",
    "Mäntyharjun",
    "Puumalan",
    "Hirvensalmen",
    "Pertunmaan",
    "Ristiinan",
    "Suomenniemen",
    "Anttolan",
    "Etelä-Savon",
    "Järvi-Suomen",
    "Otavan",
    "Haukivuoren",
    "Ruokolahden",
    "Sulkavan",
]
TRADES = [
    "Puutyö",
    "Rakennus",
    "Tilitoimisto",
    "Kuljetus",
    "Sähkö",
    "Putkityö",
    "Kahvila",
    "Ravintola",
    "Konepaja",
    "Metsäpalvelu",
    "Kiinteistöhuolto",
    "Siivous",
    "Autokorjaamo",
    "Hiusstudio",
    "Ohjelmisto",
    "Mainostoimisto",
    "Maalaus",
    "Kattotyö",
    "Lvi-palvelu",
    "Hirsitalo",
    "Pitopalvelu",
    "Kukkakauppa",
    "Fysioterapia",
    "Lakiasiaintoimisto",
    "Valokuvaamo",
    "Tekstiili",
    "Kaluste",
    "Teräs",
    "Muovi",
    "Graafinen",
]
SUFFIXES = ["Oy", "Oy", "Oy", "Tmi", "Ky", "Ab"]
# Beyond the demo's services (directory.demo.SERVICES), so that filters have more to pick.
MORE_SERVICES = [
    "Sähköasennus",
    "Putkiasennus",
    "Konsultointi",
    "Koulutus",
    "Huolto",
    "Maanrakennus",
    "Metsänhoito",
    "Valokuvaus",
]
MUNICIPALITIES = [
    "Mikkeli",
    "Juva",
    "Kangasniemi",
    "Mäntyharju",
    "Pertunmaa",
    "Hirvensalmi",
    "Puumala",
    "Savonlinna",
    "Pieksämäki",
    "Sulkava",
]
CODES = [
    "16230",
    "41200",
    "43220",
    "49410",
    "56101",
    "62010",
    "69201",
    "73111",
    "81210",
    "96021",
    "25620",
    "47761",
    "86901",
    "71121",
    "02200",
]
WORDS = [
    "laadukas",
    "palvelu",
    "asiakas",
    "kokemus",
    "ammattitaito",
    "nopea",
    "toimitus",
    "yritys",
    "perhe",
    "paikallinen",
    "kestävä",
    "ratkaisu",
    "suunnittelu",
    "toteutus",
    "huolto",
    "asennus",
    "kotimainen",
    "luotettava",
    "vuodesta",
    "alueella",
    "tarjoamme",
    "mittatilaus",
    "korjaus",
    "ylläpito",
    "neuvonta",
    "koulutus",
    "vuokraus",
    "myynti",
]


# The fixed query set: exact names, single words, prefixes, typos, services and filters.
QUERIES = [
    {"text": "Mikkelin Puutyö"},
    {"text": "tilitoimisto"},
    {"text": "kuljetus"},
    {"text": "ravintola"},
    {"text": "Saimaan Konepaja Oy"},
    {"text": "puut"},
    {"text": "ohjelm"},
    {"text": "kiinteis"},
    {"text": "hirsit"},
    {"text": "tilitomisto"},
    {"text": "konepaaja"},
    {"text": "fysioterpia"},
    {"text": "kirjanpito"},
    {"text": "verkkosivut"},
    {"text": "mittatilaus korjaus"},
    {"text": "sähkö", "municipality": "Juva"},
    {"text": "rakennus", "industry": "F"},
    {"text": "siivous", "service": "siivous"},
    {"text": "", "municipality": "Mikkeli"},
    {"text": "paikallinen perhe"},
]


def batch_size(model):
    """Rows per INSERT within PostgreSQL's 65,535 bound parameters (server-side binding)."""
    return 65_535 // len(model._meta.concrete_fields)


def load(count, stdout):
    from django.db import connection, transaction
    from django.utils import timezone

    from directory.industries import section_for_code
    from directory.models import Listing, Service
    from directory.search.database import DatabaseEngine
    from registry.models import Organisation

    if Listing.objects.count() == count:
        stdout.write(f"reusing {count} listings already loaded\n")
        return
    stdout.write(f"loading {count} listings...\n")
    started = time.perf_counter()
    rng = random.Random(2026)
    with transaction.atomic():
        Listing.objects.all().delete()
        Organisation.objects.all().delete()
        from directory.demo import SERVICES

        services = [
            Service.objects.get_or_create(name=name)[0] for name in [*SERVICES, *MORE_SERVICES]
        ]
        now = timezone.now()
        organisations, listings = [], []
        for i in range(count):
            name = f"{rng.choice(PLACES)} {rng.choice(TRADES)} {rng.choice(SUFFIXES)}"
            municipality = rng.choice(MUNICIPALITIES)
            code = rng.choice(CODES)
            organisations.append(
                Organisation(
                    name=name,
                    industry_code=code,
                    municipality=municipality,
                    city=municipality,
                    street_address=f"Katu {i}",
                    postcode="50100",
                )
            )
        Organisation.objects.bulk_create(organisations, batch_size=batch_size(Organisation))
        for i, organisation in enumerate(organisations):
            words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 30)))
            listings.append(
                Listing(
                    organisation=organisation,
                    slug=f"yritys-{i}",
                    status=Listing.Status.PUBLIC if rng.random() < 0.9 else Listing.Status.HIDDEN,
                    name=organisation.name,
                    city=organisation.city,
                    municipality=organisation.municipality,
                    industry_section=section_for_code(organisation.industry_code),
                    description=words.capitalize() + ".",
                    phone="+358401234567",
                    published_at=now,
                )
            )
        Listing.objects.bulk_create(listings, batch_size=batch_size(Listing))
        through = Listing.services.through
        links = [
            through(listing_id=listing.pk, service_id=service.pk)
            for listing in listings
            for service in rng.sample(services, rng.randint(1, 3))
        ]
        through.objects.bulk_create(links, batch_size=batch_size(through))
        with connection.cursor() as cursor:
            cursor.execute(
                """
                UPDATE directory_listing l SET services_text = s.names
                FROM (SELECT ls.listing_id, string_agg(sv.name, ', ' ORDER BY sv.name) AS names
                      FROM directory_listing_services ls
                      JOIN directory_service sv ON sv.id = ls.service_id
                      GROUP BY ls.listing_id) s
                WHERE s.listing_id = l.id
                """
            )
        DatabaseEngine().rebuild()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE directory_listing")
        cursor.execute("VACUUM ANALYZE directory_listing_services")
    stdout.write(f"loaded in {time.perf_counter() - started:.1f} s\n")
