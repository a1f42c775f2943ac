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
    # It says what changed, by field name only: never the old or new values.
    changed = entry.data["changed_fields"]
    assert {"last_name", "phones", "phones.number", "events", "events.description"} <= set(changed)
    assert "first_name" not in changed and "email" not in changed
    assert "Korhonen" not in str(entry.data) and "4321" not in str(entry.data)


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
    assert [(entry.action, entry.data) for entry in access.context["object_list"]] == [
        ("registry.view", {"view": "history"}),
        ("registry.view", {"view": "inspect"}),
    ]


def test_the_contact_page_links_the_access_log_for_the_privacy_officer_only(
    client, registry_manager, privacy_officer
):
    contact = ContactFactory()
    link = contact_url("access_log", contact)
    client.force_login(registry_manager)
    assert link not in client.get(contact_url("inspect", contact)).content.decode()
    client.force_login(privacy_officer)
    assert link in client.get(contact_url("inspect", contact)).content.decode()


# -- pages that show many contacts: one entry per page, naming the ids shown ----------


def listed(user):
    return list(ModelLogEntry.objects.filter(action="registry.list", user=user).order_by("pk"))


def assert_lists(entry, view, contacts, searched=False):
    assert entry.data == {
        "view": view,
        "searched": searched,
        "contact_ids": [contact.pk for contact in contacts],
    }
    assert entry.content_type.model == "contact"
    assert entry.label == "contact list"


def test_the_contact_list_writes_one_entry_naming_the_contacts_shown(client, registry_manager):
    shown = sorted(ContactFactory.create_batch(3), key=lambda c: (c.last_name, c.pk))
    client.force_login(registry_manager)
    response = client.get(contact_url("list") + "?ordering=last_name")
    assert response.status_code == 200
    [entry] = listed(registry_manager)
    assert entry.user == registry_manager
    assert sorted(entry.data["contact_ids"]) == sorted(c.pk for c in shown)
    assert entry.data["view"] == "list" and entry.data["searched"] is False
    assert not ModelLogEntry.objects.filter(action="registry.view").exists()  # not one per row


def test_a_search_is_logged_with_the_contacts_found_but_not_the_words(client, registry_manager):
    found = ContactFactory(first_name="Hakusana", last_name="Löytyi")
    ContactFactory(first_name="Muu")
    client.force_login(registry_manager)
    response = client.get(contact_url("list") + "?q=hakusana")
    assert "Löytyi" in response.content.decode()
    client.get(reverse("wagtailsnippets_registry_contact:list_results") + "?q=hakusana")
    entries = listed(registry_manager)
    assert len(entries) == 2
    for entry in entries:
        assert_lists(entry, "list", [found], searched=True)
        assert "hakusana" not in str(entry.data).lower()


def chooser_url(name, *args):
    return reverse(f"wagtailsnippetchoosers_registry_contact:{name}", args=args)


def test_the_contact_chooser_and_its_results_are_logged(client, registry_manager):
    contact = ContactFactory(first_name="Valittava")
    client.force_login(registry_manager)
    assert client.get(chooser_url("choose")).status_code == 200
    assert client.get(chooser_url("choose_results") + "?p=1").status_code == 200
    first, second = listed(registry_manager)
    assert_lists(first, "chooser", [contact])
    assert_lists(second, "chooser", [contact])

    response = client.get(chooser_url("chosen", contact.pk))
    assert "Valittava" in response.content.decode()
    assert entries(contact, "registry.view").get().data == {"view": "chooser"}
    client.get(chooser_url("chosen_multiple") + f"?id={contact.pk}")
    assert_lists(listed(registry_manager)[-1], "chooser", [contact])


@pytest.mark.parametrize("view", ["usage", "history", "delete", "inspect", "edit"])
def test_each_view_of_one_contact_is_logged(client, registry_manager, view):
    contact = ContactFactory(first_name="Katsottu")
    client.force_login(registry_manager)
    assert client.get(contact_url(view, contact)).status_code == 200
    entry = entries(contact, "registry.view").get()
    assert entry.data == {"view": view}
    assert entry.user == registry_manager
    assert_names_no_one(entry, contact)


def test_the_bulk_delete_confirmation_is_logged(client, registry_manager):
    contacts = ContactFactory.create_batch(2)
    client.force_login(registry_manager)
    ids = "&".join(f"id={c.pk}" for c in contacts)
    assert client.get(f"/admin/bulk/registry/contact/delete/?{ids}").status_code == 200
    [entry] = listed(registry_manager)
    assert entry.data["view"] == "delete"
    assert sorted(entry.data["contact_ids"]) == sorted(c.pk for c in contacts)


def test_the_site_history_report_shows_list_entries(client, superuser, registry_manager):
    ContactFactory()
    client.force_login(registry_manager)
    client.get(contact_url("list"))
    client.force_login(superuser)
    response = client.get(reverse("wagtailadmin_reports:site_history"))
    assert response.status_code == 200
    assert "contact list" in response.content.decode()
