"""Reading the site's pages in tests."""

from bs4 import BeautifulSoup


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def hreflang_links(soup):
    """{language: address} of the page's alternate-language links."""
    return {
        link["hreflang"]: link["href"] for link in soup.select('link[rel="alternate"][hreflang]')
    }


def in_each_language(root, fi, sv, en):
    """The alternates a page in three languages should name: Finnish is also the default."""
    return {"fi": root + fi, "sv": root + sv, "en": root + en, "x-default": root + fi}
