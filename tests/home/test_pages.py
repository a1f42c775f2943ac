from bs4 import BeautifulSoup

from home.models import StandardPage


def test_home_page_shows_the_controller_and_links_to_the_notice(client, notice):
    response = client.get("/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")

    assert soup.html["lang"] == "fi"
    # The header carries the short site name; the footer names the controller in full.
    assert soup.select_one("header .site-name").get_text(strip=True) == "Miksei"
    address = soup.select_one("footer address").get_text()
    assert "Mikkelin kehitysyritys Miksei Oy" in address
    assert "Maaherrankatu 9-11" in address
    assert soup.select_one(f'footer a[href="{notice.url}"]')
    # The home page's own body links to the notice too.
    assert soup.select_one(f'main a[href="{notice.url}"]')


def test_every_page_has_a_skip_link_to_main_content(client, notice):
    for url in ("/", notice.url):
        soup = BeautifulSoup(client.get(url).content, "html.parser")
        skip = soup.select_one("a.skip-link")
        assert skip["href"] == "#main"
        assert soup.select_one("main#main")
        assert soup.select_one('nav[aria-label] a[aria-current="page"]')


def test_a_standard_page_carries_the_same_header_and_footer(client, demo_site, notice):
    home = demo_site.root_page
    page = StandardPage(
        title="Palvelut",
        slug="palvelut",
        introduction="Neuvontaa yrityksille.",
        body=[("paragraph", "<p>Yritysneuvonta on maksutonta.</p>")],
    )
    home.add_child(instance=page)
    page.save_revision().publish()

    soup = BeautifulSoup(client.get("/palvelut/").content, "html.parser")
    assert soup.h1.get_text() == "Palvelut"
    assert "Yritysneuvonta on maksutonta." in soup.main.get_text()
    assert soup.select_one(f'footer a[href="{notice.url}"]')


def test_unknown_pages_get_the_sites_own_404(client, demo_site):
    response = client.get("/ei-ole/")
    assert response.status_code == 404
    assert b"Mikkelin kehitysyritys Miksei Oy" in response.content


def test_home_page_issues_a_bounded_number_of_queries(
    client, notice, django_assert_max_num_queries
):
    client.get("/")
    # Measured 19 with the page cache off: the site, routing and chrome (8), then per
    # front-page block its chosen pages and their versions in the visitor's language
    # (one query each, see home.blocks.in_visitors_language), and the newest companies.
    with django_assert_max_num_queries(19):
        assert client.get("/").status_code == 200
