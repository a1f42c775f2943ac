"""The outside audit's findings that are not the end-to-end erasure (see
test_erasure_end_to_end.py), each as the auditor reproduced it."""

import datetime

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import timezone

from directory.models import EditLink, Listing
from intake.models import IntakeSubmission
from ops.models import OutgoingEmail
from privacy.models import DataSubjectRequest
from privacy.providers import registered
from privacy.services import apply_retention, erase_subject, export_subject
from tests.directory.factories import ContactFactory, ListingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def outbox(settings):
    settings.EMAIL_BACKEND = "ops.outbox_backend.OutboxEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def test_a_staff_notification_naming_the_person_is_exported_and_erased(seeded, outbox):
    """Finding 4: the person is the notification's reply-to address and in its text."""
    EmailMessage(
        "Uusi yhteydenotto",
        "Maija Meikäläinen, puh. 040 123 4567, kysyy neuvontaa.",
        to=["neuvonta@miksei.fi"],
        reply_to=["maija.meikalainen@example.fi"],
    ).send()
    EmailMessage("Toinen", "Matti kysyy.", to=["neuvonta@miksei.fi"]).send()

    exported = export_subject("maija.meikalainen@example.fi")["ops.outgoing_email"]
    assert [row for rows in exported.values() for row in rows][0]["teksti"].startswith("Maija")

    erase_subject("maija.meikalainen@example.fi")
    assert list(OutgoingEmail.objects.values_list("subject", flat=True)) == ["Toinen"]


def test_undelivered_mail_expires_too(outbox, settings):
    EmailMessage("Ei koskaan perillä", "Hei", to=["x@example.fi"]).send()
    never = OutgoingEmail.objects.get()
    OutgoingEmail.objects.filter(pk=never.pk).update(
        sent_at=None,
        created_at=timezone.now() - datetime.timedelta(days=settings.OUTBOX_KEEP_UNSENT_DAYS + 1),
    )
    apply_retention()
    assert not OutgoingEmail.objects.exists()


def test_erasure_clears_the_persons_phone_from_the_listing_typed_in_any_form(seeded):
    """Finding 5: a phone given as "040 123 4567" matches the stored +358401234567."""
    listing = Listing.objects.create(
        organisation=seeded["organisation"],
        name="Saimaan Puu Oy",
        slug="saimaan-puu",
        status=Listing.Status.PUBLIC,
        phone="+358401234567",
    )
    DataSubjectRequest.objects.all().delete()
    erase_subject("040 123 4567")
    listing.refresh_from_db()
    assert listing.phone == ""


def test_the_request_form_is_rate_limited_per_address_and_per_email(client, demo_site):
    """Finding 7: 25 posts from one address sent 25 confirmations to a victim."""
    for number in range(25):
        client.post(
            reverse("privacy:request"),
            {"kind": "access", "name": "X", "email": "uhri@example.fi"},
            REMOTE_ADDR=f"198.51.100.{number}",
        )
    assert len(mail.outbox) == 3  # PRIVACY_REQUEST_EMAIL_RATE_LIMIT
    refused = client.post(
        reverse("privacy:request"), {"kind": "access", "name": "X", "email": "uhri@example.fi"}
    )
    assert refused.status_code == 429
    assert "liian monta pyyntöä" in refused.content.decode()


def test_unconfirmed_requests_expire(seeded):
    DataSubjectRequest.objects.create(
        kind="access",
        email="kuka@example.fi",
        received_at=timezone.now() - datetime.timedelta(days=8),
    )
    fresh = DataSubjectRequest.objects.create(kind="access", email="tuore@example.fi")
    apply_retention()
    assert list(DataSubjectRequest.objects.values_list("pk", flat=True)) == [fresh.pk]


def test_every_provider_reads_the_one_retention_setting(demo_site, settings):
    """Finding 11: intake kept its own 10 years, the directory 365 x 10 days."""
    from intake.models import FormPage

    page = FormPage.objects.get(slug="ota-yhteytta")
    three_years_ago = timezone.now() - datetime.timedelta(days=3 * 366)
    submission = IntakeSubmission.objects.create(page=page, form_data={}, legal_basis="consent")
    IntakeSubmission.objects.filter(pk=submission.pk).update(submit_time=three_years_ago)
    listing = ListingFactory()
    link = EditLink.objects.create(listing=listing, contact=ContactFactory())
    EditLink.objects.filter(pk=link.pk).update(expires_at=three_years_ago)
    providers = {provider.label: provider for provider in registered()}

    def expired(label):
        return set(providers[label].expired(timezone.now()).values_list("pk", flat=True))

    assert expired("intake.submission") == set() and expired("directory.edit_link") == set()
    settings.PRIVACY_RETENTION_YEARS = 2
    assert expired("intake.submission") == {submission.pk}
    assert expired("directory.edit_link") == {link.pk}
