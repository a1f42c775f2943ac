"""The anonymous page cache shares pages, never a person's data, cookie or CSRF token."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.middleware.csrf import get_token
from django.test import Client
from django.test.utils import CaptureQueriesContext

from home.models import HomePage, StandardPage
from pagecache.store import page_cache
from tests.ops.test_faults import database_down

pytestmark = pytest.mark.usefixtures("page_cache_on")


def test_an_anonymous_page_is_stored_once_and_then_served_from_the_cache(client, notice):
    first = client.get("/")
    second = client.get("/")
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    # The outer middlewares still add their headers to a stored page.
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert second["Permissions-Policy"] == first["Permissions-Policy"]
    assert second["X-Frame-Options"] == "DENY"
    assert second["Content-Type"] == first["Content-Type"]
    assert "Cookie" in second["Vary"]
    assert not second.cookies


def test_a_stored_page_is_served_while_the_database_is_down(client, notice):
    client.get("/")
    with database_down():
        response = client.get("/")
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "hit"


def test_a_signed_in_editor_neither_fills_nor_reads_the_cache(client, notice):
    client.get("/")  # an anonymous visitor stores the page
    editor = get_user_model().objects.create_superuser("editor", password="x")
    editor_client = Client()
    editor_client.force_login(editor)
    response = editor_client.get("/")
    assert "X-Page-Cache" not in response
    assert b"wagtail-userbar" in response.content  # made for them, so never shared
    page_cache().clear()
    editor_client.get("/")
    assert client.get("/")["X-Page-Cache"] == "miss"


def test_a_page_that_sets_a_cookie_or_uses_a_csrf_token_is_never_stored(
    client, notice, monkeypatch
):
    original = HomePage.serve

    def serve_with_a_form(self, request, *args, **kwargs):
        get_token(request)  # what {% csrf_token %} in a form does
        return original(self, request, *args, **kwargs)

    monkeypatch.setattr(HomePage, "serve", serve_with_a_form)
    response = client.get("/")
    assert "csrftoken" in response.cookies
    assert "X-Page-Cache" not in response
    # A returning visitor who already has the cookie gets no Set-Cookie, but a token
    # masked from their own secret: still never stored.
    response = client.get("/")
    assert "X-Page-Cache" not in response
    assert "X-Page-Cache" not in client.get("/")


def test_private_or_never_cache_responses_are_not_stored(client, notice, monkeypatch):
    original = HomePage.serve

    def private(self, request, *args, **kwargs):
        response = original(self, request, *args, **kwargs)
        response["Cache-Control"] = "private"
        return response

    monkeypatch.setattr(HomePage, "serve", private)
    client.get("/")
    assert "X-Page-Cache" not in client.get("/")


@pytest.mark.parametrize("path", ["/?q=x", "/ei-ole/", "/health/", "/admin/login/"])
def test_query_strings_errors_and_non_page_views_are_not_stored(client, notice, path):
    client.get(path)
    assert "X-Page-Cache" not in client.get(path)


def test_a_session_cookie_bypasses_the_cache(client, notice):
    client.get("/")
    client.cookies["sessionid"] = "whatever"
    assert "X-Page-Cache" not in client.get("/")


def test_publishing_a_page_purges_the_cache_at_once(client, demo_site, notice):
    client.get("/")
    assert client.get("/")["X-Page-Cache"] == "hit"
    page = StandardPage(title="Uutiset", slug="uutiset", show_in_menus=True)
    demo_site.root_page.add_child(instance=page)
    page.save_revision().publish()
    response = client.get("/")
    assert response["X-Page-Cache"] == "miss"
    assert "Uutiset" in response.content.decode()


def test_changing_the_organisation_settings_purges_the_cache(client, organisation):
    client.get("/")
    organisation.controller_name = "Miksei Oy (uusi nimi)"
    organisation.save()
    response = client.get("/")
    assert response["X-Page-Cache"] == "miss"
    assert "Miksei Oy (uusi nimi)" in response.content.decode()


def test_a_view_can_opt_in_with_share_with_anonymous(rf, settings):
    from django.http import HttpResponse

    from pagecache.middleware import AnonymousPageCacheMiddleware
    from pagecache.store import share_with_anonymous

    calls = []

    @share_with_anonymous
    def company_page(request):
        calls.append(request)
        return HttpResponse("Yritys Oy")

    middleware = AnonymousPageCacheMiddleware(company_page)
    for _ in range(3):
        request = rf.get("/yritykset/yritys-oy/")
        from django.contrib.auth.models import AnonymousUser

        request.user = AnonymousUser()
        assert middleware(request).content == b"Yritys Oy"
    assert len(calls) == 1


def test_deleting_a_page_purges_the_cache(client, demo_site, notice):
    page = StandardPage(title="Poistuva", slug="poistuva", show_in_menus=True)
    demo_site.root_page.add_child(instance=page)
    page.save_revision().publish()
    assert "Poistuva" in client.get("/").content.decode()
    assert client.get("/")["X-Page-Cache"] == "hit"
    page.delete()
    response = client.get("/")
    assert response["X-Page-Cache"] == "miss"
    assert "Poistuva" not in response.content.decode()


def test_what_a_request_stores_while_a_change_is_being_saved_is_cleared_at_commit(
    organisation, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        organisation.controller_name = "Miksei Oy (uusi nimi)"
        organisation.save()  # clears the cache at once ...
        # ... and a request that read the old name before the commit stores its page.
        page_cache().set("page:read-before-the-commit", b"Miksei Oy")
    assert page_cache().get("page:read-before-the-commit") is None


def site_queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return [q["sql"] for q in queries if "wagtailcore_site" in q["sql"]]


def test_the_site_is_looked_up_once_for_every_visitor(client, notice):
    assert site_queries(client, "/?a=1")
    assert not site_queries(Client(), "/tietosuojaseloste/?a=2")


def test_a_new_root_page_for_the_site_takes_effect_at_once(client, demo_site):
    client.get("/?a=1")
    page = StandardPage(title="Väliaikainen etusivu", slug="valiaikainen")
    demo_site.root_page.add_child(instance=page)
    page.save_revision().publish()
    demo_site.root_page = page
    demo_site.save()
    assert "Väliaikainen etusivu" in client.get("/?a=2").content.decode()


def test_a_deleted_site_is_forgotten_at_once(client, demo_site):
    client.get("/?a=1")
    demo_site.delete()
    assert client.get("/?a=2").status_code == 404


def test_a_host_outside_allowed_hosts_takes_no_cache_entry(notice):
    visitor = Client(raise_request_exception=False)
    before = len(page_cache()._cache)  # the locmem cache of the tests
    assert visitor.get("/?a=1", HTTP_HOST="hyokkaaja.example").status_code == 400
    assert len(page_cache()._cache) == before


def test_a_site_lookup_during_a_database_outage_gets_the_outage_page(notice):
    visitor = Client(raise_request_exception=False)
    with database_down():
        response = visitor.get("/?a=1")
    assert response.status_code == 503


def test_a_published_change_to_the_home_page_shows_at_once(client, demo_site):
    client.get("/?a=1")  # the site, with its home page, is now shared
    home = demo_site.root_page.specific
    home.introduction = "Uusi esittely etusivulle."
    home.save_revision().publish()
    assert "Uusi esittely etusivulle." in client.get("/?a=2").content.decode()


def test_a_new_view_restriction_applies_at_once(client, notice):
    from wagtail.models import PageViewRestriction

    assert client.get("/tietosuojaseloste/?a=1").status_code == 200
    restriction = PageViewRestriction.objects.create(
        page=notice, restriction_type=PageViewRestriction.LOGIN
    )
    response = client.get("/tietosuojaseloste/?a=2")
    assert response.status_code == 302
    assert "login" in response["Location"]
    restriction.delete()
    assert client.get("/tietosuojaseloste/?a=3").status_code == 200


def test_a_restriction_on_an_ancestor_applies_to_the_pages_below(client, demo_site, notice):
    from wagtail.models import PageViewRestriction

    assert "Rekisterinpitäjä" in client.get("/tietosuojaseloste/?a=1").content.decode()
    PageViewRestriction.objects.create(
        page=demo_site.root_page, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    response = client.get("/tietosuojaseloste/?a=2")
    assert response.status_code == 200
    assert 'name="password"' in response.content.decode()  # Wagtail's password form
    assert "Rekisterinpitäjä" not in response.content.decode()


def routing_queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    tables = ("wagtailcore_page", "wagtailcore_locale", "wagtailcore_site")
    return response, [q["sql"] for q in queries if any(t in q["sql"] for t in tables)]


def test_pages_are_found_without_queries_once_a_visitor_has_been_routed_there(client, notice):
    _, first = routing_queries(client, "/tietosuojaseloste/?a=1")
    client.get("/tietosuojaseloste/?a=1")  # the first found the site, this one its language
    response, second = routing_queries(Client(), "/tietosuojaseloste/?a=2")
    assert first
    assert response.status_code == 200
    assert "Rekisterinpitäjä" in response.content.decode()
    assert second == []


@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("/", "Mikkelin kehitysyritys"),
        ("/sv/", "S:t Michels utvecklingsbolag"),
        ("/sv/dataskyddsbeskrivning/", "Register- och dataskyddsbeskrivning"),
        ("/tietosuojaseloste/", "Rekisteri- ja tietosuojaseloste"),
    ],
)
def test_each_language_is_routed_in_its_own_tree_from_the_shared_lookups(
    client, notice, path, title
):
    for other in ("/", "/sv/", "/tietosuojaseloste/", "/sv/dataskyddsbeskrivning/"):
        client.get(f"{other}?a=1")
    assert title in client.get(f"{path}?a=2").content.decode()


def test_an_unpublished_page_is_gone_at_once(client, notice):
    assert client.get("/tietosuojaseloste/?a=1").status_code == 200
    notice.unpublish()
    assert client.get("/tietosuojaseloste/?a=2").status_code == 404


def test_a_page_given_a_new_slug_is_found_only_at_its_new_address_at_once(client, notice):
    assert client.get("/tietosuojaseloste/?a=1").status_code == 200
    notice.slug = "tietosuoja"
    notice.save_revision().publish()
    assert client.get("/tietosuojaseloste/?a=2").status_code == 404
    assert client.get("/tietosuoja/?a=2").status_code == 200


def test_a_moved_page_is_found_only_at_its_new_address_at_once(client, demo_site, notice):
    parent = StandardPage(title="Tietoa meistä", slug="tietoa")
    demo_site.root_page.add_child(instance=parent)
    parent.save_revision().publish()
    assert client.get("/tietosuojaseloste/?a=1").status_code == 200
    notice.move(parent, pos="last-child")
    assert client.get("/tietoa/tietosuojaseloste/?a=2").status_code == 200
    # Not served at the old address any more: Wagtail's redirect for the move takes over.
    old_address = client.get("/tietosuojaseloste/?a=2")
    assert old_address.status_code == 301
    assert old_address["Location"] == "/tietoa/tietosuojaseloste/"


def test_an_address_that_leads_nowhere_takes_no_cache_entry(client, notice):
    client.get("/?a=1")  # the site,
    client.get("/?a=1")  # its language version
    client.get("/ei-ole/?a=1")  # and the chrome of the 404 page are shared
    before = len(page_cache()._cache)  # the locmem cache of the tests
    for n in range(5):
        assert client.get(f"/ei-ole-{n}/alasivu/?a=1").status_code == 404
    assert len(page_cache()._cache) == before
