"""The register's listings and contact page: what staff see, in a bounded number of queries."""

import pytest
from django.urls import reverse

from .factories import (
    ContactFactory,
    ContactPhoneFactory,
    CustomerEventFactory,
    MembershipFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db

CONTACTS = reverse("wagtailsnippets_registry_contact:list")
ORGANISATIONS = reverse("wagtailsnippets_registry_organisation:list")


def inspect_url(contact):
    return reverse("wagtailsnippets_registry_contact:inspect", args=[contact.pk])


def make_contacts(count, events_each):
    organisation = OrganisationFactory()
    for _ in range(count):
        membership = MembershipFactory(organisation=organisation)
        ContactPhoneFactory(contact=membership.contact)
        CustomerEventFactory.create_batch(events_each, contact=membership.contact)


@pytest.mark.parametrize("count", [2, 30])
def test_the_contact_list_needs_a_bounded_number_of_queries(
    client, registry_manager, django_assert_max_num_queries, count
):
    make_contacts(count, events_each=3)
    client.force_login(registry_manager)
    # One of them is the audit entry naming the contacts shown; one the Forms menu.
    with django_assert_max_num_queries(20):
        response = client.get(CONTACTS)
    assert response.status_code == 200
    assert len(response.context["object_list"]) == min(count, 25)


@pytest.mark.parametrize("events", [1, 120])
def test_the_contact_page_needs_a_bounded_number_of_queries(
    client, registry_manager, django_assert_max_num_queries, events
):
    membership = MembershipFactory()
    CustomerEventFactory.create_batch(events, contact=membership.contact)
    client.force_login(registry_manager)
    with django_assert_max_num_queries(25):  # the Forms menu: registry roles see submissions
        response = client.get(inspect_url(membership.contact))
    assert response.status_code == 200
    assert len(response.context["timeline"]) == min(events, 50)


def test_the_organisation_list_needs_a_bounded_number_of_queries(
    client, registry_manager, django_assert_max_num_queries
):
    OrganisationFactory.create_batch(30)
    client.force_login(registry_manager)
    with django_assert_max_num_queries(17):  # the Forms menu: registry roles see submissions
        response = client.get(ORGANISATIONS)
    assert len(response.context["object_list"]) == 25


def test_the_contact_page_shows_the_timeline_newest_first(client, registry_manager):
    contact = ContactFactory(first_name="Aino", last_name="Aalto")
    MembershipFactory(
        contact=contact, organisation__name="Saimaan Puu Oy", role="Hallituksen jäsen"
    )
    CustomerEventFactory(
        contact=contact,
        description="Ensimmäinen tapaaminen",
        occurred_at="2025-01-10T10:00:00+02:00",
    )
    CustomerEventFactory(
        contact=contact, description="Toinen tapaaminen", occurred_at="2026-03-05T10:00:00+02:00"
    )
    client.force_login(registry_manager)
    page = client.get(inspect_url(contact)).content.decode()
    assert "Aino Aalto" in page
    assert "Saimaan Puu Oy" in page and "Hallituksen jäsen" in page
    assert page.index("Toinen tapaaminen") < page.index("Ensimmäinen tapaaminen")


def test_older_events_are_on_the_next_page_of_the_timeline(client, registry_manager):
    contact = ContactFactory()
    CustomerEventFactory.create_batch(55, contact=contact)
    client.force_login(registry_manager)
    second = client.get(inspect_url(contact) + "?events=2")
    assert len(second.context["timeline"]) == 5


def test_a_restricted_contact_shows_a_banner_on_its_record(client, registry_manager):
    contact = ContactFactory()
    contact.restrict("Rekisteröity kiistää tietojen paikkansapitävyyden")
    client.force_login(registry_manager)
    for url in (
        inspect_url(contact),
        reverse("wagtailsnippets_registry_contact:edit", args=[contact.pk]),
    ):
        page = client.get(url).content.decode()
        assert "help-critical" in page
        assert "Rekisteröity kiistää tietojen paikkansapitävyyden" in page


def test_an_unrestricted_contact_has_no_banner(client, registry_manager):
    contact = ContactFactory()
    client.force_login(registry_manager)
    assert "help-critical" not in client.get(inspect_url(contact)).content.decode()


def test_search_finds_a_contact_by_full_name(client, registry_manager):
    ContactFactory(first_name="Aino", last_name="Aalto")
    ContactFactory(first_name="Aino", last_name="Berg")
    client.force_login(registry_manager)
    response = client.get(CONTACTS, {"q": "aino aalto"})
    assert [str(c) for c in response.context["object_list"]] == ["Aino Aalto"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"municipality": "Juva"}, ["Juva"]),
        ({"industry": "Matkailu"}, ["Juva"]),
        ({"legal_basis": "consent"}, ["Mikkeli"]),
        ({"processing_restricted": "true"}, ["Restricted"]),
    ],
)
def test_contacts_are_filtered(client, registry_manager, params, expected):
    MembershipFactory(
        contact__first_name="Juva",
        organisation__municipality="Juva",
        organisation__industry="Matkailu",
    )
    # A second membership must not list the same person twice.
    MembershipFactory(
        contact=MembershipFactory(
            contact__first_name="Mikkeli", contact__legal_basis="consent"
        ).contact,
        role="Jäsen",
    )
    ContactFactory(first_name="Restricted", processing_restricted=True)
    client.force_login(registry_manager)
    response = client.get(CONTACTS, params)
    assert [c.first_name for c in response.context["object_list"]] == expected


def test_organisations_are_filtered_by_municipality(client, registry_manager):
    OrganisationFactory(name="Juvan Oy", municipality="Juva")
    OrganisationFactory(name="Mikkelin Oy", municipality="Mikkeli")
    client.force_login(registry_manager)
    response = client.get(ORGANISATIONS, {"municipality": "Juva"})
    assert [o.name for o in response.context["object_list"]] == ["Juvan Oy"]


def test_a_bad_business_id_is_refused_in_the_admin(client, registry_manager):
    client.force_login(registry_manager)
    response = client.post(
        reverse("wagtailsnippets_registry_organisation:add"),
        {
            "name": "Väärä Oy",
            "business_id": "0112038-8",
            "country": "FI",
            "web_links-TOTAL_FORMS": "0",
            "web_links-INITIAL_FORMS": "0",
            "web_links-MIN_NUM_FORMS": "0",
            "web_links-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 200
    assert "business_id" in response.context["form"].errors
