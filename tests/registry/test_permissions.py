"""Who may reach the register: every registry URL, for every role."""

import pytest
from django.contrib.auth.models import Group
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from .factories import CustomerEventFactory, MembershipFactory

pytestmark = pytest.mark.django_db

REGISTRY_NAMESPACES = (
    "wagtailsnippets_registry_",
    "wagtailsnippetchoosers_registry_",
    "registry_import",
)
ACCESS_LOG_ONLY = {"access_log", "access_log_results"}
NEEDS_BUSINESS_ID = {"trade_register"}


def registry_url_names():
    """Every URL name the register adds to the admin, found from the URLconf itself."""
    found = []

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = (
                    f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                ) or namespace
                walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and pattern.name and namespace:
                leaf = namespace.rsplit(":", 1)[-1]
                if leaf.startswith(REGISTRY_NAMESPACES):
                    found.append(
                        (f"{namespace}:{pattern.name}", "pk" in pattern.pattern.regex.groupindex)
                    )

    walk(get_resolver().url_patterns, "")
    return sorted(set(found))


@pytest.fixture
def records():
    membership = MembershipFactory(
        contact__first_name="Salainen", contact__email="salainen@example.fi"
    )
    CustomerEventFactory(contact=membership.contact)
    return {"contact": membership.contact, "organisation": membership.organisation}


def urls_for(records):
    urls = []
    for name, needs_pk in registry_url_names():
        model = "organisation" if "organisation" in name else "contact"
        args = [records[model].pk] if needs_pk else []
        urls.append((name, reverse(name, args=args)))
    pk = records["contact"].pk
    urls += [
        ("contact export csv", reverse("wagtailsnippets_registry_contact:list") + "?export=csv"),
        ("contact export xlsx", reverse("wagtailsnippets_registry_contact:list") + "?export=xlsx"),
        (
            "organisation export csv",
            reverse("wagtailsnippets_registry_organisation:list") + "?export=csv",
        ),
        ("bulk delete contacts", f"/admin/bulk/registry/contact/delete/?id={pk}"),
        (
            "bulk delete organisations",
            f"/admin/bulk/registry/organisation/delete/?id={records['organisation'].pk}",
        ),
        ("snippet index", "/admin/snippets/registry/contact/"),
    ]
    return urls


def test_the_url_list_covers_the_whole_register():
    names = {name.split(":")[-1] for name, _ in registry_url_names()}
    assert {"list", "add", "edit", "delete", "inspect", "history", "usage", "access_log"} <= names
    assert any("choose" in name for name, _ in registry_url_names())


def test_groups_come_from_the_migration():
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Registry managers", "Privacy officer", "Editors"} <= names
    editors = Group.objects.get(name="Editors")
    assert not editors.permissions.filter(content_type__app_label="registry").exists()
    assert editors.permissions.filter(codename="access_admin").exists()


def test_anonymous_visitors_are_sent_to_the_login_page(client, records):
    for name, url in urls_for(records):
        response = client.get(url)
        assert response.status_code == 302, name
        assert response["Location"].startswith("/admin/login/"), name


def assert_refused(response, name):
    """Wagtail answers a refusal with 403, or a redirect to the dashboard with a message."""
    assert response.status_code in (302, 403), name
    if response.status_code == 302:
        assert response["Location"] == "/admin/", name
    assert_no_data(response, name)


def assert_no_data(response, name):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert b"Salainen" not in body, name
    assert b"salainen@example.fi" not in body, name


def test_editors_are_refused_everywhere(client, editor, records):
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200  # they do reach the admin
    for name, url in urls_for(records):
        assert_refused(client.get(url), name)


@pytest.mark.parametrize("role", ["registry_manager", "privacy_officer"])
def test_registry_roles_reach_the_register(client, request, records, role):
    client.force_login(request.getfixturevalue(role))
    for name, url in urls_for(records):
        response = client.get(url)
        if name.split(":")[-1] in ACCESS_LOG_ONLY and role == "registry_manager":
            assert_refused(response, name)
        elif name.split(":")[-1] in NEEDS_BUSINESS_ID:
            # Nothing to fetch from the Trade Register: back to the organisation, told why.
            assert response.status_code == 302 and "/edit/" in response["Location"], name
        else:
            assert response.status_code == 200, name


def test_only_registry_roles_see_the_register_menu(client, editor, registry_manager):
    contacts = reverse("wagtailsnippets_registry_contact:list")
    client.force_login(editor)
    assert contacts not in client.get("/admin/").content.decode()
    client.force_login(registry_manager)
    assert contacts in client.get("/admin/").content.decode()


def test_the_group_editor_shows_the_register_permissions(client, superuser):
    group = Group.objects.get(name="Registry managers")
    client.force_login(superuser)
    response = client.get(reverse("wagtailusers_groups:edit", args=[group.pk]))
    permissions = response.context["form"].fields["permissions"].queryset
    assert permissions.filter(codename="view_access_log_contact").exists()
    assert permissions.filter(codename="change_customerevent").exists()
