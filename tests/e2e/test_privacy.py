"""A data subject asks for their data, confirms by email, staff complete, they download it."""

import json
import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

EMAIL = "maija.meikalainen@example.fi"


def link_in(message):
    return re.findall(r"https?://\S+", message.body)


@pytest.fixture
def register(site_url):
    from registry.models import Contact, ContactPhone, CustomerEvent

    contact = Contact.objects.create(first_name="Maija", last_name="Meikäläinen", email=EMAIL)
    ContactPhone.objects.create(contact=contact, number="+358401234567")
    CustomerEvent.objects.create(contact=contact, kind="email", channel="email")
    Contact.objects.create(first_name="Matti", last_name="Virtanen", email="matti@example.fi")
    return contact


@pytest.fixture
def officer(site_url):
    user = get_user_model().objects.create_user("tietosuoja", password="salasana-123")
    user.groups.add(Group.objects.get(name="Privacy officer"))
    return user


def test_the_request_form_passes_axe_empty_and_with_errors(page, site_url, axe):
    page.goto(site_url + "/tietosuojaseloste/")
    page.get_by_role("link", name="Tee tietojasi koskeva pyyntö").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tietojasi koskeva pyyntö")
    assert axe() == []

    page.get_by_role("button", name="Lähetä pyyntö").click()
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.locator("[data-error-summary]")).to_be_focused()
    assert axe() == []


def test_access_request_from_form_to_download(
    page, site_url, axe, mailoutbox, register, officer, tmp_path
):
    # The requester asks.
    page.goto(site_url + "/tietosuoja/pyynto/")
    page.get_by_label("Tietojeni tarkastaminen").check()
    page.get_by_label("Nimesi").fill("Maija Meikäläinen")
    page.get_by_label("Sähköpostiosoitteesi").fill(EMAIL)
    page.get_by_role("button", name="Lähetä pyyntö").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tarkista sähköpostisi")

    # ... and confirms from the email.
    assert mailoutbox[-1].to == [EMAIL]
    page.goto(link_in(mailoutbox[-1])[0])
    expect(page.get_by_role("heading", level=1)).to_have_text("Pyyntö vahvistettu")

    # Staff complete it from the request screen.
    page.goto(site_url + "/admin/login/")
    page.locator("#id_username").fill("tietosuoja")
    page.locator("#id_password").fill("salasana-123")
    page.locator("form button[type=submit]").click()
    page.wait_for_url(site_url + "/admin/")
    page.goto(site_url + "/admin/privacy/requests/")
    page.get_by_role("link", name=re.compile("Tietojeni tarkastaminen")).click()
    # Completing stays disabled until staff record how they verified the requester.
    complete = page.get_by_role("button", name="Käsittele: lähetä latauslinkki")
    expect(complete).to_be_disabled()
    page.locator("input[name=method][value=id_document]").check()
    page.locator("[name=how]").fill("Ajokortti nähty toimistolla")
    page.get_by_role("button", name="Kirjaa henkilöllisyyden tarkistus").click()
    complete.click()
    expect(page.locator("[data-status]")).to_have_text("Käsitelty")
    page.context.clear_cookies()

    # The requester downloads: a link, never an attachment.
    message = mailoutbox[-1]
    assert message.to == [EMAIL] and not message.attachments
    page.goto(link_in(message)[0])
    expect(page.get_by_role("heading", level=1)).to_have_text("Tietosi")
    expect(page.get_by_text(EMAIL).first).to_be_visible()
    expect(page.get_by_text("Matti")).to_have_count(0)
    assert axe() == []

    with page.expect_download() as download_info:
        page.get_by_role("button", name=re.compile("koneluettavana")).click()
    path = Path(tmp_path) / "export.json"
    download_info.value.save_as(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert EMAIL in json.dumps(data, ensure_ascii=False)
    assert "registry.contact" in data
