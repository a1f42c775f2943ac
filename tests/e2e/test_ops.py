"""The strict Content-Security-Policy in a real browser: the site and the admin still work."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def csp_violations(page):
    """Every CSP violation Chromium reports while the test runs."""
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return violations


@pytest.mark.parametrize("path", ["/", "/tietosuojaseloste/"])
def test_public_pages_run_under_the_strict_policy_without_violations(
    page, site_url, csp_violations, path
):
    page.goto(site_url + path)
    expect(page.locator("header .site-name")).to_be_visible()
    assert csp_violations == []


def test_the_print_button_script_runs_under_the_policy(page, site_url, csp_violations):
    page.goto(site_url + "/tietosuojaseloste/")
    expect(page.locator("[data-print]")).to_be_visible()  # site.js un-hid it
    assert csp_violations == []


def test_an_editor_signs_in_and_publishes_a_page_edit_under_the_admin_policy(
    page, site_url, csp_violations
):
    get_user_model().objects.create_superuser("toimittaja", password="salasana-123")
    page.goto(site_url + "/admin/login/")
    page.fill("#id_username", "toimittaja")
    page.fill("#id_password", "salasana-123")
    page.locator("form button[type=submit]").click()
    expect(page).to_have_url(site_url + "/admin/")

    from wagtail.models import Page

    notice = Page.objects.get(slug="tietosuojaseloste")
    page.goto(f"{site_url}/admin/pages/{notice.pk}/edit/")
    title = page.locator("#id_title")
    expect(title).to_be_visible()
    title.fill("Tietosuojaseloste (päivitetty)")
    # Publishing sits behind the save button's dropdown toggle (all JS-driven).
    page.locator("[data-w-dropdown-target='toggle']").last.click()
    page.get_by_role("button", name="Julkaise").click()
    expect(page.locator(".messages")).to_contain_text("julkaistu")

    page.goto(site_url + "/tietosuojaseloste/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tietosuojaseloste (päivitetty)")
    assert csp_violations == []
