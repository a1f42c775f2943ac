"""Owner self-service links: they go only to the register's addresses, work once, for 48
hours, for one listing, and only while their recipient is still an owner."""

import base64
import datetime
import re
from unittest import mock

import pytest
from django.core import mail, signing
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from directory import edit_links
from directory.models import EditLink, Listing

from .factories import ListingFactory, MembershipFactory
from .owner_links import edit_url, form_data, link_from, open_link, request_link, token_url

pytestmark = pytest.mark.django_db

# "If the address is one we hold for this company": the site answers in Finnish.
SAME_ANSWER = "Jos osoite on rekisterissämme tämän yrityksen osoitteena"


# -- asking for a link ---------------------------------------------------------------


def test_a_link_goes_to_the_owners_registered_address_only(client, directory_page, owned_listing):
    response = request_link(client, directory_page, owned_listing, "  PEKKA@puutyo.example ")
    assert SAME_ANSWER in response.content.decode()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["pekka@puutyo.example"]
    assert "/yrityshakemisto/" in link_from(mail.outbox[0])
    assert "48" in mail.outbox[0].body


@pytest.mark.parametrize(
    "email", ["stranger@example.fi", "info@puutyo.example", "not an address", ""]
)
def test_the_form_does_not_reveal_whether_an_address_is_known(
    client, directory_page, owned_listing, email
):
    known = request_link(client, directory_page, owned_listing, "pekka@puutyo.example")
    unknown = request_link(client, directory_page, owned_listing, email)
    assert len(mail.outbox) == 1  # only the known address got a link
    assert unknown.status_code == known.status_code == 200
    if email and "@" in email:
        assert SAME_ANSWER in unknown.content.decode()


def test_another_organisations_contact_and_a_restricted_contact_get_no_link(
    client, directory_page, owned_listing
):
    other = ListingFactory()
    MembershipFactory(organisation=other.organisation, contact__email="muu@example.fi")
    request_link(client, directory_page, owned_listing, "muu@example.fi")
    owned_listing.owner.restrict("Objected")
    request_link(client, directory_page, owned_listing, "pekka@puutyo.example")
    assert mail.outbox == []


# -- using a link --------------------------------------------------------------------


def test_the_emailed_link_opens_the_edit_form_once(client, directory_page, owned_listing):
    request_link(client, directory_page, owned_listing, "pekka@puutyo.example")
    url = link_from(mail.outbox[0]).split("testserver", 1)[-1]
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == edit_url(directory_page, owned_listing)
    assert client.get(response["Location"]).status_code == 200

    other_browser = client.__class__()
    reused = other_browser.get(url)
    assert reused.status_code == 403
    assert "Linkki ei enää toimi" in reused.content.decode()  # "This link no longer works"
    assert other_browser.get(edit_url(directory_page, owned_listing)).status_code == 403


def test_an_altered_token_is_refused(client, directory_page, owned_listing):
    _link, token = edit_links.issue_edit_link(owned_listing, owned_listing.owner)
    middle = len(token) // 2
    altered = token[:middle] + ("A" if token[middle] != "A" else "B") + token[middle + 1 :]
    assert client.get(token_url(directory_page, owned_listing, altered)).status_code == 403
    forged = (
        base64.urlsafe_b64encode(
            signing.dumps({"link": _link.pk, "listing": owned_listing.pk}, salt="other").encode()
        )
        .decode()
        .rstrip("=")
    )
    assert client.get(token_url(directory_page, owned_listing, forged)).status_code == 403
    assert client.get(edit_url(directory_page, owned_listing)).status_code == 403
    assert EditLink.objects.get().used_at is None


def test_a_link_for_one_listing_does_not_open_another(client, directory_page, owned_listing):
    other = ListingFactory(organisation__name="Toinen Oy")
    _link, token = edit_links.issue_edit_link(owned_listing, owned_listing.owner)
    assert client.get(token_url(directory_page, other, token)).status_code == 403
    # a used link for the owner's own listing grants that listing only
    assert client.get(token_url(directory_page, owned_listing, token)).status_code == 302
    assert client.get(edit_url(directory_page, owned_listing)).status_code == 200
    assert client.get(edit_url(directory_page, other)).status_code == 403
    response = client.post(edit_url(directory_page, other), {"listed": "on", "save": "1"})
    assert response.status_code == 403


def test_an_expired_link_is_refused(client, directory_page, owned_listing):
    link, token = edit_links.issue_edit_link(owned_listing, owned_listing.owner)
    link.expires_at = timezone.now() - datetime.timedelta(seconds=1)
    link.save()
    assert client.get(token_url(directory_page, owned_listing, token)).status_code == 403


def test_a_link_older_than_48_hours_is_refused_by_its_signature(
    client, directory_page, owned_listing
):
    _link, token = edit_links.issue_edit_link(owned_listing, owned_listing.owner)
    later = timezone.now().timestamp() + 48 * 3600 + 60
    with mock.patch("django.core.signing.time.time", return_value=later):
        response = client.get(token_url(directory_page, owned_listing, token))
    assert response.status_code == 403


def test_the_form_cannot_flood_an_owners_inbox(client, directory_page, owned_listing):
    for _ in range(5):
        response = request_link(client, directory_page, owned_listing, "pekka@puutyo.example")
        assert SAME_ANSWER in response.content.decode()
    assert len(mail.outbox) == edit_links.REQUESTS_PER_WINDOW


# -- the recipient must still be an owner, on every use (issue 13, finding 8) -----------


def end_membership(listing):
    listing.owner.memberships.update(ended_on=timezone.localdate())


def change_email(listing):
    listing.owner.email = "pekka.uusi@puutyo.example"
    listing.owner.save()


def restrict(listing):
    listing.owner.restrict("Objected")


LEAVINGS = {
    "membership ended": end_membership,
    "email changed": change_email,
    "restricted": restrict,
}


@pytest.mark.parametrize("leaving", LEAVINGS)
def test_a_link_stops_working_when_its_recipient_is_no_longer_an_owner(
    client, directory_page, owned_listing, leaving
):
    _link, token = edit_links.issue_edit_link(owned_listing, owned_listing.owner)
    LEAVINGS[leaving](owned_listing)
    response = client.get(token_url(directory_page, owned_listing, token))
    assert response.status_code == 403
    assert "Linkki ei enää toimi" in response.content.decode()
    assert client.get(edit_url(directory_page, owned_listing)).status_code == 403


@pytest.mark.parametrize("leaving", LEAVINGS)
def test_an_open_edit_session_ends_when_its_recipient_is_no_longer_an_owner(
    client, directory_page, owned_listing, approval, leaving
):
    approval(False)
    open_link(client, directory_page, owned_listing)
    assert client.get(edit_url(directory_page, owned_listing)).status_code == 200
    LEAVINGS[leaving](owned_listing)

    response = client.post(
        edit_url(directory_page, owned_listing),
        form_data(owned_listing, description="Entisen omistajan teksti."),
    )
    assert response.status_code == 403
    assert Listing.objects.get(pk=owned_listing.pk).description != "Entisen omistajan teksti."
    assert client.get(edit_url(directory_page, owned_listing)).status_code == 403


def test_a_link_remembers_a_keyed_hash_of_its_address_never_the_address(owned_listing):
    link, _token = edit_links.issue_edit_link(owned_listing, owned_listing.owner)
    assert link.recipient_hash == edit_links.recipient_hash("PEKKA@puutyo.example ")
    assert "pekka" not in link.recipient_hash
    assert link.recipient_hash != edit_links.recipient_hash("muu@puutyo.example")


def normalised_sql(queries):
    """The statements run, without their values: the same shape for any address."""
    return [re.sub(r"'[^']*'|\b\d+\b", "?", query["sql"]) for query in queries]


# Committed for real: the task worker closes a connection left inside a transaction.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_asking_for_a_link_does_the_same_work_for_a_known_and_an_unknown_address(
    client, directory_page, owned_listing, settings, caplog
):

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    caplog.set_level("DEBUG")
    request_link(client, directory_page, owned_listing, "warm@example.fi")  # sessions, caches
    DBTaskResult.objects.all().delete()

    answers, statements = [], []
    for email in ("pekka@puutyo.example", "tuntematon@example.fi"):
        with CaptureQueriesContext(connection) as queries:
            response = request_link(client, directory_page, owned_listing, email)
        answers.append((response.status_code, SAME_ANSWER in response.content.decode()))
        statements.append(normalised_sql(queries.captured_queries))
    assert answers == [(200, True), (200, True)]
    assert statements[0] == statements[1]
    assert mail.outbox == []  # nothing is looked up or sent in the request

    queued = list(DBTaskResult.objects.order_by("enqueued_at"))
    assert [task.task_path for task in queued] == ["directory.tasks.send_requested_edit_link"] * 2
    assert "pekka" not in str([task.args_kwargs for task in queued])

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert [message.to for message in mail.outbox] == [["pekka@puutyo.example"]]
    assert "/yrityshakemisto/" in link_from(mail.outbox[0])
    assert "pekka@puutyo.example" not in caplog.text
    assert "tuntematon@example.fi" not in caplog.text
