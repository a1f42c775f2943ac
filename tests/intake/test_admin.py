"""Staff side: submissions per form, CSV export, proposed changes; all audited and escaped."""

import csv
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.models import ModelLogEntry, PageLogEntry

from intake.models import IntakeSubmission, ProposedChange
from registry.models import Contact

from ..html import soup_of
from .factories import ContactFactory, contact_answers

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("x")</script>'


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_superuser("staff", "staff@example.com", "pw")


@pytest.fixture
def admin_client(client, staff):
    client.force_login(staff)
    return client


def submissions_url(page, **params):
    url = reverse("wagtailforms:list_submissions", args=[page.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def submission_rows(response):
    """The rows of the submissions table on the listing page."""
    return soup_of(response).find("table", class_="listing").find("tbody").find_all("tr")


def test_submissions_are_listed_with_the_contact_they_created_and_the_view_is_audited(
    send, admin_client, staff, contact_form
):
    send(contact_form, contact_answers())
    contact = Contact.objects.get()

    response = admin_client.get(submissions_url(contact_form))

    assert response.status_code == 200
    row = submission_rows(response)[0]
    assert "Haluaisin kuulla lisää palveluistanne." in row.get_text()
    assert f"Yhteyshenkilö #{contact.pk}" in row.get_text()
    edit_url = AdminURLFinder(staff).get_edit_url(contact)
    if edit_url:  # the registry admin is there: the contact is one click away
        assert row.find("a", href=edit_url)
    entry = PageLogEntry.objects.get(action="intake.submissions.view")
    assert (entry.page_id, entry.user) == (contact_form.pk, staff)
    assert "maija" not in entry.label.lower()


def test_submissions_filter_by_register_outcome(send, admin_client, contact_form):
    send(contact_form, contact_answers(sahkoposti="a@example.fi"))
    send(contact_form, contact_answers(sahkoposti="a@example.fi", viesti="Toinen viesti"))

    response = admin_client.get(submissions_url(contact_form, registry_outcome="updated"))

    rows = submission_rows(response)
    assert len(rows) == 1
    assert "Toinen viesti" in rows[0].get_text()


def test_submissions_filter_by_unfinished_follow_up(send, admin_client, contact_form, monkeypatch):
    send(contact_form, contact_answers(sahkoposti="a@example.fi"))
    monkeypatch.setattr("intake.services.start_steps", lambda submission_id: None)
    send(contact_form, contact_answers(sahkoposti="b@example.fi", viesti="Kesken jäänyt"))

    response = admin_client.get(submissions_url(contact_form, follow_up="unfinished"))

    rows = submission_rows(response)
    assert [("Kesken jäänyt" in row.get_text()) for row in rows] == [True]


def test_the_csv_export_neutralises_formulas_and_is_audited(
    send, admin_client, staff, contact_form
):
    send(contact_form, contact_answers(viesti='=HYPERLINK("http://evil.example")'))

    response = admin_client.get(submissions_url(contact_form, export="csv"))

    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][1:6] == ["Nimi", "Sähköposti", "Puhelin", "Yritys tai organisaatio", "Viesti"]
    assert rows[1][5] == '\'=HYPERLINK("http://evil.example")'
    entry = PageLogEntry.objects.get(action="intake.submissions.export")
    assert entry.data == {"format": "csv"}


def test_the_demo_forms_keep_their_field_order_in_every_language(contact_form):
    # The export's columns follow it, and translated labels are matched to fields by it.
    fields = [(field.field_type, field.maps_to) for field in contact_form.get_form_fields()]
    assert [field.label for field in contact_form.get_form_fields()][:2] == ["Nimi", "Sähköposti"]
    for translation in contact_form.get_translations():
        shown = translation.specific.get_form_fields()
        assert [(field.field_type, field.maps_to) for field in shown] == fields


def test_people_without_page_permissions_cannot_see_submissions(
    send, client, django_user_model, contact_form
):
    send(contact_form, contact_answers())
    user = django_user_model.objects.create_user("editor", "e@example.com", "pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)

    assert client.get(submissions_url(contact_form)).status_code in (302, 403)
    assert client.get(submissions_url(contact_form, export="csv")).status_code in (302, 403)
    assert client.get(reverse("intake_changes:index")).status_code in (302, 403)


def test_script_in_answers_comes_out_escaped_on_every_page_that_shows_it(
    send, admin_client, contact_form
):
    ContactFactory(first_name="Maija", last_name="Virtanen", email="maija@example.fi")
    thanks = send(contact_form, contact_answers(nimi=f"Maija {SCRIPT}", viesti=SCRIPT))
    rerendered = send(contact_form, contact_answers(nimi=SCRIPT, sahkoposti="rikki"))
    listing = admin_client.get(submissions_url(contact_form))
    changes = admin_client.get(reverse("intake_changes:index"))

    assert ProposedChange.objects.get().proposed_value == SCRIPT  # stored as typed, inert
    for response in (thanks, rerendered, listing, changes):
        assert response.status_code in (200, 400)
        html = response.content.decode()
        assert SCRIPT not in html
    for response in (rerendered, listing, changes):
        assert "&lt;script&gt;alert(" in response.content.decode()


def test_staff_accept_a_proposed_change_and_it_is_audited_without_personal_data(
    send, admin_client, staff, contact_form
):
    contact = ContactFactory(first_name="Maija", last_name="Virtanen", email="maija@example.fi")
    send(contact_form, contact_answers(nimi="Maija Meikäläinen"))
    change = ProposedChange.objects.get()

    listing = admin_client.get(reverse("intake_changes:index"))
    assert "Meikäläinen" in listing.content.decode()
    assert ModelLogEntry.objects.filter(action="intake.proposed_change.view").count() == 1

    response = admin_client.post(reverse("intake_changes:accept", args=[change.pk]))

    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.last_name == "Meikäläinen"
    change.refresh_from_db()
    assert (change.status, change.decided_by) == ("accepted", staff)
    entry = ModelLogEntry.objects.get(action="intake.proposed_change.accept")
    assert entry.data == {"contact_id": contact.pk, "field": "last_name"}
    assert "Virtanen" not in entry.label and "Meikäläinen" not in entry.label

    # A second decision on the same change changes nothing.
    admin_client.post(reverse("intake_changes:reject", args=[change.pk]))
    change.refresh_from_db()
    assert change.status == "accepted"


def test_staff_reject_a_proposed_change_and_the_register_keeps_its_value(
    send, admin_client, contact_form
):
    contact = ContactFactory(first_name="Maija", last_name="Virtanen", email="maija@example.fi")
    send(contact_form, contact_answers(nimi="Maija Meikäläinen"))
    change = ProposedChange.objects.get()

    admin_client.post(reverse("intake_changes:reject", args=[change.pk]))

    contact.refresh_from_db()
    assert contact.last_name == "Virtanen"
    assert ProposedChange.objects.get().status == "rejected"
    assert ModelLogEntry.objects.filter(action="intake.proposed_change.reject").count() == 1


def test_a_reviewer_group_can_decide_but_a_viewer_cannot(
    send, client, django_user_model, contact_form
):
    ContactFactory(first_name="Maija", last_name="Virtanen", email="maija@example.fi")
    send(contact_form, contact_answers(nimi="Maija Meikäläinen"))
    change = ProposedChange.objects.get()
    viewer = django_user_model.objects.create_user("viewer", "v@example.com", "pw")
    group = Group.objects.create(name="Katselijat")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_proposedchange"),
    )
    viewer.groups.add(group)
    client.force_login(viewer)

    assert client.get(reverse("intake_changes:index")).status_code == 200
    response = client.post(reverse("intake_changes:accept", args=[change.pk]))
    assert response.status_code in (302, 403)
    assert response.get("Location", "") != reverse("intake_changes:index")
    assert ProposedChange.objects.get().status == "pending"


def test_a_submission_is_named_by_number_only(send, contact_form):
    send(contact_form, contact_answers())
    submission = IntakeSubmission.objects.get()
    assert str(submission) == f"Lähetys #{submission.pk}"


def test_editors_build_a_form_in_the_page_editor(admin_client, contact_form):
    from intake.models import FormPage

    home = contact_form.get_parent()
    add = admin_client.get(reverse("wagtailadmin_pages:add", args=["intake", "formpage", home.pk]))
    assert add.status_code == 200
    html = add.content.decode()
    for name in ("maps_to", "legal_basis", "purpose", "consent_text", "to_address"):
        assert name in html

    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=[contact_form.pk]))
    assert edit.status_code == 200
    assert FormPage.objects.count() == 9  # the three demo forms in fi, sv and en


def test_a_consent_form_needs_its_consent_text(contact_form):
    from django.core.exceptions import ValidationError

    from registry.models import LegalBasis

    contact_form.legal_basis = LegalBasis.CONSENT
    contact_form.consent_text = ""
    with pytest.raises(ValidationError) as excinfo:
        contact_form.full_clean()
    assert "consent_text" in excinfo.value.message_dict


def test_deleting_submissions_in_the_admin_is_audited(send, admin_client, staff, contact_form):
    send(contact_form, contact_answers())
    submission = IntakeSubmission.objects.get()

    response = admin_client.post(
        reverse("wagtailforms:delete_submissions", args=[contact_form.pk])
        + f"?selected-submissions={submission.pk}"
    )

    assert response.status_code == 302
    assert not IntakeSubmission.objects.exists()
    entry = ModelLogEntry.objects.get(action="intake.submission.delete")
    assert (entry.object_id, entry.user) == (str(submission.pk), staff)
    assert entry.label == f"Lähetys #{submission.pk}"


def test_the_proposed_changes_page_within_bounded_queries_and_audits_each_shown(
    admin_client, django_assert_max_num_queries
):
    for number in range(60):
        contact = ContactFactory(last_name=f"Vanha{number}", email=f"h{number}@example.fi")
        ProposedChange.objects.create(
            contact=contact,
            field="last_name",
            current_value=contact.last_name,
            proposed_value=f"Uusi{number}",
        )
    with django_assert_max_num_queries(25):
        response = admin_client.get(reverse("intake_changes:index"))
    body = response.content.decode()
    assert body.count("Uusi") == 50 and "p=2" in body
    assert ModelLogEntry.objects.filter(action="intake.proposed_change.view").count() == 50
