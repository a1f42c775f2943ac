"""Every security header, on a public page and on the admin login."""

import pytest

PUBLIC_AND_ADMIN = ["/", "/admin/login/"]


def csp_directives(response):
    """The policy as {directive: "sources"}; django-csp writes directives in any order."""
    parts = (part.strip() for part in response["Content-Security-Policy"].split(";"))
    return dict((part.split(" ", 1) + [""])[:2] for part in parts if part)


@pytest.fixture
def production_headers(settings):
    """What production.py adds on top of base (HSTS needs HTTPS to be sent)."""
    settings.SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True


@pytest.mark.parametrize("path", PUBLIC_AND_ADMIN)
def test_each_security_header_is_sent(client, demo_site, production_headers, path):
    response = client.get(path, secure=True)
    assert response.status_code == 200

    csp = response["Content-Security-Policy"]
    directives = csp_directives(response)
    assert directives["default-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["base-uri"] == "'self'"
    assert directives["form-action"] == "'self'"
    assert "unsafe-eval" not in csp
    assert response["Strict-Transport-Security"] == ("max-age=31536000; includeSubDomains; preload")
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_the_public_site_allows_no_inline_script_or_style_and_no_framing(client, demo_site):
    response = client.get("/")
    directives = csp_directives(response)
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in response["Content-Security-Policy"]


def test_the_admin_policy_adds_only_what_wagtails_admin_needs(client, demo_site):
    directives = csp_directives(client.get("/admin/login/"))
    assert directives["script-src"] == "'self' 'unsafe-inline'"
    assert directives["style-src"] == "'self' 'unsafe-inline'"
    assert directives["img-src"] == "'self' data: blob:"
    assert directives["frame-ancestors"] == "'self'"  # the live preview frames the admin
    assert directives["object-src"] == "'none'"


def test_public_pages_carry_no_inline_script_or_style(client, notice):
    """The strict policy holds only if templates keep to it (JSON-LD is data, not script)."""
    from bs4 import BeautifulSoup

    for url in ("/", notice.url, "/ei-ole/"):
        soup = BeautifulSoup(client.get(url).content, "html.parser")
        for script in soup.find_all("script"):
            assert script.get("src") or script.get("type") == "application/ld+json", url
        assert not soup.select("[style]"), url
        assert not soup.find_all("style"), url


def test_static_files_are_served_by_whitenoise(client):
    response = client.get("/static/css/site.css")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")
    assert "max-age=" in response["Cache-Control"]


def test_production_serves_hashed_compressed_static_files():
    """Hashed names get WhiteNoise's decade-long immutable caching (bench/load.py shows it)."""
    from tests.test_project import GOOD_KEY, run_manage

    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.STORAGES['staticfiles']['BACKEND'])",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="miksei.fi",
    )
    assert result.stdout.splitlines()[-1] == (
        "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )
