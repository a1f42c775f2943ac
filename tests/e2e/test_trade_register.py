"""Staff fetch an organisation's data from the Trade Register (a local server with
recorded answers) and take what they pick; a new organisation starts from a business ID."""

import pytest
from playwright.sync_api import expect
from wagtail.models import ModelLogEntry

from registry.models import Organisation

from ..registry.prh_server import recorded
from .staff import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def trade_register(prh):
    prh.add(recorded("active"), recorded("swedish_post_office"))
    return prh


def test_staff_compare_with_the_trade_register_and_take_the_fields_they_pick(
    page, site_url, manager, trade_register, axe
):
    organisation = Organisation.objects.create(
        name="Saimaan Ohjelmisto", business_id="2345678-0", city="Mikkeli"
    )
    log_in(page, site_url, manager)
    page.goto(f"{site_url}/admin/snippets/registry/organisation/edit/{organisation.pk}/")
    page.get_by_role("button", name="Toiminnot", exact=True).click()
    page.get_by_role("link", name="Hae kaupparekisteristä").click()

    expect(page.get_by_role("heading", name="Hae kaupparekisteristä")).to_be_visible()
    table = page.get_by_role("table")
    expect(table).to_contain_text("Saimaan Ohjelmistotalo Oy")
    expect(table).to_contain_text("PL 123")
    expect(page.get_by_text("Patentti- ja rekisterihallitus")).to_be_visible()
    # A name staff typed is not ticked for them; a blank street address is.
    expect(page.get_by_label("Nimi")).not_to_be_checked()
    expect(page.get_by_label("Katuosoite")).to_be_checked()
    assert axe("#main") == []

    page.get_by_label("Nimi").check()
    page.get_by_label("Toimialakoodi").uncheck()
    page.get_by_role("button", name="Ota valitut kentät").click()

    expect(page.get_by_text("Otettu kaupparekisteristä")).to_be_visible()
    expect(page.locator("#id_name")).to_have_value("Saimaan Ohjelmistotalo Oy")
    organisation.refresh_from_db()
    assert (organisation.name, organisation.street_address) == (
        "Saimaan Ohjelmistotalo Oy",
        "PL 123",
    )
    assert organisation.industry_code == ""  # unticked
    entry = ModelLogEntry.objects.get(action="registry.trade_register.apply")
    assert entry.user == manager
    assert "industry_code" not in entry.data["fields"]


def test_a_new_organisation_starts_from_its_business_id(page, site_url, manager, trade_register):
    log_in(page, site_url, manager)
    page.goto(f"{site_url}/admin/snippets/registry/organisation/")
    page.get_by_role("link", name="Lisää kaupparekisteristä").click()
    page.get_by_label("Y-tunnus").fill("0201256-6")
    page.get_by_role("button", name="Hae").click()

    expect(page.locator("#id_name")).to_have_value("Kustens Båtvarv Ab")
    expect(page.locator("#id_city")).to_have_value("Nykarleby")
    expect(page.locator("#id_business_id")).to_have_value("0201256-6")
    page.get_by_role("button", name="Tallenna").first.click()

    # Saved, the admin goes back to the list of organisations.
    page.wait_for_url(f"{site_url}/admin/snippets/registry/organisation/")
    organisation = Organisation.objects.get(business_id="0201256-6")
    assert (organisation.name, organisation.street_address, organisation.city) == (
        "Kustens Båtvarv Ab",
        "Hamnvägen 12",
        "Nykarleby",
    )
    assert organisation.web_links.get().url == "https://www.kustensbatvarv.fi"
