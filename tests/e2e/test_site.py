"""The public site in a browser: form controls' contrast from computed styles, and the
directory on a phone and by keyboard."""

import pytest
from playwright.sync_api import expect

from directory import edit_links
from directory.models import DirectoryIndexPage, Listing

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# The relative luminance contrast of each visible control's border against what is
# behind it, from the browser's computed styles (WCAG 1.4.11 asks 3:1).
CONTRASTS = """() => {
    const rgb = (text) => (text.match(/[\\d.]+/g) || []).map(Number);
    const luminance = ([r, g, b]) => {
        const [R, G, B] = [r, g, b].map((c) => {
            c /= 255;
            return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * R + 0.7152 * G + 0.0722 * B;
    };
    const background = (element) => {
        for (let e = element.parentElement; e; e = e.parentElement) {
            const color = rgb(getComputedStyle(e).backgroundColor);
            if (color.length === 3 || color[3] > 0) return color.slice(0, 3);
        }
        return [255, 255, 255];
    };
    const ratio = (a, b) => {
        const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
        return (x + 0.05) / (y + 0.05);
    };
    return [...document.querySelectorAll("input:not([type=hidden]), select, textarea")]
        .filter((e) => e.offsetParent !== null)
        .map((e) => {
            const style = getComputedStyle(e);
            const behind = background(e);
            return {
                control: `${e.tagName.toLowerCase()}[type=${e.type}] ${e.name}`,
                border: Math.round(ratio(rgb(style.borderTopColor), behind) * 100) / 100,
                width: parseFloat(style.borderTopWidth),
                checked_fill: e.checked
                    ? Math.round(ratio(rgb(style.backgroundColor), behind) * 100) / 100
                    : null,
            };
        });
}"""


def edit_link(listing):
    page = DirectoryIndexPage.objects.get(locale__language_code="fi")
    _link, token = edit_links.issue_edit_link(listing, edit_links.owner_contacts(listing).first())
    return page.url + page.reverse_subpage("redeem_link", args=[listing.slug, token])


def test_every_form_control_has_a_border_of_3_to_1_and_checked_boxes_show(page, site_url):
    listing = Listing.objects.get(slug="saimaan-puutyo-oy")
    paths = [
        "/en/company-directory/",  # search box, and the selects once the panel is open
        "/sv/anmalan/",  # radio buttons
        "/en/add-your-company/",  # the consent checkbox
        "/tietosuoja/pyynto/",
        edit_link(listing),  # the owner's checkboxes, checked and unchecked
    ]
    seen_types = set()
    for path in paths:
        page.goto(site_url + path)
        # Open the collapsed panels so that their controls are measured too.
        page.locator("main details").evaluate_all("panels => panels.forEach(p => p.open = true)")
        controls = page.evaluate(CONTRASTS)
        assert controls, path
        for control in controls:
            seen_types.add(control["control"].split()[0])
            assert control["width"] >= 1, (path, control)
            assert control["border"] >= 3, (path, control)
            if control["checked_fill"] is not None:
                assert control["checked_fill"] >= 3, (path, control)
    assert {"input[type=search]", "select[type=select-one]", "input[type=radio]"} <= seen_types
    assert {"input[type=checkbox]", "textarea[type=textarea]"} <= seen_types


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    yield context.new_page()
    context.close()


@pytest.mark.parametrize(
    "path", ["/yrityshakemisto/", "/sv/foretagsregister/", "/en/company-directory/"]
)
def test_on_a_phone_the_results_come_first_and_the_filters_open_and_close(
    phone, site_url, axe, path
):
    phone.goto(site_url + path)
    first = phone.locator(".directory-result").first
    expect(first).to_be_visible()
    assert first.bounding_box()["y"] < 900  # on the first screen or just below it
    facets = phone.locator(".directory-facets")
    municipality = facets.get_by_role("link", name="Mikkeli")
    expect(municipality).to_be_hidden()
    facets.locator("summary").click()
    expect(municipality).to_be_visible()
    facets.locator("summary").click()
    expect(municipality).to_be_hidden()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375  # no sideways scroll


def test_without_javascript_the_filter_panel_opens_and_filters(browser, site_url):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto(site_url + "/en/company-directory/")
    page.locator(".directory-facets summary").click()
    page.locator(".directory-facets").get_by_role("link", name="Juva").click()
    expect(page.locator(".directory-result")).to_have_count(1)
    expect(page.locator(".directory-facets")).to_have_attribute("open", "")
    context.close()


def test_the_skip_link_leads_to_the_companies(page, site_url):
    page.goto(site_url + "/sv/foretagsregister/")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Hoppa till företagen")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#results-heading")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.locator(".directory-result h3 a").first).to_be_focused()


def test_phone_numbers_read_nationally_and_dial_internationally(page, site_url):
    page.goto(site_url + "/en/company-directory/saimaan-puutyo-oy/")
    link = page.locator('.company-contact a[href^="tel:"]')
    expect(link).to_have_text("040 1234501")
    expect(link).to_have_attribute("href", "tel:+358401234501")


def test_on_a_desktop_the_first_company_is_a_few_tab_presses_away(page, site_url):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site_url + "/en/company-directory/")
    first = page.locator(".directory-result h3 a").first
    presses = 0
    while presses < 40 and not first.evaluate("link => link === document.activeElement"):
        page.keyboard.press("Tab")
        presses += 1
    # Skip links, the site name, the menu, the languages, the search row and two panels.
    assert presses <= 15
