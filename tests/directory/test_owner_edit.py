"""Owner self-service editing: changes are applied as the site setting says and audited."""

import pytest
from wagtail.models import ModelLogEntry

from directory.models import Listing
from directory.search.database import DatabaseEngine
from directory.search.query import Query

from .conftest import company_url
from .factories import ServiceFactory
from .owner_links import edit_url, form_data, open_link

pytestmark = pytest.mark.django_db


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
    assert "phone" not in preview.shown
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
