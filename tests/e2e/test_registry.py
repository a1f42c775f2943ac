import pytest
from playwright.sync_api import expect

from registry.models import Contact

from .staff import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_registry_manager_finds_a_contact_and_reads_the_timeline(page, site_url, manager, axe):
    log_in(page, site_url, manager)
    page.goto(site_url + "/admin/snippets/registry/contact/?q=aino+esimerkki")
    page.get_by_role("link", name="Aino Esimerkki").click()

    expect(page.get_by_role("heading", name="Asiakastapahtumat")).to_be_visible()
    expect(page.locator(".registry-timeline li")).to_have_count(3)
    expect(page.locator(".registry-timeline li").first).to_contain_text("Neuvontasopimus")
    assert axe("#main") == []


def test_a_restricted_contact_carries_a_banner(page, site_url, manager):
    contact = Contact.objects.get(email="ville.testinen@example.fi")
    contact.restrict("Rekisteröity kiistää tietojen paikkansapitävyyden")
    log_in(page, site_url, manager)
    page.goto(f"{site_url}/admin/snippets/registry/contact/inspect/{contact.pk}/")
    expect(page.get_by_text("Tämän henkilön tietojen käsittelyä on rajoitettu.")).to_be_visible()
