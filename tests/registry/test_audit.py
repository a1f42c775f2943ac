"""Viewing, exporting, editing and deleting a contact leave audit entries that name no one."""

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from .factories import ContactFactory, ContactPhoneFactory

pytestmark = pytest.mark.django_db


def contact_url(name, contact=None):
    args = [contact.pk] if contact else []
    return reverse(f"wagtailsnippets_registry_contact:{name}", args=args)


def entries(contact, action):
    return ModelLogEntry.objects.filter(
        content_type__model="contact", object_id=str(contact.pk), action=action
    )


def assert_names_no_one(entry, contact):
    assert entry.label == f"contact #{contact.pk}"
    text = f"{entry.label} {entry.data}"
    for personal in (contact.first_name, contact.last_name, contact.email):
        assert personal not in text


def test_viewing_a_contact_is_logged_with_who_and_when(client, registry_manager):
    contact = ContactFactory(first_name="Ville", last_name="Virtanen")
    client.force_login(registry_manager)
    response = client.get(contact_url("inspect", contact))
    assert response.status_code == 200
    assert "Ville Virtanen" in response.content.decode()

    entry = entries(contact, "registry.view").get()
    assert entry.user == registry_manager
    assert entry.timestamp is not None
    assert_names_no_one(entry, contact)


def test_opening_the_edit_form_is_logged_as_a_view(client, registry_manager):
    contact = ContactFactory()
    client.force_login(registry_manager)
    client.get(contact_url("edit", contact))
    assert entries(contact, "registry.view").get().user == registry_manager


def test_editing_a_contact_is_logged_without_personal_data(client, registry_manager):
    contact = ContactFactory(first_name="Ville", last_name="Virtanen", email="ville@example.fi")
    client.force_login(registry_manager)
    edit = client.get(contact_url("edit", contact))
    form = edit.context["form"]
    data = {
        **{name: value for name, value in form.initial.items() if value is not None},
        "first_name": "Ville",
        "last_name": "Virtanen-Korhonen",
        "email": "ville@example.fi",
        "legal_basis": "contract",
    }
    for prefix in ("phones", "web_links", "memberships", "events"):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    data.update(
        {
            "phones-TOTAL_FORMS": "1",
            "phones-0-number": "040 765 4321",
            "phones-0-label": "",
            "phones-0-id": "",
            "phones-0-ORDER": "1",
            "phones-0-DELETE": "",
        }
    )
    data.update(
        {
            "events-TOTAL_FORMS": "1",
            "events-0-kind": "phone_call",
            "events-0-channel": "phone",
            "events-0-occurred_at": "2026-11-20 10:00",
            "events-0-organisation": "",
            "events-0-description": "Soitto rahoituksesta",
            "events-0-id": "",
            "events-0-ORDER": "1",
            "events-0-DELETE": "",
        }
    )
    data = {key: value for key, value in data.items() if key not in ("restricted_at",)}
    response = client.post(contact_url("edit", contact), data)
    assert response.status_code == 302, response.context["form"].errors

    contact.refresh_from_db()
    assert contact.last_name == "Virtanen-Korhonen"
    assert contact.phones.get().number == "+358407654321"
    event = contact.events.get()
    assert event.recorded_by == registry_manager
    assert contact.last_customer_event_at == event.occurred_at
    entry = entries(contact, "wagtail.edit").get()
    assert entry.user == registry_manager
    assert_names_no_one(entry, contact)


def test_deleting_a_contact_is_logged_by_id(client, registry_manager):
    contact = ContactFactory(first_name="Ville", last_name="Virtanen")
    pk = contact.pk
    client.force_login(registry_manager)
    response = client.post(contact_url("delete", contact))
    assert response.status_code == 302
    entry = ModelLogEntry.objects.get(object_id=str(pk), action="wagtail.delete")
    assert entry.label == f"contact #{pk}"
    assert entry.user == registry_manager


def test_bulk_deleting_contacts_is_logged_for_each(client, registry_manager):
    contacts = ContactFactory.create_batch(2)
    client.force_login(registry_manager)
    ids = "&".join(f"id={c.pk}" for c in contacts)
    response = client.post(f"/admin/bulk/registry/contact/delete/?{ids}")
    assert response.status_code == 302
    for contact in contacts:
        entry = ModelLogEntry.objects.get(object_id=str(contact.pk), action="wagtail.delete")
        assert entry.label == f"contact #{contact.pk}"
        assert entry.user == registry_manager


def test_an_export_is_logged_for_every_contact_in_it(client, registry_manager):
    exported = ContactFactory.create_batch(3)
    client.force_login(registry_manager)
    response = client.get(contact_url("list") + "?export=csv")
    assert response.status_code == 200
    b"".join(response.streaming_content)
    for contact in exported:
        entry = entries(contact, "registry.export").get()
        assert entry.user == registry_manager
        assert entry.data == {"format": "csv"}
        assert_names_no_one(entry, contact)


def test_a_filtered_export_logs_only_the_contacts_in_it(client, registry_manager):
    restricted = ContactFactory(processing_restricted=True)
    other = ContactFactory()
    client.force_login(registry_manager)
    client.get(contact_url("list") + "?export=csv&processing_restricted=true")
    assert entries(restricted, "registry.export").exists()
    assert not entries(other, "registry.export").exists()


def test_any_log_entry_about_a_contact_is_labelled_by_id(registry_manager):
    from wagtail.log_actions import log

    contact = ContactFactory(first_name="Ville")
    phone = ContactPhoneFactory(contact=contact)
    log(contact, "wagtail.edit", user=registry_manager)
    log(phone, "wagtail.edit", user=registry_manager)
    entry = ModelLogEntry.objects.get(content_type__model="contact", object_id=str(contact.pk))
    assert entry.label == f"contact #{contact.pk}"
    assert "+358" not in ModelLogEntry.objects.get(content_type__model="contactphone").label


def test_a_privacy_officer_lists_who_viewed_a_contact(
    client, registry_manager, privacy_officer, superuser
):
    contact = ContactFactory()
    for user in (registry_manager, superuser):
        client.force_login(user)
        client.get(contact_url("inspect", contact))
    client.force_login(privacy_officer)
    response = client.get(contact_url("access_log", contact))
    assert response.status_code == 200
    page = response.content.decode()
    assert registry_manager.get_username() in page
    assert superuser.get_username() in page
    # Her own look at the access log is not a view of the contact's data.
    assert entries(contact, "registry.view").count() == 2


def test_the_history_shows_changes_and_the_access_log_shows_views(client, privacy_officer):
    contact = ContactFactory()
    client.force_login(privacy_officer)
    client.get(contact_url("inspect", contact))
    history = client.get(contact_url("history", contact))
    assert [entry.action for entry in history.context["object_list"]] == []
    access = client.get(contact_url("access_log", contact))
    assert [entry.action for entry in access.context["object_list"]] == ["registry.view"]


def test_the_contact_page_links_the_access_log_for_the_privacy_officer_only(
    client, registry_manager, privacy_officer
):
    contact = ContactFactory()
    link = contact_url("access_log", contact)
    client.force_login(registry_manager)
    assert link not in client.get(contact_url("inspect", contact)).content.decode()
    client.force_login(privacy_officer)
    assert link in client.get(contact_url("inspect", contact)).content.decode()
