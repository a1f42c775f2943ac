"""Deleting a contact in the register admin is erasing the person (issue 13, finding 9)."""

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from intake.models import IntakeSubmission
from ops.models import OutgoingEmail
from privacy.services import reapply_erasures
from registry.models import Contact
from tests.intake.factories import form_page

from .factories import ContactFactory

pytestmark = pytest.mark.django_db

EMAIL = "eero.erased@example.fi"
# The confirmations' warning, in the admin's Finnish.
ERASURE = "poistaa henkilön koko sivustolta"


@pytest.fixture
def person():
    """A contact with a web-form submission and a staff notification email about them."""
    contact = ContactFactory(first_name="Eero", last_name="Erattava", email=EMAIL)
    page = form_page()
    IntakeSubmission.objects.create(
        page=page,
        form_data={"sahkoposti": EMAIL},
        submitter_email=EMAIL,
        contact=contact,
        legal_basis="legitimate_interest",
    )
    OutgoingEmail.objects.create(
        subject="Uusi yhteydenotto", body="Eero", from_email="noreply@localhost", to=[EMAIL]
    )
    return contact


def traces():
    return {
        "contact": Contact.objects.filter(email=EMAIL).count(),
        "submissions": IntakeSubmission.objects.filter(submitter_email=EMAIL).count(),
        "outbox": sum(EMAIL in email.to for email in OutgoingEmail.objects.all()),
    }


GONE = {"contact": 0, "submissions": 0, "outbox": 0}


def delete_url(contact):
    return reverse("wagtailsnippets_registry_contact:delete", args=[contact.pk])


def assert_known_to_the_ledger():
    """A restore from backup brings the person back; the ledger erases them again."""
    restored = ContactFactory(email=EMAIL)
    assert reapply_erasures() == 1
    assert not Contact.objects.filter(pk=restored.pk).exists()


def test_the_confirmation_says_it_is_an_erasure(client, registry_manager, person):
    client.force_login(registry_manager)
    page = client.get(delete_url(person)).content.decode()
    assert ERASURE in page


def test_deleting_a_contact_erases_them_everywhere(client, registry_manager, person):
    client.force_login(registry_manager)
    response = client.post(delete_url(person))
    assert response.status_code == 302
    assert traces() == GONE
    entry = ModelLogEntry.objects.get(object_id=str(person.pk), action="wagtail.delete")
    assert entry.user == registry_manager
    assert entry.data["erased"]["intake.submission"] == 1
    assert_known_to_the_ledger()


def test_bulk_deleting_contacts_erases_each(client, registry_manager, person):
    other = ContactFactory(email="toinen@example.fi")
    client.force_login(registry_manager)
    url = f"/admin/bulk/registry/contact/delete/?id={person.pk}&id={other.pk}"
    confirmation = client.get(url).content.decode()
    assert ERASURE in confirmation
    assert client.post(url).status_code == 302
    assert traces() == GONE
    assert not Contact.objects.filter(pk=other.pk).exists()
    assert_known_to_the_ledger()
