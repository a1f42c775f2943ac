"""Owner self-service: links go only to the register's addresses, work once, for 48 hours,
for one listing; changes are applied as the site setting says and audited."""

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
from wagtail.models import ModelLogEntry

from directory import services
from directory.models import EditLink, Listing
from directory.search.database import DatabaseEngine
from directory.search.query import Query

from .conftest import company_url
from .factories import ListingFactory, MembershipFactory, ServiceFactory

pytestmark = pytest.mark.django_db

# "If the address is one we hold for this company": the site answers in Finnish.
SAME_ANSWER = "Jos osoite on rekisterissämme tämän yrityksen osoitteena"


def request_link(client, page, listing, email):
    url = page.url + page.reverse_subpage("request_link", args=[listing.slug])
    return client.post(url, {"email": email})


def link_from(message):
    return re.search(r"https?://\S+/edit/\S+/", message.body).group(0)


def edit_url(page, listing):
    return page.url + page.reverse_subpage("owner_edit", args=[listing.slug])


def token_url(page, listing, token):
    return page.url + page.reverse_subpage("redeem_link", args=[listing.slug, token])


def open_link(client, page, listing):
    _link, token = services.issue_edit_link(listing, listing.owner)
    response = client.get(token_url(page, listing, token))
    assert response.status_code == 302
    return response


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
    _link, token = services.issue_edit_link(owned_listing, owned_listing.owner)
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
    _link, token = services.issue_edit_link(owned_listing, owned_listing.owner)
    assert client.get(token_url(directory_page, other, token)).status_code == 403
    # a used link for the owner's own listing grants that listing only
    assert client.get(token_url(directory_page, owned_listing, token)).status_code == 302
    assert client.get(edit_url(directory_page, owned_listing)).status_code == 200
    assert client.get(edit_url(directory_page, other)).status_code == 403
    response = client.post(edit_url(directory_page, other), {"listed": "on", "save": "1"})
    assert response.status_code == 403


def test_an_expired_link_is_refused(client, directory_page, owned_listing):
    link, token = services.issue_edit_link(owned_listing, owned_listing.owner)
    link.expires_at = timezone.now() - datetime.timedelta(seconds=1)
    link.save()
    assert client.get(token_url(directory_page, owned_listing, token)).status_code == 403


def test_a_link_older_than_48_hours_is_refused_by_its_signature(
    client, directory_page, owned_listing
):
    _link, token = services.issue_edit_link(owned_listing, owned_listing.owner)
    later = timezone.now().timestamp() + 48 * 3600 + 60
    with mock.patch("django.core.signing.time.time", return_value=later):
        response = client.get(token_url(directory_page, owned_listing, token))
    assert response.status_code == 403


# -- editing -------------------------------------------------------------------------


def form_data(listing, **changes):
    data = {
        "listed": "on",
        "description": listing.description,
        "phone": listing.phone,
        "email": listing.email,
        "website": listing.website,
        "social_profiles": "\n".join(listing.social_profiles),
        "show_street_address": "on",
        "show_phone": "on",
        "show_email": "on",
        "show_website": "on",
        "show_social_profiles": "on",
        "show_contact_persons": "on",
        "save": "1",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_hiding_the_phone_takes_effect_at_once_and_is_audited(
    client, directory_page, owned_listing, approval
):
    approval(True)
    open_link(client, directory_page, owned_listing)
    public = company_url(directory_page, owned_listing)
    assert "+358401234567" in client.get(public).content.decode()

    response = client.post(
        edit_url(directory_page, owned_listing), form_data(owned_listing, show_phone=None)
    )
    assert response.status_code == 302

    assert "+358401234567" not in client.get(public).content.decode()
    entry = ModelLogEntry.objects.get(action="directory.owner_visibility")
    assert entry.data["changes"] == {"show_phone": {"old": True, "new": False}}
    assert entry.object_id == str(owned_listing.pk)


def test_text_changes_wait_for_approval_when_the_setting_says_so(
    client, directory_page, owned_listing, approval, admin_user
):
    approval(True)
    open_link(client, directory_page, owned_listing)
    client.post(
        edit_url(directory_page, owned_listing),
        form_data(owned_listing, description="Uusi kuvaus."),
    )
    public = company_url(directory_page, owned_listing)
    assert "Uusi kuvaus." not in client.get(public).content.decode()
    listing = Listing.objects.get(pk=owned_listing.pk)
    assert listing.pending_changes == {"description": "Uusi kuvaus."}
    proposed = ModelLogEntry.objects.get(action="directory.owner_proposed")
    # The audit names what changed, never the text: it may hold a person's details.
    assert proposed.data["fields"] == ["description"]
    assert "Uusi kuvaus" not in str(proposed.data)

    client.force_login(admin_user)
    client.post(f"/admin/directory/moderation/approve/{listing.pk}/")
    assert "Uusi kuvaus." in client.get(public).content.decode()
    assert ModelLogEntry.objects.filter(action="directory.changes_approved").count() == 1


def test_text_changes_go_live_at_once_without_approval(
    client, directory_page, owned_listing, approval
):
    approval(False)
    service = ServiceFactory(name="Hirsityöt")
    open_link(client, directory_page, owned_listing)
    client.post(
        edit_url(directory_page, owned_listing),
        {**form_data(owned_listing, phone="040 765 4321"), "services": [service.pk]},
    )
    page = client.get(company_url(directory_page, owned_listing)).content.decode()
    assert "+358407654321" in page
    assert "Hirsityöt" in page
    entry = ModelLogEntry.objects.get(action="directory.owner_edit")
    assert entry.data["fields"] == ["phone", "services"]
    assert "358407654321" not in str(entry.data) and "358401234567" not in str(entry.data)
    found = DatabaseEngine().search(Query(text="hirsityöt")).listings
    assert [listing.pk for listing in found] == [owned_listing.pk]


def test_the_preview_shows_the_changes_without_saving_them(
    client, directory_page, owned_listing, approval
):
    approval(False)
    open_link(client, directory_page, owned_listing)
    response = client.post(
        edit_url(directory_page, owned_listing),
        {**form_data(owned_listing, description="Esikatselu.", show_phone=None), "preview": "1"},
    )
    assert response.status_code == 200
    preview = response.context["preview"]["public"]
    assert preview.description == "Esikatselu."
    assert preview.phone == ""
    listing = Listing.objects.get(pk=owned_listing.pk)
    assert listing.description != "Esikatselu."
    assert listing.show_phone is True


def test_an_owner_can_hide_the_whole_listing(client, directory_page, owned_listing, approval):
    approval(True)
    open_link(client, directory_page, owned_listing)
    client.post(edit_url(directory_page, owned_listing), form_data(owned_listing, listed=None))
    assert client.get(company_url(directory_page, owned_listing)).status_code == 404
    # back on: staff approve it first when text changes need approval
    client.post(edit_url(directory_page, owned_listing), form_data(owned_listing))
    assert Listing.objects.get(pk=owned_listing.pk).status == Listing.Status.PENDING


def test_invalid_input_keeps_what_the_owner_typed(client, directory_page, owned_listing):
    open_link(client, directory_page, owned_listing)
    response = client.post(
        edit_url(directory_page, owned_listing),
        form_data(owned_listing, description="Pidä tämä.", phone="12", social_profiles="ei osoite"),
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Pidä tämä." in body
    assert "aria-describedby" in body or "invalid-feedback" in body
    assert response.context["form"].errors.keys() == {"phone", "social_profiles"}


def test_the_form_cannot_flood_an_owners_inbox(client, directory_page, owned_listing):
    for _ in range(5):
        response = request_link(client, directory_page, owned_listing, "pekka@puutyo.example")
        assert SAME_ANSWER in response.content.decode()
    assert len(mail.outbox) == services.REQUESTS_PER_WINDOW


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
    _link, token = services.issue_edit_link(owned_listing, owned_listing.owner)
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
    link, _token = services.issue_edit_link(owned_listing, owned_listing.owner)
    assert link.recipient_hash == services.recipient_hash("PEKKA@puutyo.example ")
    assert "pekka" not in link.recipient_hash
    assert link.recipient_hash != services.recipient_hash("muu@puutyo.example")


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


def test_an_owner_writes_the_description_in_swedish_and_english(
    client, directory_page, owned_listing, approval
):
    approval(False)
    open_link(client, directory_page, owned_listing)
    form = client.get(edit_url(directory_page, owned_listing)).content.decode()
    assert 'name="description_sv"' in form and 'name="description_en"' in form
    client.post(
        edit_url(directory_page, owned_listing),
        form_data(owned_listing, description_sv="Tjänster i S:t Michel.", description_en=""),
    )
    listing = Listing.objects.get(pk=owned_listing.pk)
    assert listing.description_sv == "Tjänster i S:t Michel."
    assert listing.description_en == ""
    entry = ModelLogEntry.objects.get(action="directory.owner_edit")
    # The audit names what changed, never the text itself.
    assert entry.data["fields"] == ["description_sv"]
    assert "S:t Michel" not in str(entry.data)
