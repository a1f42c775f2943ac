import uuid

import factory
from wagtail.models import Site

from intake.forms import SUBMISSION_KEY_FIELD
from intake.models import FormField, FormPage, RegisterField
from registry.models import Contact, LegalBasis


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    first_name = "Maija"
    last_name = "Meikäläinen"
    email = factory.Sequence(lambda n: f"henkilo{n}@example.fi")


def with_key(answers):
    """Answers as sent from a freshly rendered form: with a submission key of their own."""
    answers.setdefault(SUBMISSION_KEY_FIELD, str(uuid.uuid4()))
    return answers


def contact_answers(**kwargs):
    """Answers to the demo contact form ("Ota yhteyttä"), with a fresh submission key."""
    kwargs.setdefault("nimi", "Maija Meikäläinen")
    kwargs.setdefault("sahkoposti", "maija@example.fi")
    kwargs.setdefault("puhelin", "")
    kwargs.setdefault("yritys_tai_organisaatio", "")
    kwargs.setdefault("viesti", "Haluaisin kuulla lisää palveluistanne.")
    return with_key(kwargs)


def directory_answers(**kwargs):
    kwargs.setdefault("yrityksen_nimi", "Savon Sahti Oy")
    kwargs.setdefault("y_tunnus", "0112038-9")
    kwargs.setdefault("yhteyshenkilo", "Pekka Puupää")
    kwargs.setdefault("sahkoposti", "pekka@example.fi")
    kwargs.setdefault("puhelin", "040 123 4567")
    kwargs.setdefault("verkkosivut", "")
    kwargs.setdefault("yrityksen_kuvaus", "Pienpanimo Mikkelissä.")
    kwargs.setdefault("intake_consent", "on")
    return with_key(kwargs)


def form_page(**kwargs):
    """A published form page under the home page; fields as (label, type, maps_to)."""
    fields = kwargs.pop("fields", [("Sähköposti", "email", RegisterField.EMAIL)])
    kwargs.setdefault("title", "Testilomake")
    kwargs.setdefault("slug", "testilomake")
    kwargs.setdefault("purpose", "Testaus")
    kwargs.setdefault("legal_basis", LegalBasis.LEGITIMATE_INTEREST)
    page = FormPage(**kwargs)
    page.form_fields = [
        FormField(label=label, field_type=field_type, maps_to=maps_to, sort_order=position)
        for position, (label, field_type, maps_to) in enumerate(fields)
    ]
    home = Site.objects.get(is_default_site=True).root_page
    home.add_child(instance=page)
    page.save_revision().publish()
    return page
