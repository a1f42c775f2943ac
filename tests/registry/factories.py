import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from home.validators import business_id_check_digit
from registry.models import (
    Contact,
    ContactPhone,
    CustomerEvent,
    CustomerEventChannel,
    CustomerEventKind,
    LegalBasis,
    Membership,
    Organisation,
)


def valid_business_id(n):
    """A business ID with a correct check digit, derived from the number n."""
    number = 1_000_000 + n
    while business_id_check_digit(f"{number:07d}") is None:
        number += 1
    return f"{number:07d}-{business_id_check_digit(f'{number:07d}')}"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Testiyritys {n} Oy")
    business_id = factory.Sequence(lambda n: valid_business_id(n * 3))
    municipality = "Mikkeli"
    industry = "Ohjelmistot"


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    first_name = "Maija"
    last_name = factory.Sequence(lambda n: f"Meikäläinen{n}")
    email = factory.Sequence(lambda n: f"maija.{n}@example.fi")
    legal_basis = LegalBasis.LEGITIMATE_INTEREST


class ContactPhoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactPhone

    contact = factory.SubFactory(ContactFactory)
    number = "+358401234567"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    contact = factory.SubFactory(ContactFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = "Toimitusjohtaja"


class CustomerEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CustomerEvent

    contact = factory.SubFactory(ContactFactory)
    kind = CustomerEventKind.MEETING
    channel = CustomerEventChannel.IN_PERSON
    occurred_at = factory.LazyFunction(timezone.now)
    description = "Kasvusuunnitelman läpikäynti"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.Sequence(lambda n: f"user{n}@example.fi")
    password = factory.django.Password("a-test-password")

    @factory.post_generation
    def groups(self, create, names, **kwargs):
        for name in names or ():
            self.groups.add(Group.objects.get(name=name))
