"""The site in three languages, by keyboard and under axe-core's WCAG 2.1 A/AA rules."""

import re

import pytest
from playwright.sync_api import expect

# serialized_rollback restores the root page, site and locales that migrations create.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PAGES = {
    "home": {"fi": "/", "sv": "/sv/", "en": "/en/"},
    "notice": {
        "fi": "/tietosuojaseloste/",
        "sv": "/sv/dataskyddsbeskrivning/",
        "en": "/en/privacy-notice/",
    },
    "directory": {
        "fi": "/yrityshakemisto/",
        "sv": "/sv/foretagsregister/",
        "en": "/en/company-directory/",
    },
    "company": {
        "fi": "/yrityshakemisto/savon-siivouspalvelu/",
        "sv": "/sv/foretagsregister/savon-siivouspalvelu/",
        "en": "/en/company-directory/savon-siivouspalvelu/",
    },
    "search": {
        "fi": "/yrityshakemisto/?q=kirjanpito",
        "sv": "/sv/foretagsregister/?q=kirjanpito",
        "en": "/en/company-directory/?q=kirjanpito",
    },
    "form": {
        "fi": "/ilmoittautuminen/",
        "sv": "/sv/anmalan/",
        "en": "/en/registration/",
    },
    "statement": {
        "fi": "/saavutettavuusseloste/",
        "sv": "/sv/tillganglighetsutlatande/",
        "en": "/en/accessibility-statement/",
    },
}
LANGUAGE_NAMES = {"fi": "Suomi", "sv": "Svenska", "en": "English"}
SKIP_LINK = {"fi": "Siirry sisältöön", "sv": "Hoppa till innehållet", "en": "Skip to content"}


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize("name", list(PAGES))
def test_pages_pass_axe_wcag_21_aa_in_every_language(page, site_url, axe, name, language):
    page.goto(site_url + PAGES[name][language])
    expect(page.locator("html")).to_have_attribute("lang", language)
    assert axe() == []


@pytest.mark.parametrize("name", list(PAGES))
def test_switching_language_keeps_the_page(page, site_url, name):
    page.goto(site_url + PAGES[name]["fi"])
    switcher = page.get_by_role("navigation", name="Kieli")
    for language in ("sv", "en", "fi"):
        switcher.get_by_role("link", name=LANGUAGE_NAMES[language]).click()
        expect(page).to_have_url(site_url + PAGES[name][language])
        expect(page.locator("html")).to_have_attribute("lang", language)
        switcher = page.locator("nav.language-switcher")
        expect(switcher.get_by_role("link", name=LANGUAGE_NAMES[language])).to_have_attribute(
            "aria-current", "true"
        )


def test_the_language_switcher_works_by_keyboard_alone(page, site_url):
    page.goto(site_url + "/tietosuojaseloste/")
    svenska = page.locator("nav.language-switcher").get_by_role("link", name="Svenska")
    for _ in range(15):
        page.keyboard.press("Tab")
        if svenska.evaluate("link => link === document.activeElement"):
            break
    expect(svenska).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(site_url + "/sv/dataskyddsbeskrivning/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Register- och dataskyddsbeskrivning")


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_skip_link_comes_first_in_every_language(page, site_url, language):
    page.goto(site_url + PAGES["statement"][language])
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name=SKIP_LINK[language])
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


def test_an_untranslated_page_is_shown_in_finnish_with_a_note(page, site_url, demo_site):
    from home.models import StandardPage

    services = StandardPage(title="Palvelut", slug="palvelut", introduction="Neuvontaa.")
    demo_site.root_page.add_child(instance=services)
    services.save_revision().publish()

    page.goto(site_url + "/palvelut/")
    page.locator("nav.language-switcher").get_by_role("link", name="English").click()
    expect(page).to_have_url(site_url + "/en/palvelut/")
    expect(page.get_by_role("note")).to_have_text(
        "This page is not available in English yet, so it is shown in Finnish."
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Palvelut")
    expect(page.locator('main article[lang="fi"] h1')).to_have_text("Palvelut")
    expect(page.locator('[lang="fi"] .content-language-note')).to_have_count(0)


@pytest.mark.urls("tests.form_errors_example")
def test_the_error_summary_takes_focus_and_leads_to_each_field(page, site_url, axe):
    page.goto(site_url + "/en/form-errors-example/")
    page.get_by_label("Email address").fill("not-an-address")
    page.get_by_role("button", name="Send").click()

    summary = page.get_by_role("alert")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("There is a problem")
    assert axe() == []

    page.keyboard.press("Tab")
    first = summary.get_by_role("link", name=re.compile("^Name:"))
    expect(first).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_label("Name")).to_be_focused()
    # The field's own error is read with it, and what the user typed is kept.
    expect(page.get_by_label("Email address")).to_have_value("not-an-address")
    expect(page.get_by_label("Email address")).to_have_attribute(
        "aria-describedby", re.compile(r"\bid_email_error\b")
    )
