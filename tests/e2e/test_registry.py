import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import Client
from playwright.sync_api import expect

from registry.models import Contact

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "a-long-test-password"


@pytest.fixture
def manager(django_user_model, demo_site):
    user = django_user_model.objects.create_user("rekisteri", "rekisteri@example.fi", PASSWORD)
    user.groups.add(Group.objects.get(name="Registry managers"))
    return user


def log_in(page, site_url, user):
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": site_url}]
    )


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
