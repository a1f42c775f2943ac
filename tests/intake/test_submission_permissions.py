"""Form submissions are seen only by the roles whose job needs them (issue 13, finding 3).

Editors and Moderators may edit the form pages, which in plain Wagtail is enough to
read, export and delete every submission. Here they get none of it.
"""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from intake.models import IntakeSubmission
from tests.registry.factories import UserFactory

from .factories import contact_answers

pytestmark = pytest.mark.django_db

NAME = "Salla Salainen"
EMAIL = "salla.salainen@example.fi"
PHONE = "040 555 0123"


@pytest.fixture
def submission(send, contact_form):
    send(contact_form, contact_answers(nimi=NAME, sahkoposti=EMAIL, puhelin=PHONE))
    return IntakeSubmission.objects.get(page=contact_form)


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def submission_urls(page, submission):
    listing = reverse("wagtailforms:list_submissions", args=[page.pk])
    delete = reverse("wagtailforms:delete_submissions", args=[page.pk])
    return {
        "list": listing,
        "results": reverse("wagtailforms:list_submissions_results", args=[page.pk]),
        "csv": listing + "?export=csv",
        "xlsx": listing + "?export=xlsx",
        "delete confirmation": f"{delete}?selected-submissions={submission.pk}",
    }


def assert_shows_nothing(response, what):
    assert response.status_code in (302, 403, 404), what
    content = body(response).decode(errors="replace")
    for personal in (NAME, EMAIL, "555 0123", "+358405550123"):
        assert personal not in content, what


@pytest.mark.parametrize("group", ["Editors", "Moderators"])
def test_page_groups_see_no_submission_anywhere(client, contact_form, submission, group):
    user = UserFactory(groups=[group])
    client.force_login(user)
    # They can edit the form page itself (that is their job)...
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[contact_form.pk]))
    assert edit.status_code == 200
    # ...but its submissions are not even counted or linked there.
    listing_url = reverse("wagtailforms:list_submissions", args=[contact_form.pk])
    assert listing_url not in edit.content.decode()

    for what, url in submission_urls(contact_form, submission).items():
        assert_shows_nothing(client.get(url), what)
    delete = reverse("wagtailforms:delete_submissions", args=[contact_form.pk])
    response = client.post(f"{delete}?selected-submissions={submission.pk}")
    assert response.status_code in (302, 403)
    assert IntakeSubmission.objects.filter(pk=submission.pk).exists()

    forms_index = client.get(reverse("wagtailforms:index"))
    assert listing_url not in forms_index.content.decode()
    assert reverse("wagtailforms:index") not in client.get("/admin/").content.decode()


@pytest.mark.parametrize("group", ["Registry managers", "Privacy officer"])
def test_register_roles_see_export_and_delete_submissions(client, contact_form, submission, group):
    client.force_login(UserFactory(groups=[group]))
    urls = submission_urls(contact_form, submission)
    for what in ("list", "results", "csv"):
        response = client.get(urls[what])
        assert response.status_code == 200, what
        assert NAME in body(response).decode(), what
    assert client.get(urls["xlsx"]).status_code == 200
    assert client.get(urls["delete confirmation"]).status_code == 200
    index = client.get(reverse("wagtailforms:index")).content.decode()
    assert reverse("wagtailforms:list_submissions", args=[contact_form.pk]) in index

    delete = reverse("wagtailforms:delete_submissions", args=[contact_form.pk])
    response = client.post(f"{delete}?selected-submissions={submission.pk}")
    assert response.status_code == 302
    assert not IntakeSubmission.objects.filter(pk=submission.pk).exists()


def test_seeing_submissions_does_not_allow_deleting_them(client, contact_form, submission):
    group = Group.objects.create(name="Submission readers")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_intakesubmission"),
    )
    user = UserFactory(groups=["Submission readers", "Editors"])
    client.force_login(user)
    urls = submission_urls(contact_form, submission)
    assert client.get(urls["list"]).status_code == 200
    assert_shows_nothing(client.get(urls["delete confirmation"]), "delete confirmation")
    delete = reverse("wagtailforms:delete_submissions", args=[contact_form.pk])
    client.post(f"{delete}?selected-submissions={submission.pk}")
    assert IntakeSubmission.objects.filter(pk=submission.pk).exists()


def test_the_group_editor_offers_the_submission_permissions(client):
    superuser = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(superuser)
    group = Group.objects.get(name="Registry managers")
    response = client.get(reverse("wagtailusers_groups:edit", args=[group.pk]))
    permissions = response.context["form"].fields["permissions"].queryset
    assert permissions.filter(codename="view_intakesubmission").exists()
    assert permissions.filter(codename="delete_intakesubmission").exists()
    assert not Group.objects.get(name="Editors").permissions.filter(
        codename__in=["view_intakesubmission", "delete_intakesubmission"]
    )
