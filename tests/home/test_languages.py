"""The site in Finnish (unprefixed), Swedish (/sv/) and English (/en/)."""

import pytest
from django.urls import reverse
from wagtail.models import Locale

from home.accessibility import AccessibilityStatementPage
from home.models import HomePage, StandardPage
from privacy.models import PrivacyNoticePage

from ..html import hreflang_links, in_each_language, soup_of


def switcher_links(soup):
    nav = soup.select_one("nav.language-switcher")
    return {a["hreflang"]: a for a in nav.select("a")}


@pytest.mark.django_db
def test_migrations_create_the_three_locales():
    assert set(Locale.objects.values_list("language_code", flat=True)) == {"fi", "sv", "en"}
    assert Locale.get_default().language_code == "fi"


def test_the_home_page_exists_in_three_languages(client, demo_site):
    homes = HomePage.objects.live()
    assert {home.locale.language_code for home in homes} == {"fi", "sv", "en"}
    assert len({home.translation_key for home in homes}) == 1

    for url, language, title in [
        ("/", "fi", "Miksei – Mikkelin kehitysyritys"),
        ("/sv/", "sv", "Miksei – S:t Michels utvecklingsbolag"),
        ("/en/", "en", "Miksei – Mikkeli Development Company"),
    ]:
        soup = soup_of(client.get(url))
        assert soup.html["lang"] == language
        assert soup.h1.get_text() == title


def test_the_notice_exists_in_three_languages_as_one_page(client, notice):
    versions = {page.locale.language_code: page for page in notice.get_translations(inclusive=True)}
    assert set(versions) == {"fi", "sv", "en"}
    assert all(page.live for page in versions.values())
    assert all(isinstance(page.specific, PrivacyNoticePage) for page in versions.values())
    # Each version has its own drafting date; the Finnish one is the seed's.
    drafted = {code: page.specific.drafted_on for code, page in versions.items()}
    assert drafted["fi"].isoformat() == "2018-05-21"
    assert len(set(drafted.values())) == 3

    expected = {
        "fi": ("/tietosuojaseloste/", "Tiedot poistetaan 10 vuoden kuluttua", "Laadittu 21.5.2018"),
        "sv": (
            "/sv/dataskyddsbeskrivning/",
            "Uppgifterna raderas 10 år efter den senaste kundhändelsen.",
            "Utarbetad 23.11.2026",
        ),
        "en": (
            "/en/privacy-notice/",
            "The data are deleted 10 years after the last customer event.",
            "Drafted 24.11.2026",
        ),
    }
    for code, (url, retention, drafted_text) in expected.items():
        assert versions[code].url == url
        soup = soup_of(client.get(url))
        text = " ".join(soup.get_text(" ").split())
        assert soup.html["lang"] == code
        assert retention in text
        assert drafted_text in text
        assert len(soup.select("section.notice-section")) == 10
        # Controller and contact person still come from the organisation settings.
        assert "Maaherrankatu 9-11" in soup.select_one("section.notice-section address").text


def test_the_switcher_keeps_the_visitor_on_the_same_page(client, notice):
    soup = soup_of(client.get("/sv/dataskyddsbeskrivning/"))
    links = switcher_links(soup)
    assert links["fi"]["href"] == "/tietosuojaseloste/"
    assert links["sv"]["href"] == "/sv/dataskyddsbeskrivning/"
    assert links["en"]["href"] == "/en/privacy-notice/"
    assert links["sv"]["aria-current"] == "true"
    assert "aria-current" not in links["fi"].attrs
    assert links["fi"]["lang"] == "fi" and links["fi"].get_text() == "Suomi"

    # Following a link lands on the same page in the other language.
    response = client.get(links["en"]["href"])
    assert soup_of(response).h1.get_text() == "Register and privacy notice"


def test_hreflang_alternates_name_every_translation(client, notice):
    soup = soup_of(client.get("/en/privacy-notice/"))
    # Absolute URLs on the site's own host name (the demo site answers as localhost).
    assert hreflang_links(soup) == in_each_language(
        "http://localhost",
        "/tietosuojaseloste/",
        "/sv/dataskyddsbeskrivning/",
        "/en/privacy-notice/",
    )


def test_a_finnish_url_under_another_prefix_redirects_to_the_translation(client, notice):
    response = client.get("/sv/tietosuojaseloste/")
    assert response.status_code == 302
    assert response["Location"] == "/sv/dataskyddsbeskrivning/"


@pytest.fixture
def finnish_only_page(demo_site):
    page = StandardPage(
        title="Palvelut",
        slug="palvelut",
        introduction="Neuvontaa yrityksille.",
        show_in_menus=True,
    )
    demo_site.root_page.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.mark.parametrize(
    ("url", "language", "note"),
    [
        (
            "/sv/palvelut/",
            "sv",
            "Den här sidan finns ännu inte på svenska, så den visas på finska.",
        ),
        (
            "/en/palvelut/",
            "en",
            "This page is not available in English yet, so it is shown in Finnish.",
        ),
    ],
)
def test_an_untranslated_page_falls_back_to_finnish_with_a_note(
    client, finnish_only_page, url, language, note
):
    response = client.get(url)
    assert response.status_code == 200
    soup = soup_of(response)
    assert soup.html["lang"] == language
    assert soup.select_one(".content-language-note").get_text(strip=True) == note
    # The Finnish content is marked as Finnish for screen readers.
    finnish = soup.select_one('main article[lang="fi"]')
    assert finnish.h1.get_text() == "Palvelut"
    # ...and only the content: the note in the visitor's language is not inside it.
    assert [element.name for element in soup.select('[lang="fi"]') if element.name != "a"] == [
        "article"
    ]
    # The switcher still keeps the page: Finnish original, other languages' fallbacks.
    links = switcher_links(soup)
    assert links["fi"]["href"] == "/palvelut/"
    assert links["sv"]["href"] == "/sv/palvelut/"
    assert links["en"]["href"] == "/en/palvelut/"
    # The menu and footer stay in the visitor's language.
    footer = soup.select_one("footer nav").get_text(" ")
    assert ("Tillgänglighetsutlåtande" if language == "sv" else "Accessibility statement") in footer


def test_a_finnish_page_has_no_fallback_note(client, finnish_only_page):
    soup = soup_of(client.get("/palvelut/"))
    assert soup.select_one(".content-language-note") is None
    assert not soup.select('link[rel="alternate"]')


def test_unknown_pages_are_still_404_in_every_language(client, demo_site):
    for url in ("/ei-ole/", "/sv/ei-ole/", "/en/ei-ole/"):
        response = client.get(url)
        assert response.status_code == 404
    soup = soup_of(client.get("/sv/ei-ole/"))
    assert soup.html["lang"] == "sv"
    assert soup.h1.get_text() == "Sidan hittades inte"


def test_admin_and_documents_stay_unprefixed(client, db):
    assert reverse("wagtailadmin_home") == "/admin/"
    assert reverse("wagtaildocs_serve", args=[1, "x.pdf"]) == "/documents/1/x.pdf"
    assert client.get("/admin/login/").status_code == 200


def test_the_menu_links_to_pages_in_the_visitors_language(client, notice):
    soup = soup_of(client.get("/en/"))
    menu = {a.get_text(): a["href"] for a in soup.select('nav[aria-label="Main"] a')}
    assert menu["Home"] == "/en/"
    assert menu["Register and privacy notice"] == "/en/privacy-notice/"
    assert soup.select_one("header a.site-name")["href"] == "/en/"


def test_translated_pages_issue_a_bounded_number_of_queries(
    client, notice, django_assert_max_num_queries
):
    client.get("/sv/dataskyddsbeskrivning/")  # warm Wagtail's per-process caches
    with django_assert_max_num_queries(14):
        assert client.get("/sv/dataskyddsbeskrivning/").status_code == 200


def test_the_accessibility_statement_exists_in_three_languages(client, demo_site):
    statements = AccessibilityStatementPage.objects.live()
    assert {page.locale.language_code for page in statements} == {"fi", "sv", "en"}
    assert len({page.translation_key for page in statements}) == 1


# The paths "//[/" and "//muu.example/ei-ole/".
@pytest.mark.parametrize("path", ["/%2F[/", "/%2Fmuu.example/ei-ole/"])
def test_a_not_found_page_links_its_languages_on_this_site(client, demo_site, path):
    response = client.get(path)
    assert response.status_code == 404
    switcher = [a["href"] for a in soup_of(response).select("a[hreflang], a[lang]")]
    assert switcher
    assert all(href.startswith("/") and not href.startswith("//") for href in switcher)
