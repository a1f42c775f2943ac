"""The public site as a visitor or a crawler meets it in Finnish, Swedish and English."""

from collections import deque
from io import StringIO
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
from django.core import mail
from django.core.management import call_command
from wagtail.models import Locale, Site

from directory.models import DirectoryIndexPage, Listing
from intake.models import FormPage

from ..html import hreflang_links, in_each_language, soup_of

FALLBACK_NOTE = {"sv": "finns ännu inte på svenska", "en": "not available in English yet"}
DIRECTORY = {
    "fi": "/yrityshakemisto/",
    "sv": "/sv/foretagsregister/",
    "en": "/en/company-directory/",
}
REQUEST_FORM = {
    "fi": "/tietosuoja/pyynto/",
    "sv": "/sv/tietosuoja/pyynto/",
    "en": "/en/tietosuoja/pyynto/",
}


NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


def crawl(client, start):
    """{path: soup} of every page reached by following links under `start`'s prefix."""
    prefix = start
    seen, queue, pages = {start}, deque([start]), {}
    while queue:
        path = queue.popleft()
        response = client.get(path)
        assert response.status_code == 200, path
        soup = soup_of(response)
        pages[path] = soup
        for link in soup.select("a[href]"):
            parts = urlsplit(link["href"])
            if parts.netloc or not parts.path.startswith(prefix) or parts.query:
                continue
            if parts.path.endswith(("/feed/", "/edit-link/")) or parts.path in seen:
                continue
            seen.add(parts.path)
            queue.append(parts.path)
    return pages


@pytest.mark.parametrize("language", ["sv", "en"])
def test_a_crawler_from_the_language_home_reaches_everything_in_that_language(
    client, demo_site, language
):
    pages = crawl(client, f"/{language}/")

    assert DIRECTORY[language] in pages
    companies = [
        path
        for path in pages
        if path.startswith(DIRECTORY[language])
        and path not in (DIRECTORY[language], DIRECTORY[language] + "add/")
    ]
    assert len(companies) == Listing.objects.public().count()
    assert DIRECTORY[language] + "add/" in pages  # "Add your company" in every language
    forms = FormPage.objects.live().filter(locale__language_code=language)
    assert forms.count() == 3
    for form in forms:
        assert form.url in pages, form.title
    assert REQUEST_FORM[language] in pages
    for path, soup in pages.items():
        assert soup.html["lang"] == language, path
        assert not soup.select(".content-language-note"), path
        assert FALLBACK_NOTE[language] not in soup.get_text(), path


def test_every_form_and_the_directory_have_a_swedish_and_an_english_version(demo_site):
    for page in [
        *FormPage.objects.live().filter(locale__language_code="fi"),
        DirectoryIndexPage.objects.get(locale__language_code="fi"),
    ]:
        codes = {
            version.locale.language_code for version in page.get_translations(inclusive=True).live()
        }
        assert codes == {"fi", "sv", "en"}, page.title


@pytest.mark.parametrize(
    ("path", "menu"),
    [
        (
            "/sv/",
            [
                "Startsida",
                "Register- och dataskyddsbeskrivning",
                "Kontakta oss",
                "Företagsregister",
            ],
        ),
        ("/en/", ["Home", "Register and privacy notice", "Contact us", "Company directory"]),
    ],
)
def test_each_language_has_its_own_menu(client, demo_site, path, menu):
    soup = soup_of(client.get(path))
    nav = soup.select_one("nav[aria-label] ul.nav")
    assert [a.get_text(strip=True) for a in nav.select("a")] == menu


def test_the_switcher_keeps_the_company_page_and_the_query_string(client, demo_site):
    soup = soup_of(client.get("/yrityshakemisto/saimaan-puutyo-oy/"))
    links = {a["hreflang"]: a["href"] for a in soup.select("nav.language-switcher a")}
    assert links == {
        "fi": "/yrityshakemisto/saimaan-puutyo-oy/",
        "sv": "/sv/foretagsregister/saimaan-puutyo-oy/",
        "en": "/en/company-directory/saimaan-puutyo-oy/",
    }

    soup = soup_of(client.get("/sv/foretagsregister/?q=bokf%C3%B6ring&sort=name"))
    links = {a["hreflang"]: a["href"] for a in soup.select("nav.language-switcher a")}
    assert links["fi"] == "/yrityshakemisto/?q=bokf%C3%B6ring&sort=name"
    assert links["en"] == "/en/company-directory/?q=bokf%C3%B6ring&sort=name"


def test_a_finnish_address_under_a_language_prefix_leads_to_the_same_company_page(
    client, demo_site
):
    response = client.get("/en/yrityshakemisto/saimaan-puutyo-oy/?from=mail")
    assert response.status_code == 302
    assert response["Location"] == "/en/company-directory/saimaan-puutyo-oy/?from=mail"


def test_forms_link_the_notice_in_the_visitors_language(client, demo_site):
    for path, notice in [
        ("/sv/kontakta-oss/", "/sv/dataskyddsbeskrivning/"),
        ("/en/contact-us/", "/en/privacy-notice/"),
    ]:
        soup = soup_of(client.get(path))
        assert soup.select_one(".form-processing a")["href"] == notice


# -- absolute addresses -----------------------------------------------------------


@pytest.fixture
def site_at_port_8200(demo_site):
    call_command("set_site_url", "http://127.0.0.1:8200", stdout=StringIO())
    return Site.objects.get(is_default_site=True)


def test_hreflang_links_come_from_the_configured_root_url(client, site_at_port_8200):
    soup = soup_of(client.get("/sv/foretagsregister/"))
    assert hreflang_links(soup) == in_each_language(
        "http://127.0.0.1:8200",
        "/yrityshakemisto/",
        "/sv/foretagsregister/",
        "/en/company-directory/",
    )


def test_the_sitemap_lists_every_language_with_alternates(client, site_at_port_8200):
    root = ElementTree.fromstring(client.get("/sitemap.xml").content)
    entries = {url.findtext("sm:loc", namespaces=NS): url for url in root.findall("sm:url", NS)}
    listings = Listing.objects.public().count()
    # Home, notice, statement, three forms, the directory and its companies, per language.
    assert len(entries) == 3 * (7 + listings)
    assert all(loc.startswith("http://127.0.0.1:8200/") for loc in entries)
    company = entries["http://127.0.0.1:8200/sv/foretagsregister/saimaan-puutyo-oy/"]
    alternates = {
        link.get("hreflang"): link.get("href") for link in company.findall("xhtml:link", NS)
    }
    assert alternates == in_each_language(
        "http://127.0.0.1:8200",
        "/yrityshakemisto/saimaan-puutyo-oy/",
        "/sv/foretagsregister/saimaan-puutyo-oy/",
        "/en/company-directory/saimaan-puutyo-oy/",
    )


def test_the_sitemap_leaves_out_a_hidden_company(client, site_at_port_8200):
    Listing.objects.filter(slug="saimaan-puutyo-oy").update(status=Listing.Status.HIDDEN)
    text = client.get("/sitemap.xml").content.decode()
    assert "saimaan-puutyo-oy" not in text


def test_feeds_link_from_the_configured_root_url(client, site_at_port_8200):
    channel = ElementTree.fromstring(client.get("/en/company-directory/feed/").content)[0]
    assert channel.findtext("link") == "http://127.0.0.1:8200/en/company-directory/"
    items = channel.findall("item")
    links = [item.findtext("link") for item in items]
    assert links and all(
        link.startswith("http://127.0.0.1:8200/en/company-directory/") for link in links
    )
    # The English description where there is one.
    descriptions = {item.findtext("title"): item.findtext("description") for item in items}
    assert descriptions["Saimaan Puutyö Oy, Mikkeli"] == (
        "Made-to-measure furniture, stairs and windows of Finnish wood."
    )


def test_the_emailed_edit_link_comes_from_the_configured_root_url(client, site_at_port_8200):
    client.post(
        "/sv/foretagsregister/saimaan-puutyo-oy/edit-link/",
        {"email": "pekka.puustinen@saimaan-puutyo-oy.example"},
        HTTP_HOST="localhost",
    )
    assert len(mail.outbox) == 1
    assert (
        "http://127.0.0.1:8200/sv/foretagsregister/saimaan-puutyo-oy/edit/" in mail.outbox[0].body
    )


def test_set_site_url_refuses_what_is_no_site_address(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Not a site address"):
        call_command("set_site_url", "miksei.fi", stdout=StringIO())


def test_the_favicon_is_found_on_a_first_visit(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("favicon.ico")
    assert client.get(response["Location"]).status_code == 200


def test_locales_are_the_three_site_languages(db):
    assert set(Locale.objects.values_list("language_code", flat=True)) == {"fi", "sv", "en"}
