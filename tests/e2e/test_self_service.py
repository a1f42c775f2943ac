"""People help themselves, and staff take what comes by other channels (issue 18):
a consent withdrawn from the link in the form's email, and a phone request recorded by
staff and taken through the identity check to completion."""

import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

EMAIL = "pekka.puupaa@example.fi"


def link_in(message):
    return re.search(r"https?://\S+", message.body).group(0)


def staff(username, group):
    user = get_user_model().objects.create_user(username, password="salasana-123")
    user.groups.add(Group.objects.get(name=group))
    return user


def sign_in(page, site_url, username):
    page.goto(site_url + "/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill("salasana-123")
    page.locator("form button[type=submit]").click()
    page.wait_for_url(site_url + "/admin/")


@pytest.fixture
def emailed_links(site_url):
    """Emailed links point at the live server, as `set_site_url` makes them in production."""
    call_command("set_site_url", site_url, stdout=StringIO())
    return site_url


def test_a_consent_withdrawn_from_the_email_link_is_recorded_and_staff_see_it(
    page, site_url, emailed_links, axe, mailoutbox
):
    from intake.models import FormPage
    from registry.models import Consent, CustomerEvent

    form = FormPage.objects.get(slug="yrityshakemistoon", locale__language_code="fi")
    manager = staff("rekisteri", "Registry managers")

    # The person sends a consent-based form.
    page.goto(site_url + form.url)
    page.get_by_label("Yrityksen nimi").fill("Puupään Puuseppä Oy")
    page.get_by_label("Y-tunnus").fill("0112038-9")
    page.get_by_label("Yhteyshenkilö").fill("Pekka Puupää")
    page.get_by_label("Sähköposti").fill(EMAIL)
    page.get_by_label("Yrityksen kuvaus").fill("Puusepäntöitä Mikkelissä.")
    page.get_by_label(form.consent_text).check()
    page.get_by_role("button", name=form.submit_label).click()
    expect(page.get_by_role("link", name="Katso tai peru suostumuksesi")).to_be_visible()
    assert axe() == []

    # The confirmation email carries the personal link; it opens the preferences page.
    message = next(m for m in mailoutbox if m.to == [EMAIL])
    assert form.consent_text in message.body
    page.goto(link_in(message))
    expect(page.get_by_role("heading", level=1)).to_have_text("Suostumuksesi")
    expect(page.get_by_text(form.consent_text)).to_be_visible()
    assert axe() == []

    # Sending nothing chosen is an error in the shared summary; then withdraw.
    page.get_by_role("button", name="Peru valitut suostumukset").click()
    expect(page.locator("[data-error-summary]")).to_be_focused()
    assert axe() == []
    page.get_by_label(re.compile("Yrityksen tietojen julkaiseminen")).check()
    page.get_by_role("button", name="Peru valitut suostumukset").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Suostumus peruttu")
    assert axe() == []
    consent = Consent.objects.get(contact__email=EMAIL)
    assert consent.withdrawn_at is not None
    assert CustomerEvent.objects.filter(contact=consent.contact, kind="consent_withdrawn").exists()

    # The link worked once.
    page.goto(link_in(message))
    expect(page.get_by_role("heading", level=1)).to_have_text("Linkki ei toimi")
    expect(page.get_by_text("Linkki on jo käytetty")).to_be_visible()
    assert axe() == []

    # An altered link, in English and Swedish: said so, in the visitor's language.
    page.goto(link_in(message).replace("/suostumukset/", "/en/suostumukset/")[:-6] + "xxxxx/")
    expect(page.get_by_role("heading", level=1)).to_have_text("The link does not work")
    assert axe() == []
    page.goto(link_in(message).replace("/suostumukset/", "/sv/suostumukset/")[:-6] + "xxxxx/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Länken fungerar inte")

    # Staff see the withdrawal on the contact, with when and how.
    sign_in(page, site_url, manager.username)
    page.goto(f"{site_url}/admin/snippets/registry/contact/inspect/{consent.contact_id}/")
    withdrawn = page.locator(f'[data-consent="{consent.pk}"] [data-withdrawn]')
    expect(withdrawn).to_contain_text("suostumussivu, sähköpostin linkki")
    expect(page.get_by_text("Suostumus peruttu").first).to_be_visible()


def test_staff_record_a_phone_request_and_take_it_through_the_identity_check(
    page, site_url, axe, mailoutbox
):
    from privacy.models import DataSubjectRequest
    from registry.models import Contact

    Contact.objects.create(first_name="Maija", last_name="Puhelin", email="maija@example.fi")
    officer = staff("tietosuoja", "Privacy officer")
    sign_in(page, site_url, officer.username)

    page.goto(site_url + "/admin/privacy/requests/")
    page.get_by_role("link", name=re.compile("Kirjaa puhelimitse")).click()
    expect(page.get_by_text("sähköpostivahvistusta ei lähetetä eikä tarvita")).to_be_visible()
    assert axe("form") == []
    page.get_by_label("Tietojeni poistaminen").check()
    page.get_by_label("Puhelin", exact=True).check()
    page.get_by_label("Nimi", exact=True).fill("Maija Puhelin")
    page.get_by_role("textbox", name="Sähköposti").fill("maija@example.fi")
    page.get_by_role("button", name="Kirjaa pyyntö").click()

    # Open at once, received by phone, recorded by the officer; no email was sent.
    expect(page.locator("[data-status]")).to_have_text("Avoin")
    expect(page.locator("[data-channel]")).to_have_text("Puhelin (kirjasi tietosuoja)")
    assert mailoutbox == []
    complete = page.get_by_role("button", name="Käsittele: poista kaikista rekistereistä")
    expect(complete).to_be_disabled()
    page.locator("input[name=method][value=strong_eid]").check()
    page.locator("[name=how]").fill("Suomi.fi-tunnistus puhelun aikana")
    page.get_by_role("button", name="Kirjaa henkilöllisyyden tarkistus").click()
    expect(page.locator("[data-identity]")).to_contain_text("Vahva sähköinen tunnistautuminen")
    complete.click()
    expect(page.locator("[data-status]")).to_have_text("Käsitelty")

    subject_request = DataSubjectRequest.objects.get()
    assert subject_request.channel == "phone"
    assert subject_request.recorded_by == officer
    assert not Contact.objects.filter(email="maija@example.fi").exists()
