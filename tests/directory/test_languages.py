"""Listing texts in the visitor's language, each field falling back to Finnish alone."""

import pytest

from directory import services
from directory.models import Listing, Service

from ..html import soup_of

pytestmark = pytest.mark.usefixtures("demo_site")


def test_a_company_page_shows_the_visitors_language_and_marks_only_finnish_fallbacks(client):
    soup = soup_of(client.get("/sv/foretagsregister/saimaan-puutyo-oy/"))
    lead = soup.select_one("article.company p.lead")
    assert lead.get_text() == "Måttbeställda möbler, trappor och fönster av inhemskt trä."
    assert not lead.has_attr("lang")
    assert [li.get_text() for li in soup.select(".company-services li")] == [
        "Snickeriarbeten",
        "Renovering",
    ]

    # No Swedish description: the Finnish one, and only it, is marked as Finnish.
    soup = soup_of(client.get("/sv/foretagsregister/savon-siivouspalvelu/"))
    lead = soup.select_one("article.company p.lead")
    assert lead["lang"] == "fi"
    assert lead.get_text() == "Toimisto- ja kotisiivous, muuttosiivous ja ikkunanpesu."
    assert soup.html["lang"] == "sv"
    assert [element.name for element in soup.select('main [lang="fi"]')] == ["p"]
    assert soup.select_one("article.company h2").get_text() == "Tjänster"


def test_a_service_without_a_translation_falls_back_on_its_own(client):
    Service.objects.filter(name="Remontointi").update(name_en="")
    soup = soup_of(client.get("/en/company-directory/saimaan-puutyo-oy/"))
    services_ = {li.get_text(): li.get("lang") for li in soup.select(".company-services li")}
    assert services_ == {"Joinery": None, "Remontointi": "fi"}


def test_search_results_and_facets_speak_the_visitors_language(client):
    soup = soup_of(client.get("/en/company-directory/?q=Saimaan"))
    result = soup.select_one(".directory-result")
    assert "Made-to-measure furniture" in result.get_text()
    assert "Joinery" in result.get_text()
    facets = [a.get_text() for a in soup.select(".directory-facets a")]
    assert "Joinery" in facets and "Puusepäntyöt" not in facets


def test_phone_numbers_are_shown_nationally_and_dialled_in_e164(client):
    soup = soup_of(client.get("/yrityshakemisto/saimaan-puutyo-oy/"))
    phone = soup.select_one('.company-contact a[href^="tel:"]')
    assert phone.get_text() == "040 1234501"
    assert phone["href"] == "tel:+358401234501"
    soup = soup_of(client.get("/en/company-directory/"))
    link = soup.select_one('.directory-result a[href^="tel:"]')
    assert link["href"].startswith("tel:+3584") and link.get_text().startswith("040 ")


def test_an_owners_translation_waits_for_approval_like_any_text(client, approval):
    approval(True)
    listing = Listing.objects.get(slug="savon-siivouspalvelu")
    text = {**services.text_values(listing), "description_en": "Office and home cleaning."}
    assert (
        services.apply_owner_changes(listing, text, services.visibility_values(listing))
        == "pending"
    )
    listing.refresh_from_db()
    assert listing.description_en == ""
    assert listing.pending_changes == {"description_en": "Office and home cleaning."}
    soup = soup_of(client.get("/en/company-directory/savon-siivouspalvelu/"))
    assert soup.select_one("article.company p.lead")["lang"] == "fi"
