"""templates/includes/form_errors.html: the error summary other apps' forms include."""

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.urls("tests.form_errors_example")

URL = "/form-errors-example/"


def test_a_valid_or_fresh_form_has_no_summary(client, demo_site):
    soup = BeautifulSoup(client.get(URL).content, "html.parser")
    assert soup.select_one("[data-error-summary]") is None
    assert not soup.select('script[src$="form_errors.js"]')


def test_the_summary_links_each_error_to_its_field(client, demo_site):
    response = client.post(URL, {"name": "", "email": "not-an-address"})
    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")

    summary = soup.select_one("[data-error-summary]")
    assert summary["role"] == "alert"
    assert summary["tabindex"] == "-1"
    assert soup.select_one(f"#{summary['aria-labelledby']}").get_text() == "Lomakkeessa on virheitä"
    links = {a["href"]: a.get_text() for a in summary.select("a")}
    assert links == {
        "#id_name": "Name: Tämä kenttä on pakollinen.",
        "#id_email": "Email address: Syötä kelvollinen sähköpostiosoite.",
    }
    # The focus script is a static file: no inline code under the coming CSP.
    assert soup.select_one('script[src$="home/js/form_errors.js"]')
    assert not [s for s in soup.select("script") if s.string and s.string.strip()]

    # Each field names its own error (and help text) with aria-describedby.
    for field_id in ("id_name", "id_email"):
        field = soup.select_one(f"#{field_id}")
        assert field["aria-invalid"] == "true"
        described_by = field["aria-describedby"].split()
        assert f"{field_id}_error" in described_by
        for target in described_by:
            assert soup.select_one(f"#{target}"), f"{field_id} points at missing #{target}"
    assert "Tämä kenttä on pakollinen." in soup.select_one("#id_name_error").get_text()
    # What the user typed is kept.
    assert soup.select_one("#id_email")["value"] == "not-an-address"


def test_errors_of_the_whole_form_are_listed_without_a_link(client, demo_site):
    response = client.post(URL, {"name": "forbidden", "email": "a@example.fi"})
    summary = BeautifulSoup(response.content, "html.parser").select_one("[data-error-summary]")
    assert [li.get_text(strip=True) for li in summary.select("li")] == ["Not allowed."]


def test_the_summary_speaks_the_visitors_language(client, demo_site):
    response = client.post("/sv" + URL, {"name": "", "email": ""})
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("#error-summary-title").get_text() == "Det finns fel i formuläret"
