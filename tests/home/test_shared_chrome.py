"""A page that cannot be cached whole still shares its chrome (head links, header,
footer) and its published content with other visitors, and never anything stale,
drafted or personal."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from home.models import StandardPage

from ..html import soup_of

pytestmark = pytest.mark.usefixtures("page_cache_on")


def queries_for(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return response, len(queries)


def test_an_uncached_page_renders_its_chrome_and_content_once_for_everyone(client, notice):
    # A query string keeps the whole page out of the page cache.
    first, cold = queries_for(client, "/tietosuojaseloste/?utm_source=uutiskirje")
    second, warm = queries_for(Client(), "/tietosuojaseloste/?utm_source=somepalvelu")
    assert "X-Page-Cache" not in second
    # The same page for both, but for the language links, which keep each one's query.
    assert second.content.replace(b"somepalvelu", b"uutiskirje") == first.content
    assert b'href="/sv/dataskyddsbeskrivning/?utm_source=somepalvelu"' in second.content
    assert warm < cold
    # Left: the visitor's locale and the route from the home page to the notice.
    assert warm <= 3


def test_a_query_count_bound_holds_for_an_uncached_home_page(
    client, notice, django_assert_max_num_queries
):
    client.get("/?sivu=1")
    with django_assert_max_num_queries(2):
        assert client.get("/?sivu=2").status_code == 200


def test_changed_settings_reach_the_shared_chrome_at_once(client, organisation):
    client.get("/?a=1")
    organisation.site_name = "Miksei (uusi nimi)"
    organisation.save()
    soup = soup_of(client.get("/?a=2"))
    assert soup.title.get_text().endswith("| Miksei (uusi nimi)")
    assert soup.select_one("header .site-name").get_text() == "Miksei (uusi nimi)"


def test_a_published_menu_page_reaches_the_shared_header_at_once(client, demo_site, notice):
    client.get("/?a=1")
    page = StandardPage(title="Uutiset", slug="uutiset", show_in_menus=True)
    demo_site.root_page.add_child(instance=page)
    page.save_revision().publish()
    menu = soup_of(client.get("/?a=2")).select_one("header nav").get_text(" ")
    assert "Uutiset" in menu


def test_each_language_and_page_has_its_own_chrome(client, notice):
    finnish = soup_of(client.get("/tietosuojaseloste/?a=1"))
    swedish = soup_of(client.get("/sv/dataskyddsbeskrivning/?a=1"))
    home = soup_of(client.get("/?a=1"))
    current = {
        soup.select_one('nav.language-switcher a[aria-current="true"]')["hreflang"]
        for soup in (finnish, swedish)
    }
    assert current == {"fi", "sv"}
    # Each keeps the visitor's query string.
    assert finnish.select_one("nav.language-switcher a[hreflang=sv]")["href"] == (
        "/sv/dataskyddsbeskrivning/?a=1"
    )
    assert home.select_one("nav.language-switcher a[hreflang=sv]")["href"] == "/sv/?a=1"


def test_an_unpublished_translation_is_no_longer_redirected_to(client, notice):
    assert client.get("/sv/tietosuojaseloste/?a=1")["Location"] == (
        "/sv/dataskyddsbeskrivning/?a=1"
    )
    notice.get_translation(Locale.objects.get(language_code="sv")).unpublish()
    response = client.get("/sv/tietosuojaseloste/?a=2")
    assert response.status_code == 200
    assert soup_of(response).select_one(".content-language-note") is not None


@pytest.fixture
def page_with_draft(demo_site):
    page = StandardPage(
        title="Palvelut",
        slug="palvelut",
        body=[("paragraph", "<p>Julkaistu teksti.</p>")],
    )
    demo_site.root_page.add_child(instance=page)
    page.save_revision().publish()
    page.body = [("paragraph", "<p>Luonnos, ei vielä julkaistu.</p>")]
    page.save_revision()
    return page


def test_a_preview_neither_reads_nor_fills_the_shared_content(client, page_with_draft):
    # The published text is now shared, for the host a preview request is made for.
    client.get("/palvelut/?a=1", HTTP_HOST="localhost")
    draft = page_with_draft.get_latest_revision_as_object()
    preview = draft.make_preview_request().render().content.decode()
    assert "Luonnos, ei vielä julkaistu." in preview
    assert "Julkaistu teksti." not in preview
    live = client.get("/palvelut/?a=2", HTTP_HOST="localhost").content.decode()
    assert "Julkaistu teksti." in live
    assert "Luonnos" not in live


def test_publishing_the_draft_shows_it_at_once(client, page_with_draft):
    client.get("/palvelut/?a=1")
    page_with_draft.get_latest_revision().publish()
    assert "Luonnos, ei vielä julkaistu." in client.get("/palvelut/?a=2").content.decode()


def test_a_form_page_shares_its_chrome_but_not_its_csrf_token(demo_site):
    def token(client):
        response = client.get("/ota-yhteytta/")
        assert response.status_code == 200
        return soup_of(response).select_one("input[name=csrfmiddlewaretoken]")["value"]

    first, second = Client(), Client()
    assert token(first) != token(second)
    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value


def test_a_signed_in_editor_gets_the_same_shared_chrome_and_nothing_of_theirs_is_shared(
    client, notice
):
    editor = get_user_model().objects.create_superuser("toimittaja", password="x")
    editor_client = Client()
    editor_client.force_login(editor)
    assert b"wagtail-userbar" in editor_client.get("/tietosuojaseloste/").content
    anonymous = client.get("/tietosuojaseloste/?a=1").content
    assert b"wagtail-userbar" not in anonymous
    assert b"toimittaja" not in anonymous
