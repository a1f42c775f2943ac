"""The directory's staff queues: moderation and applications, in the Company directory menu."""

import pytest
from django.urls import reverse

from directory.models import Listing, ListingApplication
from tests.registry.factories import UserFactory

from .factories import ListingFactory

pytestmark = pytest.mark.django_db


def application(number):
    return ListingApplication.objects.create(
        kind=ListingApplication.Kind.NEW,
        business_id=f"{number:07d}-0",
        company_name=f"Hakija {number} Oy",
        first_name="Kaisa",
        last_name="Kahvinen",
        email=f"kaisa{number}@example.fi",
        consent_text="Suostun.",
    )


def test_the_moderation_queue_pages_within_bounded_queries(
    client, directory_page, admin_user, django_assert_max_num_queries
):
    for number in range(30):
        ListingFactory(status=Listing.Status.PENDING, organisation__name=f"Odottava {number} Oy")
    client.force_login(admin_user)
    with django_assert_max_num_queries(25):
        response = client.get(reverse("directory_moderation:index"))
    body = response.content.decode()
    assert body.count("Odottava") >= 25 and "p=2" in body
    assert body.count('action="/admin/directory/moderation/approve/') >= 25


def test_the_application_queue_pages_within_bounded_queries_and_names_no_one(
    client, directory_page, django_assert_max_num_queries
):
    for number in range(30):
        application(number)
    reviewer = UserFactory(groups=["Registry managers"])
    client.force_login(reviewer)
    with django_assert_max_num_queries(25):
        response = client.get(reverse("directory_applications:index"))
    body = response.content.decode()
    assert body.count("Hakija") >= 25 and "p=2" in body
    assert "Kahvinen" not in body and "kaisa" not in body


def test_the_directory_menu_groups_the_queues_for_a_registry_manager(client, directory_page):
    client.force_login(UserFactory(groups=["Registry managers"]))
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("directory_applications:index") in home


def test_moderators_see_neither_queue_in_the_menu(client, directory_page):
    client.force_login(UserFactory(groups=["Moderators"]))
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("directory_applications:index") not in home
    assert reverse("directory_moderation:index") not in home
