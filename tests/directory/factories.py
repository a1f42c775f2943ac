import factory
from django.utils.text import slugify

from directory.models import Listing, Service
from home.validators import business_id_check_digit
from registry.models import Contact, Membership, Organisation


def valid_business_id(n):
    """The n-th valid business ID after 3000000 (skipping bases that have no check digit)."""
    base = 3000000 + n * 2
    while business_id_check_digit(str(base)) is None:
        base += 1
    return f"{base}-{business_id_check_digit(str(base))}"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Yritys {n} Oy")
    business_id = factory.Sequence(valid_business_id)
    industry_code = "62010"
    municipality = "Mikkeli"
    city = "Mikkeli"
    street_address = factory.Sequence(lambda n: f"Testikatu {n}")
    postcode = "50100"
    is_business_customer = True


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    first_name = "Olli"
    last_name = factory.Sequence(lambda n: f"Omistaja{n}")
    email = factory.Sequence(lambda n: f"omistaja{n}@example.fi")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    contact = factory.SubFactory(ContactFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = "Toimitusjohtaja"


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Palvelu {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class ListingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Listing
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    status = Listing.Status.PUBLIC
    description = "Palveluja Mikkelin seudulla."
    phone = "+358401112233"
    email = factory.Sequence(lambda n: f"info{n}@yritys.example")
    website = factory.Sequence(lambda n: f"https://yritys{n}.example")
    social_profiles = factory.LazyFunction(lambda: ["https://www.facebook.com/yritys.example"])
    show_contact_persons = True

    @factory.post_generation
    def services(self, create, extracted, **kwargs):
        if create and extracted:
            self.services.set(extracted)
