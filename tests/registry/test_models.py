import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from privacy.identifiers import normalise_email, normalise_phone
from registry.models import Contact, ContactPhone, CustomerEvent, Organisation

from .factories import CustomerEventFactory

pytestmark = pytest.mark.django_db


def test_business_id_is_validated_with_its_check_digit():
    Organisation(name="Nokia Oyj", business_id="0112038-9").full_clean()
    with pytest.raises(ValidationError) as excinfo:
        Organisation(name="Väärä Oy", business_id="0112038-8").full_clean()
    assert "business_id" in excinfo.value.message_dict


@pytest.mark.parametrize(
    ("raw", "e164"),
    [
        ("0440 361 615", "+358440361615"),
        ("+358 40 123 4567", "+358401234567"),
        ("040-1234567", "+358401234567"),
        ("+46 8 123 456 78", "+46812345678"),
    ],
)
def test_phone_numbers_are_normalised_to_e164(raw, e164):
    assert normalise_phone(raw) == e164


@pytest.mark.parametrize("raw", ["", "12", "not a number", "+358 1"])
def test_invalid_phone_numbers_are_refused(raw):
    with pytest.raises(ValidationError):
        normalise_phone(raw)


def test_a_contacts_phone_is_stored_normalised():
    contact = Contact.objects.create(first_name="Maija", email="maija@example.fi")
    phone = ContactPhone(contact=contact, number="040 123 4567")
    phone.full_clean()
    phone.save()
    assert ContactPhone.objects.get().number == "+358401234567"


def test_email_is_normalised_and_unique_whatever_its_case():
    assert normalise_email("  Maija.Meikalainen@Example.FI ") == "maija.meikalainen@example.fi"
    Contact.objects.create(email="Maija@Example.fi")
    assert Contact.objects.with_email("MAIJA@example.FI").exists()
    with pytest.raises(IntegrityError):
        Contact.objects.create(email="maija@example.fi")


def test_many_contacts_may_have_no_email():
    Contact.objects.create(first_name="A")
    Contact.objects.create(first_name="B")
    assert Contact.objects.count() == 2


def test_a_customer_event_moves_last_customer_event_forward_only():
    contact = Contact.objects.create(email="a@example.fi")
    recent = timezone.now() - datetime.timedelta(days=1)
    older = recent - datetime.timedelta(days=400)

    CustomerEventFactory(contact=contact, occurred_at=recent)
    contact.refresh_from_db()
    assert contact.last_customer_event_at == recent

    CustomerEventFactory(contact=contact, occurred_at=older)
    contact.refresh_from_db()
    assert contact.last_customer_event_at == recent


def test_restriction_is_recorded_with_reason_and_date():
    contact = Contact.objects.create(email="r@example.fi")
    contact.restrict("Data subject contests accuracy")
    contact.refresh_from_db()
    assert contact.processing_restricted
    assert contact.restricted_at is not None
    assert not Contact.objects.unrestricted().filter(pk=contact.pk).exists()


def test_load_benchmark_data_adds_what_it_is_asked_for():
    from io import StringIO

    from django.core.management import call_command

    from registry.models import Membership

    call_command("load_benchmark_data", organisations=5, contacts=30, events=2, stdout=StringIO())
    call_command("load_benchmark_data", organisations=5, contacts=30, events=2, stdout=StringIO())
    assert Organisation.objects.count() == 10
    assert Contact.objects.count() == 60
    assert Membership.objects.count() == 60
    assert CustomerEvent.objects.count() == 120
    for organisation in Organisation.objects.all():
        organisation.full_clean()
    latest = CustomerEvent.objects.filter(contact=Contact.objects.first()).latest("occurred_at")
    assert Contact.objects.first().last_customer_event_at == latest.occurred_at
