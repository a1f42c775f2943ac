"""Demo content of the company directory: the index page, services and a dozen listings.

The companies are fictional. Their organisations are created in the register
when it has none with the same business ID, so this module works with or
without the register's own demo content; a second run changes nothing.
"""

from django.utils.text import slugify
from wagtail.models import Site

from home.languages import translate_page
from home.models import HomePage
from home.validators import business_id_check_digit
from registry.models import Contact, IndustryClassification, Membership, Organisation

from .demo_translations import DESCRIPTIONS, INDEX_TRANSLATIONS, SERVICE_NAMES
from .models import DirectoryIndexPage, Listing, Service

SLUG = "yrityshakemisto"
TITLE = "Yrityshakemisto"
INTRODUCTION = (
    "Mikkelin seudun yrityksiä ja niiden palveluja. Jokainen yritys päättää itse, "
    "mitkä sen tiedoista näytetään."
)

SERVICES = [
    "Kirjanpito",
    "Tilintarkastus",
    "Ohjelmistokehitys",
    "Verkkosivut",
    "Rakennuttaminen",
    "Remontointi",
    "Puusepäntyöt",
    "Catering",
    "Majoitus",
    "Kuljetus",
    "Markkinointi",
    "Siivous",
]

# base digits of the business ID, name, TOL 2008 code, municipality, street, postcode,
# services, description, phone, public email, website, owner contact
COMPANIES = [
    (
        "2901001",
        "Saimaan Puutyö Oy",
        "16230",
        "Mikkeli",
        "Teollisuuskatu 4",
        "50130",
        ["Puusepäntyöt", "Remontointi"],
        "Mittatilauskalusteet, portaat ja ikkunat kotimaisesta puusta.",
        "+358401234501",
        "info@saimaanpuutyo.example",
        "https://saimaanpuutyo.example",
        ("Pekka", "Puustinen", "Toimitusjohtaja"),
    ),
    (
        "2901002",
        "Mikkelin Tilitoimisto Tase Oy",
        "69201",
        "Mikkeli",
        "Porrassalmenkatu 20",
        "50100",
        ["Kirjanpito", "Tilintarkastus"],
        "Kirjanpito, palkanlaskenta ja veroneuvonta pk-yrityksille.",
        "+358401234502",
        "tase@tilitase.example",
        "https://tilitase.example",
        ("Tiina", "Tase", "Yrittäjä"),
    ),
    (
        "2901003",
        "Koodiverstas Kallio Oy",
        "62010",
        "Mikkeli",
        "Maaherrankatu 9",
        "50100",
        ["Ohjelmistokehitys", "Verkkosivut"],
        "Verkkopalvelut ja mobiilisovellukset, ylläpito ja pilvipalvelut.",
        "+358401234503",
        "hello@koodiverstas.example",
        "https://koodiverstas.example",
        ("Kalle", "Kallio", "Kehittäjä"),
    ),
    (
        "2901004",
        "Juvan Rakennus ja Remontti Oy",
        "41200",
        "Juva",
        "Juvantie 12",
        "51900",
        ["Rakennuttaminen", "Remontointi"],
        "Omakotitalot, kylpyhuoneremontit ja julkisivut Etelä-Savossa.",
        "+358401234504",
        "toimisto@juvanrakennus.example",
        "",
        ("Jaana", "Juvonen", "Työnjohtaja"),
    ),
    (
        "2901005",
        "Kangasniemen Kestikievari",
        "55101",
        "Kangasniemi",
        "Otavantie 3",
        "51200",
        ["Majoitus", "Catering"],
        "Hotelli ja ravintola järven rannalla; juhlat ja kokoukset.",
        "+358401234505",
        "varaukset@kestikievari.example",
        "https://kestikievari.example",
        ("Kirsi", "Kievari", "Hotellinjohtaja"),
    ),
    (
        "2901006",
        "Mäntyharjun Kuljetus Oy",
        "49410",
        "Mäntyharju",
        "Asematie 1",
        "52700",
        ["Kuljetus"],
        "Kappaletavara- ja muuttokuljetukset koko Suomeen.",
        "+358401234506",
        "ajojarjestely@mhkuljetus.example",
        "",
        ("Matti", "Mänty", "Liikennöitsijä"),
    ),
    (
        "2901007",
        "Savon Siivouspalvelu",
        "81210",
        "Mikkeli",
        "Savilahdentie 6",
        "50100",
        ["Siivous"],
        "Toimisto- ja kotisiivous, muuttosiivous ja ikkunanpesu.",
        "+358401234507",
        "",
        "",
        ("Sari", "Savolainen", "Yrittäjä"),
    ),
    (
        "2901008",
        "Mainostoimisto Ilves Oy",
        "73111",
        "Mikkeli",
        "Hallituskatu 3",
        "50100",
        ["Markkinointi", "Verkkosivut"],
        "Brändit, kampanjat ja sosiaalisen median markkinointi.",
        "+358401234508",
        "ilves@ilvesmainos.example",
        "https://ilvesmainos.example",
        ("Iida", "Ilves", "Luova johtaja"),
    ),
    (
        "2901009",
        "Hirvensalmen Hirsitalot Oy",
        "16230",
        "Hirvensalmi",
        "Kirkkotie 8",
        "52550",
        ["Rakennuttaminen", "Puusepäntyöt"],
        "Hirsitalot ja -saunat avaimet käteen -periaatteella.",
        "+358401234509",
        "myynti@hirsitalot.example",
        "https://hirsitalot.example",
        ("Hannu", "Hirvonen", "Myyntipäällikkö"),
    ),
    (
        "2901010",
        "Puumalan Pitopalvelu",
        "56210",
        "Puumala",
        "Puumalantie 2",
        "52200",
        ["Catering"],
        "Pitopalvelu häihin, muistotilaisuuksiin ja yritysjuhliin.",
        "+358401234510",
        "pidot@puumalanpito.example",
        "",
        ("Paula", "Pitkänen", "Kokki"),
    ),
    (
        "2901011",
        "Pertunmaan Tilintarkastus Oy",
        "69202",
        "Pertunmaa",
        "Kuortintie 1",
        "19430",
        ["Tilintarkastus"],
        "HT-tilintarkastukset yhdistyksille ja osakeyhtiöille.",
        "+358401234511",
        "",
        "",
        ("Olli", "Pertunen", "HT-tilintarkastaja"),
    ),
    (
        "2901012",
        "Etelä-Savon Ohjelmistopaja Oy",
        "62020",
        "Mikkeli",
        "Vuorikatu 5",
        "50100",
        ["Ohjelmistokehitys"],
        "Tietojärjestelmien integraatiot ja konsultointi.",
        "+358401234512",
        "paja@esohjelmisto.example",
        "https://esohjelmisto.example",
        ("Eeva", "Savonen", "Arkkitehti"),
    ),
]


def business_id(digits):
    return f"{digits}-{business_id_check_digit(digits)}"


def _index_page(stdout):
    page = DirectoryIndexPage.objects.filter(locale__language_code="fi").first()
    if page is None:
        page = _publish_index_page(stdout)
    if page is not None:
        for code, fields in INDEX_TRANSLATIONS.items():
            if translate_page(page, code, per_page=page.per_page, **fields)[1]:
                stdout.write(f"Company directory page translated ({code}).")
    return page


def _publish_index_page(stdout):
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    if not isinstance(home, HomePage):
        return None
    page = DirectoryIndexPage(title=TITLE, slug=SLUG, introduction=INTRODUCTION, show_in_menus=True)
    home.add_child(instance=page)
    page.save_revision().publish()
    stdout.write("Company directory page created.")
    return page


def load(stdout):
    _index_page(stdout)
    services = {}
    for name in SERVICES:
        swedish, english = SERVICE_NAMES[name]
        services[name], _ = Service.objects.get_or_create(
            slug=slugify(name), defaults={"name": name, "name_sv": swedish, "name_en": english}
        )
    created = 0
    for row in COMPANIES:
        (
            digits,
            name,
            code,
            municipality,
            street,
            postcode,
            service_names,
            description,
            phone,
            email,
            website,
            (first, last, role),
        ) = row
        organisation, _ = Organisation.objects.get_or_create(
            business_id=business_id(digits),
            defaults={
                "name": name,
                "industry_code": code,
                # Typed in before 2026: the directory maps them to TOL 2025 sections.
                "industry_classification": IndustryClassification.TOL_2008,
                "municipality": municipality,
                "street_address": street,
                "postcode": postcode,
                "city": municipality,
                "is_business_customer": True,
            },
        )
        owner_email = f"{slugify(first)}.{slugify(last)}@{slugify(name)[:20]}.example"
        contact, _ = Contact.objects.get_or_create(
            email=owner_email, defaults={"first_name": first, "last_name": last, "position": role}
        )
        Membership.objects.get_or_create(contact=contact, organisation=organisation, role=role)
        if Listing.objects.filter(organisation=organisation).exists():
            continue
        swedish, english = DESCRIPTIONS.get(digits, ("", ""))
        listing = Listing.objects.create(
            organisation=organisation,
            status=Listing.Status.PUBLIC,
            description=description,
            description_sv=swedish,
            description_en=english,
            phone=phone,
            email=email,
            website=website,
            show_contact_persons=True,
        )
        listing.services.set([services[s] for s in service_names])
        created += 1
    if created:
        stdout.write(f"{created} directory listings created.")
