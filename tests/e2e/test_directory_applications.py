"""A business applies to the directory, staff approve it and it is listed; an owner
confirms a listing from the yearly reminder's link. Real Chromium, real server,
axe-core on every public page."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from directory import freshness
from directory.models import DirectoryIndexPage, Listing, ListingApplication

from ..registry.prh_server import recorded
from .staff import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def trade_register(prh):
    prh.add(recorded("active"))
    return prh


def path_of(url):
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def test_a_business_applies_staff_approve_and_it_is_in_the_directory(
    page, site_url, manager, trade_register, axe
):
    page.goto(f"{site_url}/yrityshakemisto/")
    page.get_by_role("link", name="Lisää yrityksesi hakemistoon").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lisää yrityksesi hakemistoon")
    assert axe() == []

    page.get_by_label("Y-tunnus").fill("2345678-0")
    page.get_by_role("button", name="Hae kaupparekisteristä").click()
    expect(page.get_by_label("Yrityksen nimi")).to_have_value("Saimaan Ohjelmistotalo Oy")
    expect(page.get_by_label("Kunta")).to_have_value("Mikkeli")

    # Sent without a contact person: the errors are listed and nothing is stored.
    page.get_by_role("button", name="Lähetä hakemus").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Etunimi")
    expect(summary).to_be_focused()
    assert axe() == []
    assert not ListingApplication.objects.exists()

    page.get_by_label("Etunimi").fill("Sanna")
    page.get_by_label("Sukunimi").fill("Saimaa")
    page.get_by_role("textbox", name="Sähköposti").fill("sanna@ohjelmistotalo.example")
    page.get_by_role("textbox", name="Puhelin").fill("040 555 1234")
    page.get_by_label("Hyväksyn, että").check()
    page.get_by_role("button", name="Lähetä hakemus").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kiitos hakemuksestasi")
    assert axe() == []
    assert [m.to for m in mail.outbox][0] == ["sanna@ohjelmistotalo.example"]

    log_in(page, site_url, manager)
    page.goto(f"{site_url}/admin/directory/applications/")
    page.get_by_role("link", name="Saimaan Ohjelmistotalo Oy").click()
    expect(page.locator("main")).to_contain_text("sanna@ohjelmistotalo.example")
    page.get_by_role("button", name="Hyväksy").click()
    expect(
        page.get_by_text("Hyväksytty: Saimaan Ohjelmistotalo Oy on hakemistossa.")
    ).to_be_visible()

    approved = mail.outbox[-1]
    assert approved.to == ["sanna@ohjelmistotalo.example"]
    assert "on nyt yrityshakemistossa" in approved.body

    page.context.clear_cookies()
    page.goto(f"{site_url}/yrityshakemisto/?q=ohjelmistotalo")
    # PostgreSQL's engine also finds "Ohjelmistopaja" for this word; the new company is among them.
    result = page.locator(".directory-result h3 a", has_text="Saimaan Ohjelmistotalo Oy")
    expect(result).to_be_visible()
    result.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Saimaan Ohjelmistotalo Oy")
    assert axe() == []


@pytest.mark.parametrize(
    ("language", "link", "heading"),
    [
        ("sv", "Lägg till ditt företag i katalogen", "Lägg till ditt företag i katalogen"),
        ("en", "Add your company to the directory", "Add your company to the directory"),
    ],
)
def test_the_form_is_reached_from_the_index_in_every_language(
    page, site_url, axe, language, link, heading
):
    index = DirectoryIndexPage.objects.get(locale__language_code=language)
    page.goto(site_url + index.url)
    page.get_by_role("link", name=link).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    assert axe() == []


def test_a_listed_business_id_is_refused_and_the_listing_can_be_claimed(page, site_url, axe):
    listing = Listing.objects.get(name="Saimaan Puutyö Oy")
    listing.organisation.memberships.all().delete()  # nobody owns it
    page.goto(f"{site_url}/yrityshakemisto/add/")
    page.get_by_label("Y-tunnus").fill(listing.organisation.business_id)
    page.get_by_role("button", name="Hae kaupparekisteristä").click()
    expect(page.get_by_role("alert")).to_contain_text("on jo hakemistossa")
    page.get_by_role("link", name="Onko se sinun yrityksesi? Ota tiedot hallintaasi").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Saimaan Puutyö Oy")
    assert axe() == []


def test_an_owner_confirms_the_listing_from_the_reminder(page, site_url, axe):
    listing = Listing.objects.get(name="Saimaan Puutyö Oy")
    Listing.objects.filter(pk=listing.pk).update(
        published_at=timezone.now() - datetime.timedelta(days=400)
    )
    mail.outbox.clear()
    assert freshness.remind_owners()["reminded"] >= 1
    [reminder] = [m for m in mail.outbox if listing.name in m.subject]
    link = re.search(r"https?://\S+/confirm/\S+/", reminder.body).group(0)

    page.goto(site_url + path_of(link))
    expect(page.get_by_role("heading", level=1)).to_have_text("Vahvista yrityksesi tiedot")
    assert axe() == []
    page.get_by_role("button", name="Kyllä, tiedot ovat ajan tasalla").click()
    expect(page.get_by_role("status")).to_contain_text("on vahvistettu ajan tasalla oleviksi")
    assert axe() == []
    listing.refresh_from_db()
    assert listing.confirmed_at is not None and listing.reminders_sent == 0

    page.goto(site_url + path_of(link))  # once only
    expect(page.get_by_role("heading", level=1)).to_have_text("Linkki ei enää toimi")
