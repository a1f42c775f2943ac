import factory
from django.utils.text import slugify

from directory.models import Listing, Service

from ..registry import factories as register


class OrganisationFactory(register.OrganisationFactory):
    """A business customer with the address a company page shows."""

    name = factory.Sequence(lambda n: f"Yritys {n} Oy")
    industry_code = "62010"
    # A code typed in before 2026: mapped to its TOL 2025 section (62 -> K).
    industry_classification = "tol2008"
    industry = ""
    city = "Mikkeli"
    street_address = factory.Sequence(lambda n: f"Testikatu {n}")
    postcode = "50100"
    is_business_customer = True


class ContactFactory(register.ContactFactory):
    first_name = "Olli"
    last_name = factory.Sequence(lambda n: f"Omistaja{n}")
    email = factory.Sequence(lambda n: f"omistaja{n}@example.fi")
    legal_basis = ""


class MembershipFactory(register.MembershipFactory):
    contact = factory.SubFactory(ContactFactory)
    organisation = factory.SubFactory(OrganisationFactory)


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
