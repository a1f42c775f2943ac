"""The request workflow: form, email confirmation, identity, deadlines, completion, audit."""

import datetime
import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from privacy.models import DataSubjectRequest
from privacy.providers import registered
from privacy.retention import add_months
from registry.models import Contact

from .factories import RequestFactory

Status = DataSubjectRequest.Status
MAIJA = "maija.meikalainen@example.fi"


def link_in(message):
    return re.search(r"https?://\S+", message.body).group(0)


IDENTITY = {"method": "id_document", "how": "Ajokortti nähty"}


def verify_identity(client, subject_request):
    client.post(reverse("privacy_requests:identity", args=[subject_request.pk]), IDENTITY)


def token_in(message):
    """The export link's token: after the '#', where no server ever sees it."""
    url = link_in(message)
    assert url.count("#") == 1
    return url.split("#")[1]


def submit(client, kind="access", email=MAIJA, **extra):
    return client.post(
        reverse("privacy:request"),
        {"kind": kind, "name": "Maija Meikäläinen", "email": email, **extra},
    )


@pytest.mark.django_db
def test_the_form_keeps_what_was_typed_and_explains_errors(client, demo_site):
    response = client.post(
        reverse("privacy:request"), {"kind": "access", "name": "Maija", "email": "x"}
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert 'value="Maija"' in content
    assert "aria-describedby" in content or "invalid-feedback" in content
    assert DataSubjectRequest.objects.count() == 0


def test_a_request_is_confirmed_from_the_emailed_link(client, seeded):
    response = submit(client)
    assert response.status_code == 302
    subject_request = DataSubjectRequest.objects.get()
    assert subject_request.status == Status.UNCONFIRMED
    assert subject_request.due_on == add_months(timezone.localdate(), 1)
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [MAIJA]
    assert not mail.outbox[0].attachments

    response = client.get(link_in(mail.outbox[0]))

    assert response.status_code == 200
    subject_request.refresh_from_db()
    assert subject_request.status == Status.OPEN
    assert subject_request.email_confirmed_at is not None


def test_a_tampered_confirmation_link_is_refused(client, seeded):
    submit(client)
    response = client.get(link_in(mail.outbox[0]).replace("/vahvista/", "/vahvista/x"))
    assert response.status_code == 400
    assert DataSubjectRequest.objects.get().status == Status.UNCONFIRMED


def test_staff_complete_an_access_request_and_the_requester_downloads_it(client, seeded, officer):
    submit(client)
    client.get(link_in(mail.outbox[0]))
    subject_request = DataSubjectRequest.objects.get()
    client.force_login(officer)
    verify_identity(client, subject_request)

    response = client.post(
        reverse("privacy_requests:close", args=[subject_request.pk]),
        {"action": "complete", "outcome": ""},
    )

    assert response.status_code == 302
    subject_request.refresh_from_db()
    assert subject_request.status == Status.COMPLETED
    message = mail.outbox[-1]
    assert not message.attachments
    token = token_in(message)
    client.logout()

    assert token not in client.get(reverse("privacy:download")).content.decode()
    page = client.post(reverse("privacy:download"), {"token": token})
    assert page.status_code == 200
    text = page.content.decode()
    assert "Maija" in text and "Matti" not in text
    assert "Tiedot poistetaan 10 vuoden kuluttua" in text  # retention, in Finnish
    assert "Yhteydenpito asiakkaisiin" in text  # purposes
    assert "Tapahtuman yhteisjärjestäjä" in text  # recipients

    follow_up = page.context["follow_up_token"]
    download = client.post(reverse("privacy:download"), {"token": follow_up, "format": "json"})
    assert download["Content-Disposition"].startswith("attachment")
    data = json.loads(download.content)
    assert set(data) == {provider.label for provider in registered()}


def completed_access(client, officer):
    subject_request = RequestFactory(email=MAIJA)
    subject_request.confirm_email()
    client.force_login(officer)
    verify_identity(client, subject_request)
    client.post(
        reverse("privacy_requests:close", args=[subject_request.pk]), {"action": "complete"}
    )
    client.logout()
    return subject_request, token_in(mail.outbox[-1])


def test_the_download_link_works_once_and_a_new_one_comes_by_email(client, seeded, officer):
    subject_request, token = completed_access(client, officer)
    url = reverse("privacy:download")
    assert client.post(url, {"token": token}).status_code == 200

    again = client.post(url, {"token": token})
    assert again.status_code == 410
    assert "Maija" not in again.content.decode()

    sent = len(mail.outbox)
    client.post(url, {"token": token, "action": "renew"})
    assert len(mail.outbox) == sent + 1 and mail.outbox[-1].to == [MAIJA]
    assert client.post(url, {"token": token_in(mail.outbox[-1])}).status_code == 200


def test_the_download_link_expires(client, seeded, officer):
    subject_request, token = completed_access(client, officer)
    subject_request.export_links.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert client.post(reverse("privacy:download"), {"token": token}).status_code == 410
    DataSubjectRequest.objects.filter(pk=subject_request.pk).update(
        export_expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    sent = len(mail.outbox)
    client.post(reverse("privacy:download"), {"token": token, "action": "renew"})
    assert len(mail.outbox) == sent  # nothing left to open: no new link


def test_an_access_request_needs_a_recorded_identity_check_not_only_the_email(
    client, seeded, officer
):
    subject_request = RequestFactory(email=MAIJA)
    subject_request.confirm_email()
    client.force_login(officer)
    screen = client.get(reverse("privacy_requests:inspect", args=[subject_request.pk]))
    assert "data-identity-needed" in screen.content.decode()
    client.post(
        reverse("privacy_requests:close", args=[subject_request.pk]), {"action": "complete"}
    )
    subject_request.refresh_from_db()
    assert subject_request.status == Status.OPEN
    assert subject_request.export_data is None

    verify_identity(client, subject_request)
    client.post(
        reverse("privacy_requests:close", args=[subject_request.pk]), {"action": "complete"}
    )
    subject_request.refresh_from_db()
    assert subject_request.status == Status.COMPLETED
    assert subject_request.identity_method == "id_document"
    assert subject_request.identity_checked_by == officer


def test_an_unconfirmed_request_cannot_be_completed_until_identity_is_checked(
    client, seeded, officer
):
    subject_request = RequestFactory(email=MAIJA)
    client.force_login(officer)
    url = reverse("privacy_requests:close", args=[subject_request.pk])
    client.post(url, {"action": "complete"})
    subject_request.refresh_from_db()
    assert subject_request.status == Status.UNCONFIRMED

    verify_identity(client, subject_request)
    subject_request.refresh_from_db()
    assert subject_request.identity_checked_by == officer
    assert subject_request.identity_check == "Ajokortti nähty"
    assert subject_request.status == Status.OPEN


def test_extension_by_up_to_two_months_with_the_reason_sent(client, seeded, officer):
    subject_request = RequestFactory(email=MAIJA)
    subject_request.confirm_email()
    client.force_login(officer)
    url = reverse("privacy_requests:extend", args=[subject_request.pk])

    client.post(url, {"months": 2, "reason": "Tiedot on haettava arkistosta."})
    subject_request.refresh_from_db()
    assert subject_request.due_on == add_months(subject_request.received_on, 3)
    assert "Tiedot on haettava arkistosta." in mail.outbox[-1].body
    sent = len(mail.outbox)

    client.post(url, {"months": 1, "reason": "Vielä lisää."})
    subject_request.refresh_from_db()
    assert subject_request.extension_months == 2
    assert len(mail.outbox) == sent


def test_days_left_and_the_dashboard_panel(admin_client, seeded):
    overdue = RequestFactory(received_at=timezone.now() - datetime.timedelta(days=40))
    overdue.confirm_email()
    soon = RequestFactory(received_at=timezone.now() - datetime.timedelta(days=27))
    soon.confirm_email()
    assert overdue.days_left() < 0 and overdue.is_overdue
    assert 0 <= soon.days_left() <= 7 and soon.is_due_soon

    content = admin_client.get("/admin/").content.decode()
    assert "privacy-requests" in content
    assert f"#{overdue.pk}" in content and f"#{soon.pk}" in content


def test_rectification_from_the_request_screen_is_audited_with_old_and_new(client, seeded, officer):
    subject_request = RequestFactory(email=MAIJA, kind="rectification")
    subject_request.confirm_email()
    client.force_login(officer)
    verify_identity(client, subject_request)
    screen = client.get(reverse("privacy_requests:inspect", args=[subject_request.pk]))
    form = screen.context["rectification_form"]
    index = next(i for i, f in enumerate(form.rectifiable) if f["key"].endswith(":last_name"))
    data = {f"f{i}": f["value"] for i, f in enumerate(form.rectifiable)}
    data[f"f{index}"] = "Meikäläinen-Virta"

    client.post(reverse("privacy_requests:rectify", args=[subject_request.pk]), data)

    assert Contact.objects.get(email=MAIJA).last_name == "Meikäläinen-Virta"
    record = subject_request.rectifications.get()
    assert (record.old_value, record.new_value) == ("Meikäläinen", "Meikäläinen-Virta")
    assert record.applied_by == officer
    entry = ModelLogEntry.objects.get(action="privacy.request.rectify")
    assert "Meikäläinen" not in json.dumps(entry.data) + entry.label


def test_every_state_change_is_audited_without_personal_data(client, seeded, officer):
    submit(client, kind="erasure")
    client.get(link_in(mail.outbox[0]))
    subject_request = DataSubjectRequest.objects.get()
    client.force_login(officer)
    verify_identity(client, subject_request)
    client.post(
        reverse("privacy_requests:close", args=[subject_request.pk]), {"action": "complete"}
    )

    actions = list(
        ModelLogEntry.objects.filter(object_id=str(subject_request.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions[:2] == ["privacy.request.receive", "privacy.request.confirm"]
    assert "privacy.request.completed" in actions and "privacy.request.erase" in actions
    for entry in ModelLogEntry.objects.filter(action__startswith="privacy."):
        dumped = entry.label + json.dumps(entry.data)
        assert "maija" not in dumped.lower() and "Meikäläinen" not in dumped
    assert not Contact.objects.filter(email=MAIJA).exists()
    assert mail.outbox[-1].to == [MAIJA]


@pytest.mark.parametrize(
    "url", ["privacy_requests:index", "privacy_record:index", "privacy_disclosures:index"]
)
def test_staff_without_the_permission_are_refused(client, seeded, url):
    from django.contrib.auth.models import Permission

    editor = get_user_model().objects.create_user("editor", password="x")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    response = client.get(reverse(url))
    # Wagtail turns PermissionDenied into a redirect to the dashboard with a message.
    assert (response.status_code, response.get("Location")) in ((403, None), (302, "/admin/"))


def test_the_privacy_officer_sees_the_record_of_processing(client, seeded, officer):
    client.force_login(officer)
    response = client.get(reverse("privacy_record:index"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Asiakas- ja sidosryhmärekisteri" in content or "Customer and stakeholder" in content
    assert "registry.Contact.email" in content
    assert "Mikkelin kehitysyritys Miksei Oy" in content
    assert "privacy/print.js" in content


def test_the_request_queue_lists_open_requests_within_bounded_queries(
    client, seeded, officer, django_assert_max_num_queries
):
    for _ in range(5):
        RequestFactory().confirm_email()
    client.force_login(officer)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("privacy_requests:index"))
    assert response.content.decode().count("/admin/privacy/requests/") >= 5


@pytest.mark.django_db
def test_the_form_offers_the_five_rights_and_no_empty_choice(client, demo_site):
    content = client.get(reverse("privacy:request")).content.decode()
    assert re.findall(r'name="kind" value="([^"]*)"', content) == [
        "access",
        "rectification",
        "erasure",
        "restriction",
        "objection",
    ]
