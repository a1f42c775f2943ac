"""Who sees a person's data in the admin: every admin URL, for every role (issue 13).

One known person is stored everywhere the admin can show them: a register contact
with a phone and a company, a web-form submission and a proposed change, the
company's directory listing with their own phone and email, an owner edit link, a
data-subject request and a notification email. Then each role opens every admin
URL the URLconf has (each list also exported and searched). Editors, Moderators
and a user with only admin access must find the person nowhere: not in a page,
an export or a JSON answer. The roles whose job needs it must find them, which
shows the probe can see what it looks for.
"""

import re

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from directory.models import EditLink, ListingApplication
from intake.models import IntakeSubmission, ProposedChange
from ops.models import OutgoingEmail
from privacy.models import DataSubjectRequest
from tests.directory.factories import ListingFactory
from tests.intake.factories import form_page
from tests.registry.factories import (
    ContactFactory,
    ContactPhoneFactory,
    MembershipFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

FIRST, LAST = "Salla", "Salainen"
EMAIL = "salla.salainen@example.fi"
PHONE = "+358405550123"
# What would give the person away in a response, in any of the forms it is stored or shown.
NEEDLES = re.compile(rb"salainen|5550123|555 0123", re.IGNORECASE)

# Lists whose export and search are tried too.
EXPORTED = {
    "wagtailsnippets_registry_contact:list",
    "wagtailsnippets_registry_organisation:list",
    "wagtailsnippets_directory_listing:list",
    "wagtailadmin_reports:site_history",
    "wagtailforms:list_submissions",
}
# URLs that end the session or need a signed token: nothing to see there.
SKIPPED = {"wagtailadmin_logout", "wagtailadmin_password_reset_confirm"}


@pytest.fixture
def person(db):
    """The one person, stored in every place the admin can show."""
    contact = ContactFactory(first_name=FIRST, last_name=LAST, email=EMAIL)
    ContactPhoneFactory(contact=contact, number=PHONE)
    listing = ListingFactory(phone=PHONE, email=EMAIL, organisation__name="Salaisen Puoti Tmi")
    MembershipFactory(contact=contact, organisation=listing.organisation)
    page = form_page(
        fields=[("Nimi", "singleline", ""), ("Sähköposti", "email", "email")],
        title="Yhteydenotto",
        slug="yhteydenotto",
    )
    submission = IntakeSubmission.objects.create(
        page=page,
        form_data={"nimi": f"{FIRST} {LAST}", "sahkoposti": EMAIL},
        submitter_email=EMAIL,
        submitter_phone=PHONE,
        contact=contact,
        legal_basis="legitimate_interest",
        ip_address="192.0.2.77",
    )
    change = ProposedChange.objects.create(
        contact=contact,
        submission=submission,
        field="last_name",
        current_value=LAST,
        proposed_value=f"{LAST}-Uusi",
    )
    request = DataSubjectRequest.objects.create(kind=DataSubjectRequest.Kind.ACCESS, email=EMAIL)
    # One taken by phone at the desk, with her name in staff's words.
    DataSubjectRequest.objects.create(
        kind=DataSubjectRequest.Kind.ERASURE,
        channel=DataSubjectRequest.Channel.PHONE,
        status=DataSubjectRequest.Status.OPEN,
        name=f"{FIRST} {LAST}",
        phone=PHONE,
        details=f"{FIRST} {LAST} soitti.",
    )
    link = EditLink.objects.create(listing=listing, contact=contact)
    application = ListingApplication.objects.create(
        kind=ListingApplication.Kind.CLAIM,
        listing=listing,
        business_id=listing.organisation.business_id or "1572860-0",
        company_name=listing.name,
        first_name=FIRST,
        last_name=LAST,
        email=EMAIL,
        phone=PHONE,
        consent_text="Suostun.",
    )
    OutgoingEmail.objects.create(
        subject="Uusi yhteydenotto",
        body=f"{FIRST} {LAST} <{EMAIL}> {PHONE}",
        from_email="noreply@localhost",
        to=["asiakaspalvelu@miksei.example"],
        reply_to=[EMAIL],
    )
    return {
        "contact": contact,
        "organisation": listing.organisation,
        "listing": listing,
        "page": page,
        "submission": submission,
        "change": change,
        "request": request,
        "link": link,
        "application": application,
    }


def admin_patterns():
    """(URL name, its pattern) for every admin URL, found from the URLconf itself."""
    found = []

    def walk(patterns, prefix, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace or ""
                inner = f"{namespace}:{inner}" if namespace and inner else inner or namespace
                walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                if prefix.startswith("admin/") and name not in SKIPPED:
                    found.append((name, pattern))

    walk(get_resolver().url_patterns, "", "")
    return found


def _pk_for(name, objects):
    """The stored object an admin URL with a `pk` is about, from the URL's namespace."""
    namespace = name.rsplit(":", 1)[0]
    by_namespace = {
        "registry_contact": "contact",
        "registry_organisation": "organisation",
        "directory_listing": "listing",
        "privacy_requests": "request",
        "intake_changes": "change",
        "directory_application": "application",
        "directory_": "listing",
    }
    for fragment, key in by_namespace.items():
        if fragment in namespace or name.startswith(fragment):
            return objects[key].pk
    return 1


def admin_urls(objects):
    """Every admin URL filled in with the person's objects, plus exports and searches."""
    page, contact = objects["page"], objects["contact"]
    values = {
        "pk": None,
        "page_id": page.pk,
        "parent_page_id": page.pk,
        "page_to_move_id": page.pk,
        "page_pk": page.pk,
        "revision_id": page.latest_revision_id,
        "object_id": contact.pk,
        "app_label": "registry",
        "app_name": "registry",
        "model_name": "contact",
        "content_type_app_name": "intake",
        "content_type_model_name": "formpage",
        "action": "delete",
        "action_name": "approve",
    }
    urls = []
    for name, pattern in admin_patterns():
        kwargs = {}
        for key in pattern.pattern.regex.groupindex:
            value = values.get(key, 1)
            kwargs[key] = _pk_for(name, objects) if key == "pk" else value
        try:
            url = reverse(name, kwargs=kwargs)
        except NoReverseMatch:
            continue  # a regex route reverse() cannot fill; its view is reached from others
        urls.append((name, url))
        if name in EXPORTED:
            urls += [
                (f"{name} csv", f"{url}?export=csv"),
                (f"{name} xlsx", f"{url}?export=xlsx"),
                (f"{name} search", f"{url}?q={FIRST}"),
            ]
    ids = {model: objects[model].pk for model in ("contact", "organisation", "listing")}
    urls += [
        ("bulk delete contacts", f"/admin/bulk/registry/contact/delete/?id={ids['contact']}"),
        (
            "bulk delete listings",
            f"/admin/bulk/directory/listing/delete/?id={ids['listing']}",
        ),
        ("page search", f"/admin/pages/search/?q={FIRST}"),
        ("admin search", f"/admin/search/?q={FIRST}"),
        ("contact chooser search", f"/admin/snippets/choose/registry/contact/?q={FIRST}"),
        ("admin API pages", "/admin/api/main/pages/?fields=*"),
    ]
    return urls


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def where_shown(user, objects, only=None):
    """{URL name: status} of every admin URL (or those named) whose answer gives the person away."""
    client = Client(raise_request_exception=False)
    client.force_login(user)
    shown = {}
    for name, url in admin_urls(objects):
        if only is not None and name not in only:
            continue
        response = client.get(url)
        if NEEDLES.search(body(response)):
            shown[name] = response.status_code
    return shown


def plain_staff():
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


ROLES = {
    "Editors": lambda: UserFactory(groups=["Editors"]),
    "Moderators": lambda: UserFactory(groups=["Moderators"]),
    "admin access only": plain_staff,
}


def test_the_url_list_covers_the_admin(person):
    names = {name for name, _url in admin_urls(person)}
    assert len(names) > 250
    assert {
        "wagtailforms:list_submissions csv",
        "wagtailforms:delete_submissions",
        "wagtailforms:index",
        "wagtailsnippets_registry_contact:inspect",
        "wagtailsnippetchoosers_registry_contact:choose",
        "privacy_requests:inspect",
        "privacy_requests:add",
        "privacy_requests:index",
        "privacy_disclosures:index",
        "privacy_retention:index",
        "intake_changes:index",
        "intake_changes:inspect",
        "directory_moderation:index",
        "directory_applications:index",
        "directory_applications:inspect",
        "wagtailsnippets_directory_listing:send_link",
        "wagtailadmin_reports:site_history",
    } <= names


@pytest.mark.parametrize("role", ROLES)
def test_editors_moderators_and_plain_staff_get_no_personal_data_anywhere(person, role):
    assert where_shown(ROLES[role](), person) == {}


@pytest.mark.parametrize("role", ROLES)
def test_editors_moderators_and_plain_staff_cannot_record_a_request(person, role):
    client = Client()
    client.force_login(ROLES[role]())
    url = reverse("privacy_requests:add")
    before = DataSubjectRequest.objects.count()
    # Wagtail answers a permission denied in the admin with a redirect to the dashboard.
    assert client.get(url)["Location"] == reverse("wagtailadmin_home")
    answer = client.post(url, {"kind": "access", "channel": "phone", "email": EMAIL})
    assert answer["Location"] == reverse("wagtailadmin_home")
    assert DataSubjectRequest.objects.count() == before


def test_the_roles_whose_job_needs_it_find_the_person(person):
    """The probe sees what it looks for: the same walk finds the person for these roles."""
    superuser = UserFactory(is_superuser=True, is_staff=True)
    manager = UserFactory(groups=["Registry managers"])
    officer = UserFactory(groups=["Privacy officer"])
    needed = {
        "wagtailsnippets_registry_contact:list",
        "wagtailsnippets_registry_contact:list search",
        "wagtailsnippets_registry_contact:inspect",
        "wagtailsnippets_registry_contact:list csv",
        "wagtailforms:list_submissions",
        "wagtailforms:list_submissions csv",
        "intake_changes:index",
        "intake_changes:inspect",
        "directory_applications:inspect",
    }
    officers = needed | {"privacy_requests:inspect"}
    assert set(where_shown(superuser, person, only=officers)) == officers
    assert set(where_shown(manager, person, only=needed)) == needed
    assert set(where_shown(officer, person, only=officers)) == officers
