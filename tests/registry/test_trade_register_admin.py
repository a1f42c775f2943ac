"""The admin's "Fetch from the Trade Register" and "Add from the Trade Register"."""

import io
import re

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from registry.models import Organisation

from .factories import OrganisationFactory
from .prh_server import recorded

pytestmark = pytest.mark.django_db


def compare_url(organisation):
    return reverse("wagtailsnippets_registry_organisation:trade_register", args=[organisation.pk])


def edit_url(organisation):
    return reverse("wagtailsnippets_registry_organisation:edit", args=[organisation.pk])


START = reverse("wagtailsnippets_registry_organisation:trade_register_start")
ADD = reverse("wagtailsnippets_registry_organisation:add")


@pytest.fixture(autouse=True)
def admin_in_english(registry_manager):
    # The messages are asserted as written; the admin would otherwise speak Finnish.
    profile = UserProfile.get_for_user(registry_manager)
    profile.preferred_language = "en"
    profile.save()


@pytest.fixture
def company(prh):
    prh.add(recorded("active"))
    return OrganisationFactory(
        name="Saimaan Ohjelmisto", business_id="2345678-0", city="Mikkeli", industry=""
    )


def test_the_edit_page_offers_the_fetch(client, registry_manager, company):
    client.force_login(registry_manager)
    response = client.get(edit_url(company))
    assert compare_url(company) in response.content.decode()


def test_the_differences_are_shown_and_only_the_picked_fields_written(
    client, registry_manager, company
):
    client.force_login(registry_manager)
    response = client.get(compare_url(company))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Saimaan Ohjelmisto" in page and "Saimaan Ohjelmistotalo Oy" in page
    assert "Porrassalmenkatu" not in page  # the postal address is the one compared
    assert "PL 123" in page
    assert "CC BY 4.0" in page and "Patentti- ja rekisterihallitus" in page
    # The city agrees already: it is not offered.
    assert 'value="city"' not in page

    response = client.post(compare_url(company), {"fields": ["street_address", "website"]})
    assert response.status_code == 302
    company.refresh_from_db()
    assert company.street_address == "PL 123"
    assert company.name == "Saimaan Ohjelmisto"  # not picked
    assert company.web_links.get().url == "https://www.saimaanohjelmisto.fi"
    entry = ModelLogEntry.objects.get(action="registry.trade_register.apply")
    assert entry.user == registry_manager
    assert entry.data["fields"] == ["street_address", "website"]
    assert company.field_sources.filter(field="street_address").exists()
    assert not company.field_sources.filter(field="name").exists()

    # The next look shows where each value came from and when.
    page = client.get(compare_url(company)).content.decode()
    assert "Where the values come from" in page
    assert "Public source" in page


def test_staff_without_the_registers_permission_are_refused(client, editor, company):
    client.force_login(editor)
    assert client.get(compare_url(company)).status_code in (302, 403)
    assert client.post(compare_url(company), {"fields": ["name"]}).status_code in (302, 403)
    company.refresh_from_db()
    assert company.name == "Saimaan Ohjelmisto"
    assert client.get(START).status_code in (302, 403)


def test_a_register_that_does_not_answer_changes_nothing(client, registry_manager, company, prh):
    client.force_login(registry_manager)
    prh.fail_next(*([503] * 10))
    response = client.post(compare_url(company), {"fields": ["name"]}, follow=True)
    assert "did not answer" in response.content.decode()
    company.refresh_from_db()
    assert company.name == "Saimaan Ohjelmisto"
    assert not ModelLogEntry.objects.filter(action="registry.trade_register.apply").exists()


def test_a_new_organisation_starts_from_a_business_id_prefilled(client, registry_manager, prh):
    prh.add(recorded("swedish_post_office"))
    client.force_login(registry_manager)
    assert "Add from the Trade Register" in client.get(
        reverse("wagtailsnippets_registry_organisation:list")
    ).content.decode("utf-8")
    response = client.post(START, {"business_id": "0201256-6"})
    assert response.status_code == 302
    assert response["Location"] == f"{ADD}?business_id=0201256-6"
    page = client.get(response["Location"]).content.decode()
    assert 'value="Kustens Båtvarv Ab"' in page
    assert 'value="Hamnvägen 12"' in page
    assert 'value="Nykarleby"' in page
    assert "https://www.kustensbatvarv.fi" in page
    assert not Organisation.objects.exists()  # nothing saved before the form is


def test_a_business_id_already_in_the_register_is_refused(client, registry_manager, company):
    client.force_login(registry_manager)
    response = client.post(START, {"business_id": "2345678-0"})
    assert response.status_code == 200
    assert "already in the register" in response.content.decode()
    response = client.post(START, {"business_id": "2345678-1"})
    assert "check digit" in response.content.decode()


def test_an_ended_company_is_flagged_in_the_list_and_found_by_its_state(
    client, registry_manager, prh
):
    from django.core.management import call_command

    prh.add(recorded("bankrupt"), recorded("active"))
    OrganisationFactory(name="Rantasen Rakennus Oy", business_id="3012345-8")
    OrganisationFactory(name="Saimaan Ohjelmistotalo Oy", business_id="2345678-0")
    call_command("refresh_from_prh", "3012345-8", "2345678-0", stdout=io.StringIO())
    client.force_login(registry_manager)
    page = client.get(reverse("wagtailsnippets_registry_organisation:list")).content.decode()
    assert len(re.findall(r'class="w-status[^"]*"[^>]*>\s*Bankrupt', page)) == 1
    page = client.get(
        reverse("wagtailsnippets_registry_organisation:list"), {"trade_register_state": "bankrupt"}
    ).content.decode()
    assert "Rantasen Rakennus Oy" in page
    assert "Saimaan Ohjelmistotalo Oy" not in page
