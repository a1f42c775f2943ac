"""Each contact detail declared in directory.fields reaches every surface that derives
from the declaration: the owner form, its preview, the company page, the JSON-LD and
the personal-data export, and leaves the public ones when the owner hides it."""

import json
import re

import pytest
from django.utils import translation

from directory import edit_links
from directory.fields import CONTACT_FIELDS, EMAIL, LINKS, PHONE, URL
from directory.personal_data import DirectoryListingProvider
from privacy.providers import Subject

from .conftest import company_url

pytestmark = pytest.mark.django_db

# A value of each kind as the listing stores it, and as the page shows it.
SAMPLES = {
    PHONE: ("+358409876543", "040 9876543"),
    EMAIL: ("myynti@kentta.example", "myynti@kentta.example"),
    URL: ("https://kentta.example/sivu", "https://kentta.example/sivu"),
    LINKS: (["https://profiili.example/kentta"], "https://profiili.example/kentta"),
}


def sample(field):
    return SAMPLES.get(field.kind, ("Kenttä näkyy " + field.name, "Kenttä näkyy " + field.name))


def json_ld(html):
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(found.group(1))


def form_value(field, value):
    return "\n".join(value) if field.kind == LINKS else value


@pytest.fixture(params=CONTACT_FIELDS, ids=lambda field: field.name)
def field(request):
    return request.param


@pytest.fixture
def listing(owned_listing, field):
    stored, _shown = sample(field)
    setattr(owned_listing, field.name, stored)
    owned_listing.save()
    return owned_listing


def edit_page(client, page, listing):
    _link, token = edit_links.issue_edit_link(listing, listing.owner)
    client.get(page.url + page.reverse_subpage("redeem_link", args=[listing.slug, token]))
    return page.url + page.reverse_subpage("owner_edit", args=[listing.slug])


def test_a_shown_field_is_on_the_page_and_in_the_json_ld(client, directory_page, listing, field):
    stored, shown = sample(field)
    html = client.get(company_url(directory_page, listing)).content.decode()
    assert shown in html
    assert str(field.label) in html
    if field.schema:
        in_json_ld = json_ld(html)[field.schema]
        for value in stored if isinstance(stored, list) else [stored]:
            assert value == in_json_ld or value in in_json_ld


def test_a_hidden_field_leaves_the_page_and_the_json_ld(client, directory_page, listing, field):
    _stored, shown = sample(field)
    setattr(listing, field.switch, False)
    listing.save()
    html = client.get(company_url(directory_page, listing)).content.decode()
    assert shown not in html
    assert shown not in json.dumps(json_ld(html), ensure_ascii=False)


def test_the_owner_edits_shows_and_hides_it_in_the_form_and_preview(
    client, directory_page, listing, field
):
    stored, shown = sample(field)
    url = edit_page(client, directory_page, listing)
    form = client.get(url).context["form"]
    assert form[field.name].value() == form_value(field, stored)
    assert form[field.switch].value() is True
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data = {key: value for key, value in data.items() if value is not False}
    response = client.post(url, {**data, "preview": "1"})
    assert shown in response.content.decode().split('id="preview-heading"')[1].split("<form")[0]
    del data[field.switch]
    response = client.post(url, {**data, "preview": "1"})
    assert field.name not in response.context["preview"]["public"].shown


def test_a_personal_field_is_in_the_export(listing, field):
    stored, _shown = sample(field)
    with translation.override("en"):
        exported = DirectoryListingProvider().export(Subject.of(email=listing.email))
        label = str(field.model_field().verbose_name)
    row = exported["company directory listings"][0]
    assert (row.get(label) == stored) is field.personal
