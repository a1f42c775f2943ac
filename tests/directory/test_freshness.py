"""Listings that stay current: the yearly reminder, the second one, the flag for staff,
and the one-click confirmation, all on a frozen clock."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from directory import edit_links, freshness
from directory.models import Listing

from ..registry.factories import UserFactory
from .owner_links import edit_url, form_data, open_link

pytestmark = pytest.mark.django_db

START = datetime.datetime(2027, 1, 4, 9, 0, tzinfo=datetime.UTC)


def days(n):
    return START + datetime.timedelta(days=n)


@pytest.fixture
def listing(owned_listing):
    Listing.objects.filter(pk=owned_listing.pk).update(published_at=START, created_at=START)
    owned_listing.refresh_from_db()
    return owned_listing


def run(when):
    with time_machine.travel(when, tick=False):
        call_command("remind_listing_owners", stdout=open("/dev/null", "w"))  # noqa: SIM115


def confirm_link(message):
    return re.search(r"https?://\S+/confirm/\S+/", message.body).group(0)


def reminders_to(address):
    return [m for m in mail.outbox if m.to == [address] and "/confirm/" in m.body]


def test_the_first_reminder_goes_a_year_after_publishing_and_only_once(listing):
    run(days(364))
    assert mail.outbox == []
    run(days(365))
    [message] = reminders_to("pekka@puutyo.example")
    assert "Ovatko yrityksen" in message.subject and "current?" in message.subject
    # in Finnish first, then Swedish and English; both links in each
    assert message.body.index("Hei") < message.body.index("Hej") < message.body.index("Hello")
    assert message.body.count("/confirm/") == 3
    assert message.body.count("/edit/") == 3
    run(days(366))
    assert len(reminders_to("pekka@puutyo.example")) == 1
    listing.refresh_from_db()
    assert (listing.reminders_sent, listing.last_reminded_at) == (1, days(365))


def test_a_second_reminder_then_the_flag_for_staff(listing):
    staff = UserFactory(is_superuser=True, email="moderaattori@example.fi")
    run(days(365))
    run(days(394))
    assert len(reminders_to("pekka@puutyo.example")) == 1
    run(days(395))
    assert len(reminders_to("pekka@puutyo.example")) == 2
    run(days(424))
    assert not Listing.objects.get(pk=listing.pk).unconfirmed
    run(days(425))
    listing.refresh_from_db()
    assert listing.unconfirmed
    assert len(reminders_to("pekka@puutyo.example")) == 2  # no third reminder
    [notice] = [m for m in mail.outbox if m.to == [staff.email]]
    assert listing.name in notice.body and "?unconfirmed=true" in notice.body
    assert ModelLogEntry.objects.filter(action=freshness.FLAGGED, object_id=listing.pk).exists()
    run(days(500))
    assert len(mail.outbox) == 3  # flagged once, nothing more

    # staff find it with the listings' filter
    from django.test import Client

    client = Client()
    client.force_login(staff)
    url = reverse("wagtailsnippets_directory_listing:list")
    other = Listing.objects.exclude(pk=listing.pk)
    assert not other.filter(unconfirmed=True).exists()
    page = client.get(url, {"unconfirmed": "true"}).content.decode()
    assert listing.name in page


def test_a_listing_without_an_owner_contact_is_flagged_at_once(directory_page):
    from .factories import ListingFactory

    orphan = ListingFactory()
    Listing.objects.filter(pk=orphan.pk).update(published_at=START, created_at=START)
    run(days(365))
    assert Listing.objects.get(pk=orphan.pk).unconfirmed


def test_the_link_confirms_once_and_the_year_starts_again(client, listing):
    run(days(365))
    link = confirm_link(reminders_to("pekka@puutyo.example")[0])
    with time_machine.travel(days(370), tick=False):
        page = client.get(link)
        assert page.status_code == 200
        assert not Listing.objects.get(pk=listing.pk).confirmed_at  # a GET confirms nothing
        done = client.post(link)
        assert "is confirmed as current" in done.content.decode() or "vahvistettu" in (
            done.content.decode()
        )
        assert client.post(link).status_code == 403  # used
    listing.refresh_from_db()
    assert (listing.confirmed_at, listing.reminders_sent, listing.unconfirmed) == (
        days(370),
        0,
        False,
    )
    assert ModelLogEntry.objects.filter(action=freshness.CONFIRMED, object_id=listing.pk).exists()
    run(days(370 + 364))
    assert len(reminders_to("pekka@puutyo.example")) == 1
    run(days(370 + 365))
    assert len(reminders_to("pekka@puutyo.example")) == 2


def test_the_link_expires_is_for_one_listing_and_one_purpose(client, listing, directory_page):
    run(days(365))
    link = confirm_link(reminders_to("pekka@puutyo.example")[0])
    with time_machine.travel(days(365 + 61), tick=False):
        assert client.post(link).status_code == 403
    token = link.rstrip("/").rsplit("/", 1)[1]
    _edit, edit_token = edit_links.issue_edit_link(listing, listing.owner)
    as_edit = directory_page.url + directory_page.reverse_subpage(
        "redeem_link", args=[listing.slug, token]
    )
    assert client.get(as_edit).status_code == 403  # a confirmation is no edit link
    as_confirm = directory_page.url + directory_page.reverse_subpage(
        "confirm", args=[listing.slug, edit_token]
    )
    assert client.post(as_confirm).status_code == 403  # and the other way round
    assert client.post(link[:-6] + "xxxxx/").status_code == 403  # altered
    assert Listing.objects.get(pk=listing.pk).confirmed_at is None


def test_an_owner_who_left_the_company_cannot_confirm(client, listing):
    run(days(365))
    link = confirm_link(reminders_to("pekka@puutyo.example")[0])
    listing.owner.memberships.update(ended_on=timezone.localdate())
    with time_machine.travel(days(366), tick=False):
        assert client.post(link).status_code == 403
    assert Listing.objects.get(pk=listing.pk).confirmed_at is None


def test_saving_on_the_edit_form_confirms_the_listing(client, directory_page, listing):
    Listing.objects.filter(pk=listing.pk).update(unconfirmed=True, reminders_sent=2)
    open_link(client, directory_page, listing)
    response = client.post(edit_url(directory_page, listing), form_data(listing))
    assert response.status_code == 302
    listing.refresh_from_db()
    assert listing.confirmed_at is not None and not listing.unconfirmed


def test_the_periodic_task_does_the_same_as_the_command(listing):
    from directory import tasks

    with time_machine.travel(days(365), tick=False):
        result = tasks.daily_upkeep.enqueue()
    assert result.return_value == {"reminded": 1, "flagged": 0, "counts_removed": 0}
    assert len(reminders_to("pekka@puutyo.example")) == 1
