import pytest
from playwright.sync_api import expect

# serialized_rollback restores the root page and site that migrations create.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    from django.core.cache import cache

    cache.clear()


def test_a_visitor_sends_the_contact_form_and_sees_the_thank_you_page(page, site_url):
    from intake.models import IntakeSubmission
    from registry.models import Contact

    page.goto(site_url + "/")
    page.get_by_role("banner").get_by_role("link", name="Ota yhteyttä").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ota yhteyttä")

    page.get_by_label("Nimi").fill("Maija Meikäläinen")
    page.get_by_label("Sähköposti").fill("maija@example.fi")
    page.get_by_label("Puhelin").fill("040 123 4567")
    page.get_by_label("Viesti").fill("Haluaisin kuulla lisää palveluistanne.")
    page.get_by_role("button", name="Lähetä").click()

    expect(page.get_by_role("status")).to_contain_text("Kiitos viestistäsi")
    assert IntakeSubmission.objects.count() == 1
    assert Contact.objects.filter(email="maija@example.fi").count() == 1


def test_the_form_passes_axe_and_so_does_its_error_state(page, site_url, axe):
    page.goto(site_url + "/ota-yhteytta/")
    assert axe() == []

    page.get_by_label("Nimi").fill("Maija")
    page.get_by_label("Sähköposti").fill("ei osoite")
    page.get_by_role("button", name="Lähetä").click()

    expect(page.get_by_role("alert")).to_contain_text("Lomakkeessa on virheitä")
    expect(page.locator("[data-error-summary]")).to_be_focused()
    expect(page.get_by_label("Nimi")).to_have_value("Maija")
    expect(page.get_by_label("Sähköposti")).to_have_attribute("aria-invalid", "true")
    assert axe() == []


@pytest.mark.parametrize("path", ["/ilmoittautuminen/", "/yrityshakemistoon/"])
def test_the_other_demo_forms_pass_axe_empty_and_in_their_error_state(page, site_url, axe, path):
    page.goto(site_url + path)
    assert axe() == []

    page.locator("main form [type=submit]").last.click()  # every required field empty

    expect(page.get_by_role("alert")).to_contain_text("Lomakkeessa on virheitä")
    assert axe() == []
