"""The accessibility statement the Act on the Provision of Digital Services requires."""

import datetime
import re

import pytest
from bs4 import BeautifulSoup

from home.accessibility import AccessibilityStatementPage, ConformanceStatus


def text_of(response):
    text = " ".join(BeautifulSoup(response.content, "html.parser").get_text(" ").split())
    return re.sub(r"\s+([,.:;)])", r"\1", text)


@pytest.fixture
def statement(demo_site):
    return AccessibilityStatementPage.objects.live().get(locale__language_code="fi")


def test_the_statement_has_the_model_statements_parts(client, statement):
    response = client.get(statement.url)
    assert response.status_code == 200
    text = text_of(response)
    soup = BeautifulSoup(response.content, "html.parser")
    headings = [h.get_text() for h in soup.select("main h2")]
    assert headings == [
        "Digipalvelun saavutettavuuden tila",
        "Sisällöt, jotka eivät ole saavutettavia",
        "Miten saavutettavuus on arvioitu",
        "Palaute",
        "Valvontaviranomainen",
    ]
    assert "Verkkosivusto täyttää WCAG 2.1 -tason AA saavutettavuusvaatimukset osittain." in text
    # Each non-conformity with its criteria, reason and workaround.
    non_conformities = soup.select("dl.non-conformity")
    assert len(non_conformities) == 1
    assert "1.4.5 Kuvat teksteinä" in non_conformities[0].get_text()
    assert "Ei kuulu lainsäädännön piiriin" in non_conformities[0].get_text()
    assert "Arvioitu viimeksi 2.12.2026: organisaation oma arvio." in text
    assert soup.select_one(f'a[href="mailto:{statement.feedback_email}"]')
    assert "Liikenne- ja viestintävirasto Traficom, saavutettavuusvalvonta" in text
    assert soup.select_one('a[href="https://www.saavutettavuusvaatimukset.fi"]')
    assert soup.select_one('a[href="mailto:saavutettavuus@traficom.fi"]')
    assert "Tämä seloste on laadittu 2.12.2026." in text


def test_the_statement_describes_the_site_as_it_is(client, statement):
    """What the site has and how it is checked; nothing about content it does not have."""
    for url in (statement.url, "/sv/tillganglighetsutlatande/", "/en/accessibility-statement/"):
        text = text_of(client.get(url)).lower()
        for absent in ("video", "pdf", "office"):
            assert absent not in text, (url, absent)
        for present in ("axe-core", "nu html", "3:1", "375"):
            assert present in text, (url, present)


def test_the_statement_in_swedish_and_english(client, statement):
    sv = text_of(client.get("/sv/tillganglighetsutlatande/"))
    assert "Webbplatsen uppfyller delvis tillgänglighetskraven i WCAG 2.1 nivå AA." in sv
    assert "Beskrivningar och logotyper som företagen själva lagt till" in sv
    en = text_of(client.get("/en/accessibility-statement/"))
    assert "The website partially conforms to WCAG 2.1 level AA." in en
    assert "Descriptions and logos the companies add themselves" in en
    assert "Enforcement procedure" in en


def test_a_fully_conforming_site_lists_no_non_conformities(client, statement):
    statement.conformance_status = ConformanceStatus.FULLY
    statement.non_conformities = []
    statement.updated_on = datetime.date(2027, 1, 15)
    statement.save_revision().publish()
    text = text_of(client.get(statement.url))
    assert "Verkkosivusto täyttää WCAG 2.1 -tason AA saavutettavuusvaatimukset." in text
    assert "Sisällöt, jotka eivät ole saavutettavia" not in text
    assert "Selostetta on päivitetty viimeksi 15.1.2027." in text


@pytest.mark.parametrize(
    ("url", "link_text", "href"),
    [
        ("/", "Saavutettavuusseloste", "/saavutettavuusseloste/"),
        ("/tietosuojaseloste/", "Saavutettavuusseloste", "/saavutettavuusseloste/"),
        ("/sv/", "Tillgänglighetsutlåtande", "/sv/tillganglighetsutlatande/"),
        ("/sv/dataskyddsbeskrivning/", "Tillgänglighetsutlåtande", "/sv/tillganglighetsutlatande/"),
        ("/en/", "Accessibility statement", "/en/accessibility-statement/"),
        ("/en/privacy-notice/", "Accessibility statement", "/en/accessibility-statement/"),
        ("/en/ei-ole/", "Accessibility statement", "/en/accessibility-statement/"),
    ],
)
def test_every_page_links_to_the_statement_from_the_footer(client, statement, url, link_text, href):
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    link = soup.select_one(f'footer nav a[href="{href}"]')
    assert link is not None and link.get_text() == link_text


def test_the_statement_is_linked_from_the_organisation_settings(organisation, statement):
    assert organisation.accessibility_statement.specific == statement


def test_editors_can_open_and_translate_the_statement_in_the_admin(client, statement, admin_user):
    from django.urls import reverse

    client.force_login(admin_user)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[statement.pk]))
    assert edit.status_code == 200
    assert "Valvontaviranomainen" in edit.content.decode()  # the enforcement panel
    # simple_translation's "Translate" action is there for editors.
    translate = client.get(
        reverse("simple_translation:submit_page_translation", args=[statement.pk])
    )
    assert translate.status_code == 200
