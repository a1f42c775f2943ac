"""Requests that arrive by phone, letter, email or at the desk, recorded by staff in the
admin: the channel and date of receipt set the due date, no email confirmation is asked,
the audit log names who recorded it, and the identity check still gates completion."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from privacy.models import DataSubjectRequest
from privacy.retention import add_months
from registry.models import Contact
from tests.registry.factories import UserFactory

pytestmark = pytest.mark.django_db

Status = DataSubjectRequest.Status
MAIJA = "maija.meikalainen@example.fi"
URL = "/admin/privacy/requests/new/"


def record(client, **overrides):
    data = {
        "kind": "erasure",
        "channel": "phone",
        "received_on": timezone.localdate().isoformat(),
        "name": "Maija Meikäläinen",
        "email": MAIJA,
        "phone": "040 123 4567",
        "details": "Soitti ja pyysi poistamaan tietonsa.",
        "language": "fi",
        **overrides,
    }
    return client.post(URL, data)


def test_the_url_is_the_privacy_admins():
    assert reverse("privacy_requests:add") == URL


def test_a_phone_request_is_open_at_once_due_a_month_from_receipt_and_audited(
    client, seeded, officer
):
    client.force_login(officer)
    received = timezone.localdate() - datetime.timedelta(days=10)
    response = record(client, received_on=received.isoformat())
    subject_request = DataSubjectRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("privacy_requests:inspect", args=[subject_request.pk])
    assert subject_request.status == Status.OPEN
    assert subject_request.channel == "phone"
    assert subject_request.recorded_by == officer
    assert subject_request.received_on == received
    assert subject_request.due_on == add_months(received, 1)
    assert subject_request.email_confirmed_at is None
    assert subject_request.phone == "+358401234567"
    assert mail.outbox == []  # nothing to confirm
    entry = ModelLogEntry.objects.get(action="privacy.request.record")
    assert entry.user_id == officer.pk
    assert entry.data == {"channel": "phone"}
    assert entry.label == f"request #{subject_request.pk}"

    screen = client.get(reverse("privacy_requests:inspect", args=[subject_request.pk])).content
    assert b"Puhelin" in screen
    assert b"Ei tarvita: henkil\xc3\xb6kunta kirjasi" in screen
    assert b"data-identity-needed" in screen


def test_it_is_completed_only_after_the_identity_check(client, seeded, officer):
    client.force_login(officer)
    record(client)
    subject_request = DataSubjectRequest.objects.get()
    close = reverse("privacy_requests:close", args=[subject_request.pk])
    client.post(close, {"action": "complete"})
    assert DataSubjectRequest.objects.get().status == Status.OPEN
    assert Contact.objects.filter(email=MAIJA).exists()

    client.post(
        reverse("privacy_requests:identity", args=[subject_request.pk]),
        {"method": "strong_eid", "how": "Suomi.fi-tunnistus"},
    )
    client.post(close, {"action": "complete"})
    subject_request.refresh_from_db()
    assert subject_request.status == Status.COMPLETED
    assert subject_request.identity_method == "strong_eid"
    assert not Contact.objects.filter(email=MAIJA).exists()


def test_the_identity_methods_include_eid_document_and_known_email(client, officer):
    client.force_login(officer)
    subject_request = DataSubjectRequest.objects.create(kind="access", email=MAIJA)
    screen = client.get(reverse("privacy_requests:inspect", args=[subject_request.pk])).content
    for value in ("strong_eid", "id_document", "known_email"):
        assert f'value="{value}"'.encode() in screen


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"received_on": "2099-01-01"}, "ei voi olla tulevaisuudessa"),
        ({"received_on": "eilen"}, "Syötä oikea päivämäärä"),
        ({"email": "", "phone": ""}, "sähköpostiosoite tai puhelinnumero"),
        ({"kind": "access", "email": ""}, "latauslinkkiä varten"),
        ({"channel": "web"}, "Valitse oikea vaihtoehto"),
    ],
)
def test_bad_input_is_a_translated_error_and_stores_nothing(client, officer, overrides, message):
    client.force_login(officer)
    response = record(client, **overrides)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not DataSubjectRequest.objects.exists()


def test_a_request_without_email_gets_no_email_when_refused(client, officer):
    client.force_login(officer)
    record(client, kind="objection", email="", channel="letter")
    subject_request = DataSubjectRequest.objects.get()
    client.post(
        reverse("privacy_requests:close", args=[subject_request.pk]),
        {"action": "refuse", "outcome": "Käsittely perustuu sopimukseen."},
    )
    assert DataSubjectRequest.objects.get().status == Status.REFUSED
    assert mail.outbox == []


@pytest.mark.parametrize("group", ["Editors", "Moderators", None])
def test_editors_moderators_and_plain_staff_cannot_record(client, group):
    user = UserFactory(groups=[group] if group else [])
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    # Wagtail answers a permission denied in the admin with a redirect to the dashboard.
    assert client.get(URL)["Location"] == reverse("wagtailadmin_home")
    assert record(client)["Location"] == reverse("wagtailadmin_home")
    assert not DataSubjectRequest.objects.exists()


def test_the_web_form_still_needs_an_email(client):
    response = client.post(reverse("privacy:request"), {"kind": "access", "name": "Maija"})
    assert response.status_code == 200
    assert "Tämä kenttä on pakollinen" in response.content.decode()
    assert not DataSubjectRequest.objects.exists()
