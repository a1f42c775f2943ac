"""Every public page type, in Finnish, Swedish and English, through the W3C Nu HTML
checker (npm's vnu-jar on the machine's Java): no errors."""

import json
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest
from django.core.cache import cache

from home.models import StandardPage
from intake.models import FormPage

VNU = (
    Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
)

PAGES = {
    "fi": {
        "home": "/",
        "directory": "/yrityshakemisto/",
        "search": "/yrityshakemisto/?q=kirjanpito&municipality=Mikkeli&sort=name",
        "empty search": "/yrityshakemisto/?q=zzzz",
        "company": "/yrityshakemisto/saimaan-puutyo-oy/",
        "edit link request": "/yrityshakemisto/saimaan-puutyo-oy/edit-link/",
        "statement": "/saavutettavuusseloste/",
        "request form": "/tietosuoja/pyynto/",
        "not found": "/ei-ole/",
    },
    "sv": {
        "home": "/sv/",
        "directory": "/sv/foretagsregister/",
        "search": "/sv/foretagsregister/?q=bokf%C3%B6ring&industry=M&sort=newest",
        "empty search": "/sv/foretagsregister/?q=zzzz",
        "company": "/sv/foretagsregister/savon-siivouspalvelu/",
        "edit link request": "/sv/foretagsregister/saimaan-puutyo-oy/edit-link/",
        "statement": "/sv/tillganglighetsutlatande/",
        "request form": "/sv/tietosuoja/pyynto/",
        "not found": "/sv/finns-inte/",
    },
    "en": {
        "home": "/en/",
        "directory": "/en/company-directory/",
        "search": "/en/company-directory/?q=software&service=ohjelmistokehitys",
        "empty search": "/en/company-directory/?q=zzzz",
        "company": "/en/company-directory/saimaan-puutyo-oy/",
        "edit link request": "/en/company-directory/saimaan-puutyo-oy/edit-link/",
        "statement": "/en/accessibility-statement/",
        "request form": "/en/tietosuoja/pyynto/",
        "not found": "/en/no-such-page/",
    },
}


def checker():
    if shutil.which("java") is None:
        pytest.skip("Java not found: the Nu HTML checker needs it (apt-get install default-jre)")
    if not VNU.exists():
        pytest.skip(f"vnu-jar not installed at {VNU} (npm ci)")


def nu_errors(documents, tmp_path):
    """{document name: [error messages]} from one run of the checker over all of them."""
    files = {}
    for name, html in documents.items():
        path = tmp_path / f"{len(files):03}.html"
        path.write_bytes(html)
        files[path.name] = name
    result = subprocess.run(
        [
            "java",
            "-jar",
            str(VNU),
            "--errors-only",
            "--format",
            "json",
            "--exit-zero-always",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    errors = {}
    for message in json.loads(result.stderr or result.stdout)["messages"]:
        url = message.get("url", "")
        name = files.get(url.rsplit("/", 1)[-1], url)
        errors.setdefault(name, []).append(f"line {message.get('lastLine')}: {message['message']}")
    return errors


def test_every_public_page_type_has_no_html_errors_in_any_language(client, demo_site, tmp_path):
    checker()
    finnish_only = StandardPage(title="Palvelut", slug="palvelut", introduction="Neuvontaa.")
    demo_site.root_page.add_child(instance=finnish_only)
    finnish_only.save_revision().publish()

    documents = {}
    for language, pages in PAGES.items():
        urls = dict(pages)
        for form in FormPage.objects.live().filter(locale__language_code=language):
            urls[f"form {form.slug}"] = form.url
        if language != "fi":
            urls["fallback page"] = f"/{language}/palvelut/"
        for name, url in urls.items():
            response = client.get(url)
            assert response.status_code in (200, 404), url
            documents[f"{language} {name} ({url})"] = response.content
        # A form's thank-you page and its error state.
        form = FormPage.objects.live().get(
            locale__language_code=language, slug__in=["ota-yhteytta", "kontakta-oss", "contact-us"]
        )
        fields = {field.clean_name: field for field in form.form_fields.all()}
        cache.clear()  # the forms' rate limit
        invalid = client.post(form.url, {"intake_submission_key": str(uuid.uuid4())})
        documents[f"{language} form errors ({form.url})"] = invalid.content
        data = {"intake_submission_key": str(uuid.uuid4())}
        for name, field in fields.items():
            data[name] = "maija@example.fi" if field.field_type == "email" else "Maija Meikäläinen"
            if field.maps_to == "phone":
                data[name] = "040 123 4567"
        sent = client.post(form.url, data)
        assert b"form-page-landing" in sent.content
        documents[f"{language} form thank-you ({form.url})"] = sent.content

    assert nu_errors(documents, tmp_path) == {}


NOTICES = ["/tietosuojaseloste/", "/sv/dataskyddsbeskrivning/", "/en/privacy-notice/"]


@pytest.mark.xfail(
    strict=True,
    reason="privacy/templates/privacy/privacy_notice_page.html writes the notice's last change "
    "with |date:'c', whose microseconds the checker refuses; privacy/* is being reworked "
    "separately. Remove this mark when that line is fixed.",
)
def test_the_privacy_notice_has_no_html_errors_in_any_language(client, demo_site, tmp_path):
    checker()
    documents = {url: client.get(url).content for url in NOTICES}
    assert nu_errors(documents, tmp_path) == {}
