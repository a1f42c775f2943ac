"""Demo content of the register: organisations of the Mikkeli region, their people and events.

The organisations and people are fictional; the business IDs have valid check
digits and the email addresses are under example.fi. Safe to run again:
records are matched on business ID and email, and nothing is duplicated.
"""

import datetime

from django.utils import timezone

from .models import (
    Contact,
    ContactPhone,
    CustomerEvent,
    CustomerEventChannel,
    CustomerEventKind,
    DataSource,
    LegalBasis,
    Membership,
    Organisation,
    OrganisationWebLink,
    WebLinkKind,
)

ORGANISATIONS = [
    {
        "name": "Saimaan Sahapuu Oy",
        "business_id": "1618033-3",
        "industry_code": "16100",
        "industry": "Sahatavaran valmistus",
        "municipality": "Mikkeli",
        "street_address": "Sahakatu 4",
        "postcode": "50100",
        "city": "Mikkeli",
        "is_business_customer": True,
        "website": "https://sahapuu.example.fi",
    },
    {
        "name": "Juvan Järvimatkailu Ky",
        "business_id": "1414213-0",
        "industry_code": "55201",
        "industry": "Lomakylät ja leirintäalueet",
        "municipality": "Juva",
        "street_address": "Rantatie 12",
        "postcode": "51900",
        "city": "Juva",
        "is_business_customer": True,
        "website": "https://jarvimatkailu.example.fi",
    },
    {
        "name": "Kangasniemen Ohjelmistopaja Oy",
        "business_id": "2236067-2",
        "industry_code": "62010",
        "industry": "Ohjelmistojen suunnittelu ja valmistus",
        "municipality": "Kangasniemi",
        "street_address": "Otavantie 7",
        "postcode": "51200",
        "city": "Kangasniemi",
        "is_business_customer": False,
        "website": "https://ohjelmistopaja.example.fi",
    },
    {
        "name": "Mäntyharjun Kyläkauppa Oy",
        "business_id": "1732050-2",
        "industry_code": "47111",
        "industry": "Päivittäistavarakauppa",
        "municipality": "Mäntyharju",
        "street_address": "Keskustie 1",
        "postcode": "52700",
        "city": "Mäntyharju",
        "is_business_customer": True,
        "website": "",
    },
]

CONTACTS = [
    {
        "first_name": "Aino",
        "last_name": "Esimerkki",
        "position": "Toimitusjohtaja",
        "email": "aino.esimerkki@example.fi",
        "phone": "+358401000001",
        "organisation": "1618033-3",
        "role": "Toimitusjohtaja",
        "legal_basis": LegalBasis.MUNICIPAL_CUSTOMER_WORK,
        "source": DataSource.MEETING,
        "events": [
            (CustomerEventKind.MEETING, CustomerEventChannel.IN_PERSON, 400, "Kasvukeskustelu"),
            (CustomerEventKind.EMAIL, CustomerEventChannel.EMAIL, 380, "Rahoitusvaihtoehdot"),
            (CustomerEventKind.CONTRACT, CustomerEventChannel.POST, 300, "Neuvontasopimus"),
        ],
    },
    {
        "first_name": "Ville",
        "last_name": "Testinen",
        "position": "Yrittäjä",
        "email": "ville.testinen@example.fi",
        "phone": "+358401000002",
        "organisation": "1414213-0",
        "role": "Vastuunalainen yhtiömies",
        "legal_basis": LegalBasis.CONTRACT,
        "source": DataSource.WEB_FORM,
        "events": [
            (CustomerEventKind.FORM_SENT, CustomerEventChannel.WEB, 90, "Yhteydenottopyyntö"),
            (CustomerEventKind.PHONE_CALL, CustomerEventChannel.PHONE, 85, "Matkailuhanke"),
        ],
    },
    {
        "first_name": "Kaisa",
        "last_name": "Malli",
        "position": "Teknologiajohtaja",
        "email": "kaisa.malli@example.fi",
        "phone": "+358401000003",
        "organisation": "2236067-2",
        "role": "Hallituksen jäsen",
        "legal_basis": LegalBasis.CONSENT,
        "source": DataSource.WEB_FORM,
        "events": [
            (CustomerEventKind.EVENT_ATTENDED, CustomerEventChannel.IN_PERSON, 30, "Yrittäjäilta"),
        ],
    },
    {
        "first_name": "Pekka",
        "last_name": "Näyte",
        "position": "Kauppias",
        "email": "pekka.nayte@example.fi",
        "phone": "+358401000004",
        "organisation": "1732050-2",
        "role": "Toimitusjohtaja",
        "legal_basis": LegalBasis.LEGITIMATE_INTEREST,
        "source": DataSource.PUBLIC_SOURCE,
        "events": [
            (CustomerEventKind.ORDER, CustomerEventChannel.EMAIL, 10, "Tilasi koulutuksen"),
        ],
    },
]


def load(stdout):
    organisations = {}
    created_organisations = 0
    for data in ORGANISATIONS:
        data = dict(data)
        website = data.pop("website")
        organisation, created = Organisation.objects.get_or_create(
            business_id=data["business_id"], defaults=data
        )
        if created:
            created_organisations += 1
            if website:
                OrganisationWebLink.objects.create(
                    organisation=organisation, kind=WebLinkKind.WEBSITE, url=website
                )
        organisations[organisation.business_id] = organisation

    created_contacts = 0
    now = timezone.now()
    for data in CONTACTS:
        data = dict(data)
        phone = data.pop("phone")
        organisation = organisations[data.pop("organisation")]
        role = data.pop("role")
        events = data.pop("events")
        contact, created = Contact.objects.get_or_create(email=data["email"], defaults=data)
        if not created:
            continue
        created_contacts += 1
        ContactPhone.objects.create(contact=contact, number=phone, label="Matkapuhelin")
        Membership.objects.create(contact=contact, organisation=organisation, role=role)
        for kind, channel, days_ago, description in events:
            CustomerEvent.objects.create(
                contact=contact,
                organisation=organisation,
                kind=kind,
                channel=channel,
                occurred_at=now - datetime.timedelta(days=days_ago),
                description=description,
            )

    if created_organisations or created_contacts:
        stdout.write(
            f"Register: {created_organisations} organisations, {created_contacts} contacts added."
        )
