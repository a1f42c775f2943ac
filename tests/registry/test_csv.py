"""CSV import and export of the register."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import ModelLogEntry

from registry.models import Contact, ContactPhone, Membership, Organisation

from .factories import ContactFactory, ContactPhoneFactory, MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

IMPORT_URL = "/admin/registry/import/"


def upload(text, name="register.csv", encoding="utf-8"):
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


def post_import(client, kind, text, **extra):
    data = {"kind": kind, "file": upload(text), "import": "1", **extra}
    return client.post(IMPORT_URL, data)


def bad_lines(response):
    return [error.line for error in response.context["result"].errors]


def test_a_good_organisation_file_is_imported_and_logged(client, registry_manager):
    client.force_login(registry_manager)
    response = post_import(
        client,
        "organisations",
        "name;business_id;municipality;is_business_customer;websites\n"
        "Saimaan Puu Oy;0112038-9;Mikkeli;kyllä;https://puu.example.fi\n"
        "Juvan Leipä Ky;;Juva;no;\n",
    )
    assert response.status_code == 200
    assert response.context["result"].stored
    puu = Organisation.objects.get(business_id="0112038-9")
    assert puu.is_business_customer and puu.country == "FI"
    assert puu.web_links.get().url == "https://puu.example.fi"
    assert Organisation.objects.get(name="Juvan Leipä Ky").municipality == "Juva"
    assert ModelLogEntry.objects.filter(action="registry.import").count() == 2


def test_a_bad_row_is_reported_by_line_and_nothing_of_the_file_is_stored(client, registry_manager):
    client.force_login(registry_manager)
    response = post_import(
        client,
        "contacts",
        "first_name,last_name,email,phones,legal_basis\n"
        "Aino,Aalto,aino@example.fi,040 123 4567,consent\n"
        'Bertta,"Bäck\nBöök",bertta@example.fi,,contract\n'
        "Cecilia,Carlsson,not-an-email,,consent\n"
        "Daniel,Dahl,daniel@example.fi,12,legitimate_interest\n",
    )
    assert bad_lines(response) == [5, 6]  # line 3-4 is one quoted row
    messages = " ".join(" ".join(e.messages) for e in response.context["result"].errors)
    assert "email" in messages and "phones" in messages
    assert not Contact.objects.exists()
    assert not ContactPhone.objects.exists()
    assert not ModelLogEntry.objects.filter(action="registry.import").exists()
    page = response.content.decode()
    assert "<td>5</td>" in page and "<td>6</td>" in page


def test_bad_rows_are_skipped_when_the_user_asks(client, registry_manager):
    organisation = OrganisationFactory(business_id="0112038-9")
    client.force_login(registry_manager)
    response = post_import(
        client,
        "contacts",
        "first_name,last_name,email,phones,organisation_business_id,role,legal_basis\n"
        "Aino,Aalto,Aino@Example.fi,'+358 40 123 4567,0112038-9,CEO,Consent\n"
        "Bertta,Bäck,aino@example.fi,,,,\n"
        "Cecilia,Carlsson,cecilia@example.fi,,0000000-1,,\n",
        skip_invalid="on",
    )
    assert bad_lines(response) == [3, 4]
    aino = Contact.objects.get()
    assert aino.email == "aino@example.fi"
    assert aino.legal_basis == "consent"
    assert aino.phones.get().number == "+358401234567"
    assert Membership.objects.get(contact=aino).organisation == organisation


def test_checking_a_file_stores_nothing(client, registry_manager):
    client.force_login(registry_manager)
    response = client.post(
        IMPORT_URL,
        {"kind": "organisations", "file": upload("name\nSaimaan Puu Oy\n"), "check": "1"},
    )
    assert response.context["result"].valid == 1
    assert not Organisation.objects.exists()


def test_business_ids_are_validated_on_import(client, registry_manager):
    OrganisationFactory(business_id="0112038-9")
    client.force_login(registry_manager)
    response = post_import(
        client,
        "organisations",
        "name,business_id\nA Oy,0112038-8\nB Oy,0112038-9\nC Oy,2345678-0\nD Oy,2345678-0\n",
    )
    assert bad_lines(response) == [2, 3, 5]
    assert Organisation.objects.count() == 1


def test_an_excel_file_in_windows_encoding_is_read(client, registry_manager):
    client.force_login(registry_manager)
    post_import(client, "organisations", "name;municipality\nHirvensalmen Sähkö Oy;Hirvensalmi\n")
    response = client.post(
        IMPORT_URL,
        {
            "kind": "organisations",
            "file": upload(
                "name;municipality\nMäntyharjun Öljy Oy;Mäntyharju\n", encoding="cp1252"
            ),
            "import": "1",
        },
    )
    assert response.context["result"].stored
    assert Organisation.objects.filter(name="Mäntyharjun Öljy Oy").exists()


def test_a_file_without_a_header_is_refused(client, registry_manager):
    client.force_login(registry_manager)
    response = post_import(client, "contacts", "Aino,Aalto,aino@example.fi\n")
    assert "file" in response.context["form"].errors
    assert not Contact.objects.exists()


def test_importing_needs_the_add_permission(client, editor):
    client.force_login(editor)
    response = post_import(client, "organisations", "name\nA Oy\n")
    assert response.status_code in (302, 403)
    assert not Organisation.objects.exists()


def read_export(response):
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))


def test_exported_cells_cannot_start_a_formula(client, registry_manager):
    membership = MembershipFactory(
        contact__first_name='=HYPERLINK("http://evil.example")',
        contact__last_name="+1",
        contact__position="@SUM(A1)",
        role="-2+3",
    )
    ContactPhoneFactory(contact=membership.contact, number="+358401234567")
    client.force_login(registry_manager)
    rows = read_export(client.get(reverse("wagtailsnippets_registry_contact:list") + "?export=csv"))
    assert len(rows) == 1
    for value in rows[0].values():
        assert not value.startswith(("=", "+", "-", "@")), value
    assert rows[0]["first_name"] == '\'=HYPERLINK("http://evil.example")'
    assert rows[0]["phones"] == "'+358401234567"
    assert rows[0]["organisation_business_id"] == membership.organisation.business_id


def test_an_export_can_be_imported_again(client, registry_manager):
    ContactFactory(first_name="Aino", last_name="Aalto", email="aino@example.fi")
    ContactPhoneFactory(contact=Contact.objects.get(), number="+358401234567")
    client.force_login(registry_manager)
    exported = b"".join(
        client.get(
            reverse("wagtailsnippets_registry_contact:list") + "?export=csv"
        ).streaming_content
    ).decode()
    Contact.objects.all().delete()
    response = post_import(client, "contacts", exported)
    assert response.context["result"].stored, response.context["result"].errors
    aino = Contact.objects.get()
    assert aino.email == "aino@example.fi"
    assert aino.phones.get().number == "+358401234567"
    assert "id" in response.context["result"].ignored_columns


def test_the_xlsx_export_is_neutralised_too(client, registry_manager):
    from openpyxl import load_workbook

    ContactFactory(first_name="=1+1")
    client.force_login(registry_manager)
    response = client.get(reverse("wagtailsnippets_registry_contact:list") + "?export=xlsx")
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    values = [cell.value for row in workbook.active.iter_rows(min_row=2) for cell in row]
    assert "'=1+1" in values
    assert not any(str(v).startswith(("=", "+", "-", "@")) for v in values if v)
