"""Hostile input on every public page, query parameter and form: no 500, no reflected markup.

Each app adds its public endpoints to PUBLIC_ENDPOINTS, one line each, e.g.
    Endpoint("/yritykset/", fields=("q", "toimiala", "sivu")),
    Endpoint("/lomakkeet/yhteydenotto/", method="POST", fields=("name", "email", "message")),
Every endpoint then gets arbitrary Unicode, control characters, very long values,
wrong types and repeated parameters in the fields it names, plus a markup probe
that must never come back unescaped.
"""

from dataclasses import dataclass
from urllib.parse import quote, urlencode

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st


@dataclass(frozen=True)
class Endpoint:
    path: str
    method: str = "GET"
    fields: tuple[str, ...] = ()

    def __str__(self):
        return f"{self.method} {self.path}"


PUBLIC_ENDPOINTS = [
    Endpoint("/", fields=("q", "query", "page", "p", "utm_source")),
    Endpoint("/tietosuojaseloste/", fields=("q", "page", "print")),
    Endpoint("/ei-ole/", fields=("q",)),  # the 404 page
    Endpoint("/health/", fields=("verbose",)),
    Endpoint("/admin/login/", fields=("next",)),
    Endpoint("/admin/login/", method="POST", fields=("username", "password", "next")),
    # intake: the demo contact form
    Endpoint("/ota-yhteytta/", fields=("q",)),
    Endpoint(
        "/ota-yhteytta/",
        method="POST",
        fields=(
            "nimi",
            "sahkoposti",
            "puhelin",
            "yritys_tai_organisaatio",
            "viesti",
            "intake_consent",
            "intake_website",
            "intake_submission_key",
        ),
    ),
    # directory: search, filters, sorting, paging, suggestions and the link request
    Endpoint(
        "/yrityshakemisto/",
        fields=("q", "municipality", "industry", "service", "sort", "page", "partial"),
    ),
    Endpoint("/yrityshakemisto/suggest/", fields=("q",)),
    # privacy: the data-subject request form
    Endpoint("/tietosuoja/pyynto/", fields=("kind",)),
    Endpoint(
        "/tietosuoja/pyynto/",
        method="POST",
        fields=("kind", "name", "email", "phone", "details"),
    ),
]

PROBE = '<hostile-probe x="1">'
MARKUP = st.sampled_from(
    [
        PROBE,
        f"\"'>{PROBE}",
        f"</title>{PROBE}",
        f"javascript:{PROBE}",
        f"{{{{ {PROBE} }}}}",
        f"{{% {PROBE} %}}",
    ]
)
CONTROL = st.text(st.characters(codec=None, categories=["Cc"]), min_size=1, max_size=20)
ANY_TEXT = st.text(st.characters(codec="utf-8"), max_size=200)
# Long values built by repetition: as hostile, far cheaper to generate than random ones.
LONG = st.text(st.characters(codec="utf-8"), min_size=1, max_size=20).map(
    lambda chunk: (chunk * 10_000)[:10_000]
)
WRONG_TYPES = st.one_of(
    st.integers().map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["[]", "{}", "null", "true", "-1", "0x10", "1e309", "../../etc/passwd"]),
)
VALUES = st.one_of(
    ANY_TEXT,
    CONTROL,
    LONG,
    WRONG_TYPES,
    st.tuples(ANY_TEXT, MARKUP, ANY_TEXT).map("".join),
)


def pairs_for(endpoint):
    """Repeated and unknown parameters as well as the ones the view reads."""
    names = st.sampled_from(endpoint.fields) if endpoint.fields else st.nothing()
    return st.lists(st.tuples(st.one_of(names, ANY_TEXT), VALUES), max_size=6)


def assert_safe(response, where):
    assert response.status_code < 500, where
    body = response.content.decode("utf-8", errors="replace")
    assert "<hostile-probe" not in body, where


@pytest.fixture
def visitor(demo_site):
    return Client(raise_request_exception=True)


@pytest.mark.parametrize("endpoint", PUBLIC_ENDPOINTS, ids=str)
@given(data=st.data())
def test_hostile_parameters_get_no_500_and_no_reflected_markup(visitor, endpoint, data):
    pairs = data.draw(pairs_for(endpoint))
    if endpoint.method == "GET":
        query = urlencode(pairs)
        response = visitor.get(f"{endpoint.path}?{query}" if query else endpoint.path)
    else:
        body = urlencode(pairs)
        response = visitor.generic(
            "POST", endpoint.path, body, content_type="application/x-www-form-urlencoded"
        )
    assert_safe(response, f"{endpoint} {pairs!r}")


@given(segment=st.one_of(ANY_TEXT, CONTROL, LONG, st.tuples(ANY_TEXT, MARKUP).map("".join)))
def test_hostile_paths_get_no_500_and_no_reflected_markup(visitor, segment):
    for path in (f"/{quote(segment, safe='')}/", f"/tietosuojaseloste/{quote(segment)}"):
        assert_safe(visitor.get(path), path)


@given(raw=st.binary(min_size=1, max_size=200))
def test_undecodable_bytes_in_paths_and_query_strings_get_no_500(visitor, raw):
    encoded = "".join(f"%{byte:02X}" for byte in raw)
    assert_safe(visitor.get(f"/{encoded}/"), raw)
    assert_safe(visitor.get(f"/?q={encoded}"), raw)


def test_the_probe_is_escaped_where_a_page_does_reflect_input(visitor):
    """Control: the admin login puts ``next`` into the form, escaped."""
    response = visitor.get("/admin/login/", {"next": f"/admin/{PROBE}"})
    assert response.status_code == 200
    assert "&lt;hostile-probe" in response.content.decode()
    assert_safe(response, "next")
