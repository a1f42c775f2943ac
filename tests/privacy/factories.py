import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from privacy.models import DataSubjectRequest
from registry.models import (
    BillingDetails,
    Consent,
    Contact,
    ContactPhone,
    ContactWebLink,
    CustomerEventChannel,
    CustomerEventKind,
    IPAddressSeen,
    Membership,
    ServiceOrder,
)

from ..registry import factories as register


class OrganisationFactory(register.OrganisationFactory):
    name = factory.Sequence(lambda n: f"Yritys {n} Oy")


class ContactFactory(register.ContactFactory):
    first_name = factory.Sequence(lambda n: f"Etu{n}")
    last_name = factory.Sequence(lambda n: f"Suku{n}")
    email = factory.LazyAttribute(lambda o: f"{o.first_name}.{o.last_name}@example.fi".lower())
    legal_basis = ""


class CustomerEventFactory(register.CustomerEventFactory):
    contact = factory.SubFactory(ContactFactory)
    kind = CustomerEventKind.EMAIL
    channel = CustomerEventChannel.EMAIL
    description = ""


class RequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DataSubjectRequest

    kind = DataSubjectRequest.Kind.ACCESS
    email = factory.Sequence(lambda n: f"pyytaja{n}@example.fi")


def person(first, last, email, phone, organisation, when=None):
    """A contact with everything that can hang off one, as the register would hold it."""
    contact = Contact.objects.create(
        first_name=first,
        last_name=last,
        email=email,
        position="Toimitusjohtaja",
        street_address=f"{last}nkatu 1",
        postcode="50100",
        city="Mikkeli",
        notes=f"{first} soitti syyskuussa.",
    )
    ContactPhone.objects.create(contact=contact, number=phone)
    ContactWebLink.objects.create(contact=contact, url=f"https://www.linkedin.com/in/{last}")
    Membership.objects.create(contact=contact, organisation=organisation, role="Omistaja")
    IPAddressSeen.objects.create(
        contact=contact, ip_address="192.0.2.10", seen_where="yhteydenotto"
    )
    Consent.objects.create(
        contact=contact, purpose="Uutiskirje", text_shown="Haluan uutiskirjeen.", method="lomake"
    )
    CustomerEventFactory(
        contact=contact, organisation=organisation, **({"occurred_at": when} if when else {})
    )
    ServiceOrder.objects.create(
        contact=contact, service="Yritysneuvonta", notes=f"Tilaaja {first} {last}"
    )
    ServiceOrder.objects.create(
        contact=contact,
        organisation=organisation,
        service="Messuosasto",
        notes=f"Yhteyshenkilö {email}",
    )
    BillingDetails.objects.create(
        contact=contact,
        billing_name=f"{first} {last}",
        billing_email=email,
        street_address=f"{last}nkatu 1",
        postcode="50100",
        city="Mikkeli",
        reference="LASKU-1",
    )
    return contact


def privacy_officer(username="tietosuoja"):
    user = get_user_model().objects.create_user(username=username, password="x")
    user.groups.add(Group.objects.get(name="Privacy officer"))
    return user
