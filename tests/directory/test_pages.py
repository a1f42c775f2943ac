from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import translation
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import ModelLogEntry

from directory.demo import COMPANIES
from directory.models import DirectoryIndexPage, Listing
from directory.personal_data import INVENTORY
from privacy.providers import Subject, registered

from .conftest import company_url
from .factories import ListingFactory, MembershipFactory, OrganisationFactory, ServiceFactory

pytestmark = pytest.mark.django_db


def test_the_index_page_issues_a_bounded_number_of_queries(
    client, directory_page, django_assert_max_num_queries
):
    service = ServiceFactory(name="Kirjanpito")
    for _ in range(3):
        ListingFactory(services=[service])
    with django_assert_max_num_queries(25) as few:
        client.get(directory_page.url + "?q=yritys")
    # More listings, with logos and two services each, cost no more queries.
    logo = Image.objects.create(title="Logo", file=get_test_image_file())
    consulting = ServiceFactory(name="Consulting")
    for _ in range(30):
        ListingFactory(services=[service, consulting], logo=logo)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(directory_page.url + "?q=yritys")
    assert response.context["results"].total == 33
    assert len(response.context["hits"]) == 20
    # Each hit carries its own services (whichever 20 of the 33 the page shows).
    services = [hit["public"].services for hit in response.context["hits"]]
    assert all(names in (["Kirjanpito"], ["Consulting", "Kirjanpito"]) for names in services)
    assert services.count(["Consulting", "Kirjanpito"]) >= 17


def test_a_company_page_issues_a_bounded_number_of_queries(
    client, directory_page, django_assert_max_num_queries
):
    listing = ListingFactory(services=[ServiceFactory(name="A"), ServiceFactory(name="B")])
    MembershipFactory(organisation=listing.organisation)
    with django_assert_max_num_queries(25) as few:
        client.get(company_url(directory_page, listing))
    for index in range(10):
        listing.services.add(ServiceFactory(name=f"Palvelu {index}"))
        MembershipFactory(organisation=listing.organisation)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(company_url(directory_page, listing))
    assert len(response.context["public"].contact_persons) == 11


def test_urls_come_from_the_name_and_fall_back_to_the_business_id(directory_page):
    first = ListingFactory(organisation__name="Mäkelä & Poika Oy")
    second = ListingFactory(organisation__name="Mäkelä & Poika Oy")
    nameless = ListingFactory(organisation__name="!!!")
    assert first.slug == "makela-poika-oy"
    assert second.slug == second.organisation.business_id
    assert nameless.slug == nameless.organisation.business_id
    # renaming keeps the address stable
    first.organisation.name = "Mäkelä & Tytär Oy"
    first.organisation.save()
    first.refresh_from_db()
    assert (first.name, first.slug) == ("Mäkelä & Tytär Oy", "makela-poika-oy")


def test_the_organisations_changes_reach_the_listing_and_its_filters(client, directory_page):
    organisation = OrganisationFactory(municipality="Mikkeli", industry_code="62010")
    ListingFactory(organisation=organisation)
    organisation.municipality = "Juva"
    organisation.industry_code = "41200"
    organisation.save()
    listing = Listing.objects.get(organisation=organisation)
    assert (listing.municipality, listing.industry_section) == ("Juva", "F")
    assert (
        client.get(directory_page.url + "?municipality=Juva&industry=F").context["results"].total
        == 1
    )


def test_the_search_page_works_without_javascript_and_explains_an_empty_result(
    client, directory_page
):
    ListingFactory(organisation__name="Koodiverstas Oy", description="Verkkopalvelut.")
    found = client.get(directory_page.url + "?q=koodi")
    body = found.content.decode()
    assert "<mark>Koodi</mark>verstas" in body  # what was typed is marked
    whole = client.get(directory_page.url + "?q=koodiverstas").content.decode()
    assert "<mark>Koodiverstas</mark>" in whole
    assert 'src="/static/directory/search.js"' in body
    empty = client.get(directory_page.url + "?q=olematon")
    assert "Haulla ”olematon” ei löytynyt yrityksiä." in empty.content.decode()
    assert "Selaa kaikkia yrityksiä" in empty.content.decode()  # "Browse all companies"
    partial = client.get(directory_page.url + "?q=koodi&partial=1")
    assert "<html" not in partial.content.decode()
    assert "<mark>Koodi</mark>verstas" in partial.content.decode()


def test_pagination_links_keep_the_query(client, directory_page):
    for _ in range(25):
        ListingFactory()
    response = client.get(directory_page.url + "?q=yritys&sort=name")
    assert 'href="?q=yritys&amp;sort=name&amp;page=2" rel="next"' in response.content.decode()
    second = client.get(directory_page.url + "?q=yritys&sort=name&page=2")
    assert len(second.context["hits"]) == 5
    beyond = client.get(directory_page.url + "?q=yritys&sort=name&page=99")
    assert beyond.context["pagination"].number == 2


def test_demo_content_is_loaded_once(demo_site):
    # One directory page per site language, each a translation of the Finnish one.
    pages = DirectoryIndexPage.objects.live()
    assert sorted(pages.values_list("locale__language_code", flat=True)) == ["en", "fi", "sv"]
    assert len(set(pages.values_list("translation_key", flat=True))) == 1
    assert Listing.objects.public().count() == len(COMPANIES)
    call_command("load_initial_data", stdout=StringIO())
    assert DirectoryIndexPage.objects.count() == 3
    assert Listing.objects.count() == len(COMPANIES)


def test_staff_send_an_edit_link_to_a_registered_contact(client, directory_page, admin_user):
    listing = ListingFactory()
    contact = MembershipFactory(organisation=listing.organisation).contact
    client.force_login(admin_user)
    response = client.post(
        f"/admin/snippets/directory/listing/send-link/{listing.pk}/", {"contact": contact.pk}
    )
    assert response.status_code == 302
    assert mail.outbox[0].to == [contact.email]
    entry = ModelLogEntry.objects.get(action="directory.edit_link_sent")
    assert entry.data["contact"] == f"contact #{contact.pk}"
    assert contact.email not in str(entry.data)


def test_staff_without_permission_cannot_moderate(client, directory_page, django_user_model):
    user = django_user_model.objects.create_user("editor", password="x")
    client.force_login(user)
    listing = ListingFactory()
    assert client.post(f"/admin/directory/moderation/approve/{listing.pk}/").status_code in (
        302,
        403,
    )
    assert client.get("/admin/directory/moderation/").status_code in (302, 403)


def test_the_moderation_queue_lists_pending_listings_and_publishes_them(
    client, directory_page, admin_user
):
    listing = ListingFactory(status=Listing.Status.PENDING, organisation__name="Odottava Oy")
    client.force_login(admin_user)
    assert "Odottava Oy" in client.get("/admin/directory/moderation/").content.decode()
    client.post(f"/admin/directory/moderation/approve/{listing.pk}/", {"what": "listing"})
    assert client.get(company_url(directory_page, listing)).status_code == 200


def test_rebuild_directory_index_indexes_public_listings(directory_page):
    ListingFactory()
    ListingFactory(status=Listing.Status.HIDDEN)
    out = StringIO()
    call_command("rebuild_directory_index", stdout=out)
    assert out.getvalue().startswith("database:")


def test_personal_data_providers_are_registered_and_cover_every_field():
    from django.apps import apps

    labels = {provider.label for provider in registered()}
    assert {"directory.listing", "directory.edit_link"} <= labels
    for model in apps.get_app_config("directory").get_models():
        fields = {
            field.name
            for field in model._meta.get_fields(include_parents=False)
            if field.concrete or (field.many_to_many and not field.auto_created)
        }
        label = f"directory.{model.__name__}"
        assert set(INVENTORY[label]) == fields, label


def test_a_sole_traders_phone_and_email_are_found_exported_and_erased(directory_page):
    listing = ListingFactory(phone="+358401112233", email="toni@tmi.example")
    provider = next(p for p in registered() if p.label == "directory.listing")
    subject = Subject.of(email="TONI@tmi.example", phone="+358401112233")
    assert list(provider.find(subject)) == [listing]
    with translation.override("en"):
        exported = provider.export(subject)
    assert exported["company directory listings"][0]["email"] == "toni@tmi.example"
    assert provider.restrict(subject, True) == 1
    listing.refresh_from_db()
    assert (listing.show_phone, listing.show_email) == (False, False)
    assert provider.erase(subject) == 1
    listing.refresh_from_db()
    assert (listing.phone, listing.email) == ("", "")


def test_staff_see_listings_with_a_send_link_action(client, directory_page, admin_user, settings):
    settings.LANGUAGE_CODE = "en"
    listing = ListingFactory(organisation__name="Hallinnoitu Oy")
    client.force_login(admin_user)
    response = client.get("/admin/snippets/directory/listing/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Hallinnoitu Oy" in body
    assert f"/admin/snippets/directory/listing/send-link/{listing.pk}/" in body
    assert (
        client.get(f"/admin/snippets/directory/listing/send-link/{listing.pk}/").status_code == 200
    )


@pytest.mark.parametrize(
    ("params", "industry", "sort"),
    [
        ({}, "", "relevance"),
        ({"industry": "M", "sort": "name"}, "M", "name"),
        ({"industry": "<script>", "sort": "x"}, "", "relevance"),  # not choices: the defaults
    ],
)
def test_the_search_form_keeps_the_visitors_choices(client, directory_page, params, industry, sort):
    from bs4 import BeautifulSoup

    for _ in range(2):  # the second from the options already rendered
        soup = BeautifulSoup(client.get(directory_page.url, params).content, "html.parser")
        assert [o["value"] for o in soup.select("#id_industry option[selected]")] == [industry]
        assert [o["value"] for o in soup.select("#id_sort option[selected]")] == [sort]
        assert soup.select_one("#id_industry option[value=M]").text.startswith("M ")
        assert "<script>" not in str(soup.select_one("#id_industry"))


def test_each_facet_links_to_the_search_narrowed_to_it(client, directory_page):
    from bs4 import BeautifulSoup

    carpentry = ServiceFactory(name="Puusepäntyöt")
    for municipality in ("Säynätsalo", "Mikkeli"):
        ListingFactory(
            organisation__name=f"{municipality}n Puu & Co Oy",
            organisation__municipality=municipality,
            organisation__industry_code="16230",
            services=[carpentry],
        )
    response = client.get(directory_page.url, {"q": "Co & Oy", "industry": "C"})
    facets = BeautifulSoup(response.content, "html.parser").select(".directory-facets li a")
    links = {a.text: (a["href"], a.get("aria-current")) for a in facets}

    query = "?q=Co%20%26%20Oy&industry=C"
    assert links["Säynätsalo"] == (f"{query}&municipality=S%C3%A4yn%C3%A4tsalo", None)
    assert links["C Teollisuus"] == (query, "true")
    assert links["Puusepäntyöt"] == (f"{query}&service={carpentry.slug}", None)
