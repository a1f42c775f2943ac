import re

import pytest
from playwright.sync_api import expect

from directory import edit_links
from directory.models import DirectoryIndexPage, Listing

# serialized_rollback restores the root page and site that migrations create.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = "+358401234501"  # Saimaan Puutyö Oy's phone in directory/demo.py
PHONE_SHOWN = "040 1234501"  # as the pages write it


def edit_link(listing):
    page = DirectoryIndexPage.objects.get(locale__language_code="fi")
    _link, token = edit_links.issue_edit_link(listing, edit_links.owner_contacts(listing).first())
    return page.url + page.reverse_subpage("redeem_link", args=[listing.slug, token])


def test_an_owner_hides_the_phone_and_it_leaves_the_page_and_search(page, site_url, axe):
    listing = Listing.objects.get(name="Saimaan Puutyö Oy")
    company = f"{site_url}/yrityshakemisto/{listing.slug}/"
    search = f"{site_url}/yrityshakemisto/?q=saimaan"

    page.goto(search)
    expect(page.locator(".directory-results")).to_contain_text(PHONE_SHOWN)
    assert axe() == []
    page.goto(company)
    expect(page.locator("main")).to_contain_text(PHONE_SHOWN)
    assert axe() == []

    page.goto(site_url + edit_link(listing))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Saimaan Puutyö Oy")
    assert axe() == []
    phone_box = page.locator("input[name=show_phone]")
    expect(phone_box).to_be_checked()
    phone_box.uncheck()
    page.locator("button[name=preview]").click()
    expect(page.locator(".owner-preview")).not_to_contain_text(PHONE_SHOWN)
    expect(page.locator("input[name=show_phone]")).not_to_be_checked()
    page.locator("button[name=save]").click()
    expect(page.get_by_role("status")).to_be_visible()
    expect(page.locator("input[name=show_phone]")).not_to_be_checked()

    page.goto(company)
    expect(page.locator("main")).not_to_contain_text(PHONE_SHOWN)
    assert PHONE not in page.content()
    page.goto(search)
    expect(page.locator(".directory-results")).to_contain_text("Saimaan")
    assert PHONE not in page.content()


def test_search_as_you_type_updates_results_and_the_keyboard_reaches_them(page, site_url):
    page.goto(f"{site_url}/yrityshakemisto/")
    field = page.locator("#id_q")
    field.focus()
    page.keyboard.type("koodiv")
    expect(page.locator(".directory-result")).to_have_count(1)
    expect(page.locator(".directory-result mark")).to_have_text("Koodiv")
    expect(page).to_have_url(re.compile(r"/yrityshakemisto/\?q=koodiv"))
    page.keyboard.press("Enter")
    expect(page.locator(".directory-result")).to_have_count(1)
    result_link = page.locator(".directory-result h3 a")
    result_link.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Koodiverstas Kallio Oy")


def test_without_javascript_the_form_still_searches(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}/yrityshakemisto/")
    page.locator("#id_q").fill("tilitoimisto")
    page.locator("#id_q").press("Enter")
    expect(page.locator(".directory-result")).to_have_count(1)
    expect(page.locator(".directory-result h3")).to_have_text("Mikkelin Tilitoimisto Tase Oy")
    context.close()


def tab_to(page, selector, limit=80):
    """Press Tab until the element matching selector has focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_an_owner_hides_the_phone_with_the_keyboard_alone(page, site_url):
    listing = Listing.objects.get(name="Saimaan Puutyö Oy")
    page.goto(site_url + edit_link(listing))
    expect(page.locator("input[name=show_phone]")).to_be_checked()

    tab_to(page, "input[name=show_phone]")
    page.keyboard.press("Space")
    expect(page.locator("input[name=show_phone]")).not_to_be_checked()
    tab_to(page, "button[name=save]")
    page.keyboard.press("Enter")

    expect(page.get_by_role("status")).to_be_visible()
    page.goto(f"{site_url}/yrityshakemisto/{listing.slug}/")
    expect(page.locator("main")).not_to_contain_text(PHONE_SHOWN)
