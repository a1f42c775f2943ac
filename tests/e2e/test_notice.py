import re

import pytest
from playwright.sync_api import expect

# serialized_rollback restores the root page and site that migrations create.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_visitor_finds_the_notice_from_the_home_page_and_jumps_to_a_section(page, site_url):
    page.goto(site_url + "/")
    page.get_by_role("contentinfo").get_by_role(
        "link", name="Rekisteri- ja tietosuojaseloste"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rekisteri- ja tietosuojaseloste")

    page.get_by_role("navigation", name="Sisällys").get_by_role(
        "link", name="Rekisterin tietosisältö"
    ).click()
    expect(page).to_have_url(re.compile(r"#rekisterin-tietosisalto$"))
    expect(page.locator("#rekisterin-tietosisalto")).to_contain_text(
        "Tiedot poistetaan 10 vuoden kuluttua viimeisestä asiakastapahtumasta."
    )


def test_the_skip_link_is_the_first_thing_a_keyboard_reaches(page, site_url):
    page.goto(site_url + "/tietosuojaseloste/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Siirry sisältöön")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


@pytest.mark.parametrize("path", ["/", "/tietosuojaseloste/"])
def test_pages_pass_axe_wcag_21_aa(page, site_url, axe, path):
    page.goto(site_url + path)
    assert axe() == []


def test_the_print_layout_leaves_out_navigation(page, site_url):
    page.goto(site_url + "/tietosuojaseloste/")
    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Sisällys")).to_be_hidden()
    expect(page.get_by_role("heading", name="5. Rekisterin tietosisältö")).to_be_visible()
