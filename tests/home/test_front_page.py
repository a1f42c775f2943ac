"""The front page: what the company offers, the directory search, the forms, the
newest companies and contact details, from editable blocks in three languages."""

import pytest

from directory.models import Listing
from home.models import HomePage, OrganisationSettings

from ..html import soup_of


@pytest.mark.parametrize(
    ("path", "directory", "forms", "headings"),
    [
        (
            "/",
            "/yrityshakemisto/",
            ["/ota-yhteytta/", "/ilmoittautuminen/", "/yrityshakemistoon/"],
            ["Mitä teemme", "Etsi yritys", "Lomakkeet", "Uusimmat yritykset", "Yhteystiedot"],
        ),
        (
            "/sv/",
            "/sv/foretagsregister/",
            ["/sv/kontakta-oss/", "/sv/anmalan/", "/sv/till-foretagsregistret/"],
            ["Vad vi gör", "Hitta ett företag", "Formulär", "Nyaste företagen", "Kontaktuppgifter"],
        ),
        (
            "/en/",
            "/en/company-directory/",
            ["/en/contact-us/", "/en/registration/", "/en/add-your-company/"],
            ["What we do", "Find a company", "Forms", "Newest companies", "Contact details"],
        ),
    ],
)
def test_the_front_page_leads_to_the_directory_the_forms_and_the_company(
    client, demo_site, path, directory, forms, headings
):
    soup = soup_of(client.get(path))
    assert [h2.get_text() for h2 in soup.select("main section > h2")] == headings
    assert len(soup.select(".front-offers li")) == 4
    search = soup.select_one('.front-search form[role="search"]')
    assert search["action"] == directory and search.select_one('input[name="q"]')
    assert [a["href"] for a in soup.select(".front-pages h3 a")] == forms
    newest = Listing.objects.public().order_by("-published_at", "-pk")[:4]
    assert [a.get_text() for a in soup.select(".front-companies li a")] == [
        item.name for item in newest
    ]
    assert all(a["href"].startswith(directory) for a in soup.select(".front-companies li a"))
    contact = soup.select_one(".front-contact")
    assert "Maaherrankatu 9-11" in contact.get_text()
    assert contact.select_one('a[href="tel:+358440361615"]').get_text() == "044 0361615"


def test_a_hidden_company_leaves_the_front_page(client, demo_site):
    newest = Listing.objects.public().order_by("-published_at", "-pk").first()
    Listing.objects.filter(pk=newest.pk).update(status=Listing.Status.HIDDEN)
    assert newest.name not in client.get("/").content.decode()


def test_the_front_page_takes_a_bounded_number_of_queries(
    client, demo_site, django_assert_max_num_queries
):
    client.get("/")
    # Measured 20 with the page cache off (one more than in Finnish: the English home
    # page's translation); see tests/home/test_pages.py for what they are.
    with django_assert_max_num_queries(20):
        assert client.get("/en/").status_code == 200


def test_the_logo_and_site_name_come_from_the_organisation_settings(client, demo_site):
    organisation = OrganisationSettings.for_site(demo_site)
    soup = soup_of(client.get("/sv/"))
    site_name = soup.select_one("header a.site-name")
    assert site_name.get_text(strip=True) == "Miksei"
    assert site_name.select_one("img.site-logo")["src"] == organisation.logo.file.url
    assert soup.title.get_text().endswith("| Miksei")
    assert soup.select_one('link[rel="icon"][type="image/svg+xml"]')

    organisation.site_name = ""
    organisation.logo = None
    organisation.save()
    soup = soup_of(client.get("/sv/"))
    assert (
        soup.select_one("header a.site-name").get_text(strip=True) == organisation.controller_name
    )
    assert not soup.select("img.site-logo")


def test_the_front_page_blocks_are_offered_to_editors(db):
    blocks = HomePage._meta.get_field("body").stream_block.child_blocks
    assert {"offers", "directory_search", "featured_pages", "newest_companies", "contact"} <= set(
        blocks
    )
