"""Add your company: the public form, the business ID check, the Trade Register prefill,
refusal of a company already listed (and the way to claim it instead), staff decisions
and the emails they send, in the language the applicant used."""

import datetime
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from directory import edit_links
from directory.models import Listing, ListingApplication
from directory.personal_data import DirectoryApplicationProvider
from registry.models import Consent, Contact, FieldSource, Organisation

from ..registry.factories import UserFactory, valid_business_id
from ..registry.prh_server import recorded
from .factories import ListingFactory, MembershipFactory
from .owner_links import link_from

pytestmark = pytest.mark.django_db

PRH_ID = "2345678-0"  # recorded("active"): Saimaan Ohjelmistotalo Oy, Mikkeli


def apply_url(page, language=""):
    prefix = f"/{language}" if language else ""
    return prefix + page.url + page.reverse_subpage("apply")


def claim_url(page, listing):
    return page.url + page.reverse_subpage("claim", args=[listing.slug])


def answers(**changes):
    data = {
        "business_id": valid_business_id(4242),
        "company_name": "Kuopion Kahvipaahtimo Oy",
        "municipality": "Mikkeli",
        "description": "Paahdamme kahvia.",
        "first_name": "Kaisa",
        "last_name": "Kahvinen",
        "role": "toimitusjohtaja",
        "email": "Kaisa@Kahvi.example",
        "phone": "040 123 4567",
        "consent": "on",
        "send": "1",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def reviewer(db):
    return UserFactory(groups=["Registry managers"], email="rekisteri@miksei.example")


def errors(response):
    return re.findall(r'<li><a href="#id_\w+">(.*?)</a></li>', response.content.decode())


# -- the business ID -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("1572860-0", "1572860-0"), (" 1572860 0 ", "1572860-0"), ("15728600", "1572860-0")],
)
def test_a_valid_business_id_is_accepted_in_the_forms_people_type(
    client, directory_page, typed, stored
):
    response = client.post(apply_url(directory_page), answers(business_id=typed))
    assert response.status_code == 302
    assert ListingApplication.objects.get().business_id == stored


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1572860-1", "Y-tunnuksen tarkistusmerkki on väärä."),
        ("1572860", "Anna Y-tunnus muodossa 1234567-8."),
        ("abc", "Anna Y-tunnus muodossa 1234567-8."),
    ],
)
def test_a_wrong_business_id_gets_a_translated_error_and_nothing_is_stored(
    client, directory_page, typed, message
):
    response = client.post(apply_url(directory_page), answers(business_id=typed))
    assert response.status_code == 200
    assert any(message in error for error in errors(response))
    assert "Kaisa" in response.content.decode()  # what was typed is kept
    assert not ListingApplication.objects.exists()
    assert mail.outbox == []


def test_consent_and_a_contact_person_are_required(client, directory_page):
    response = client.post(
        apply_url(directory_page, "sv"), answers(consent=None, first_name="", email="x@")
    )
    assert len(errors(response)) == 3
    assert "Det här fältet är obligatoriskt" in response.content.decode()
    assert not ListingApplication.objects.exists()


# -- the Trade Register ----------------------------------------------------------------


def test_the_trade_register_fills_in_the_name_and_municipality(client, directory_page, prh):
    prh.add(recorded("active"))
    response = client.post(
        apply_url(directory_page), {"business_id": PRH_ID, "fetch": "1", "first_name": "Kaisa"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'value="Saimaan Ohjelmistotalo Oy"' in page and 'value="Mikkeli"' in page
    assert errors(response) == []  # the contact person is not asked for yet
    assert 'value="Kaisa"' in page
    assert not ListingApplication.objects.exists()


def test_the_trade_register_down_leaves_the_form_to_fill_by_hand(client, directory_page, prh):
    prh.fail_next(503, 503, 503, 503, 503, 503)
    response = client.post(apply_url(directory_page), {"business_id": PRH_ID, "fetch": "1"})
    assert response.status_code == 200
    assert "Kaupparekisteri ei vastannut" in response.content.decode()


# -- already listed: claim it instead ------------------------------------------------------


def test_a_business_id_already_listed_is_refused_with_a_way_to_claim(client, directory_page):
    listing = ListingFactory(organisation__business_id=valid_business_id(7))
    response = client.post(
        apply_url(directory_page, "en"),
        answers(business_id=listing.organisation.business_id),
    )
    page = response.content.decode()
    assert "A company with this business ID is already in the directory." in page
    assert claim_url(directory_page, listing) in page
    assert not ListingApplication.objects.exists()


def test_a_second_application_for_the_same_business_id_waits_for_the_first(client, directory_page):
    assert client.post(apply_url(directory_page), answers()).status_code == 302
    response = client.post(apply_url(directory_page), answers(email="toinen@kahvi.example"))
    assert "odottaa jo" in response.content.decode()
    assert ListingApplication.objects.count() == 1


def test_the_forms_are_rate_limited_per_address(client, directory_page, settings):
    settings.INTAKE_RATE_LIMIT = "2/m"
    for n in range(2):
        client.post(apply_url(directory_page), answers(business_id=valid_business_id(n + 1)))
    response = client.post(apply_url(directory_page), answers(business_id=valid_business_id(9)))
    assert response.status_code == 429
    assert ListingApplication.objects.count() == 2
    assert 'value="Kaisa"' in response.content.decode()


# -- received, approved, rejected ----------------------------------------------------------


def test_an_application_is_stored_and_both_sides_are_told(client, directory_page, reviewer):
    response = client.post(apply_url(directory_page, "sv"), answers())
    assert response.status_code == 302
    application = ListingApplication.objects.get()
    assert (application.email, application.phone, application.language) == (
        "kaisa@kahvi.example",
        "+358401234567",
        "sv",
    )
    assert "Jag samtycker" in application.consent_text or "samtycke" in application.consent_text
    to_applicant, to_reviewer = mail.outbox
    assert to_applicant.to == ["kaisa@kahvi.example"]
    assert "vi har tagit emot" in to_applicant.body
    assert to_reviewer.to == [reviewer.email]
    # the reviewers' inbox gets the company, not the person
    assert "Kuopion Kahvipaahtimo Oy" in to_reviewer.body
    assert "Kahvinen" not in to_reviewer.body and "kaisa@" not in to_reviewer.body


def decide(user, application, **data):
    client = Client()
    client.force_login(user)
    return client.post(reverse("directory_applications:inspect", args=[application.pk]), data)


def test_approval_makes_the_organisation_listing_and_owner(client, directory_page, prh, reviewer):
    prh.add(recorded("active"))
    client.post(
        apply_url(directory_page, "en"),
        answers(business_id=PRH_ID, company_name="Saimaan Ohjelmistotalo"),
    )
    application = ListingApplication.objects.get()
    mail.outbox.clear()

    assert decide(reviewer, application, decision="approve").status_code == 302

    organisation = Organisation.objects.get(business_id=PRH_ID)
    assert organisation.name == "Saimaan Ohjelmistotalo Oy"  # the register's own
    assert organisation.street_address == "PL 123"  # the postal address, as PRH gives it
    assert FieldSource.objects.filter(organisation=organisation, field="name").exists()
    listing = Listing.objects.get(organisation=organisation)
    assert listing.is_public and listing.description == "Paahdamme kahvia."
    owner = Contact.objects.get(email="kaisa@kahvi.example")
    assert list(edit_links.owner_contacts(listing)) == [owner]
    assert Consent.objects.get(contact=owner).text_shown == application.consent_text
    application.refresh_from_db()
    assert (application.status, application.listing, application.decided_by) == (
        ListingApplication.Status.APPROVED,
        listing,
        reviewer,
    )
    # the owner is told in English, with an edit link that works
    [message] = mail.outbox
    assert message.to == ["kaisa@kahvi.example"]
    assert "is now in the company directory" in message.body
    assert client.get(link_from(message)).status_code == 302
    # and the company is in the directory
    results = client.get(directory_page.url, {"q": "Saimaan"}).content.decode()
    assert "<mark>Saimaan</mark> Ohjelmistotalo Oy" in results


def test_rejection_needs_a_reason_and_tells_the_applicant(client, directory_page, reviewer):
    client.post(apply_url(directory_page), answers())
    application = ListingApplication.objects.get()
    mail.outbox.clear()
    response = decide(reviewer, application, decision="reject", reason="")
    assert response.status_code == 200
    assert ListingApplication.objects.get().is_pending and mail.outbox == []

    decide(reviewer, application, decision="reject", reason="Yritys ei toimi alueella.")
    application.refresh_from_db()
    assert application.status == ListingApplication.Status.REJECTED
    [message] = mail.outbox
    assert "Yritys ei toimi alueella." in message.body and "Hei Kaisa Kahvinen" in message.body
    assert not Organisation.objects.filter(business_id=application.business_id).exists()
    # decided once only
    decide(reviewer, application, decision="approve")
    assert not Listing.objects.filter(organisation__business_id=application.business_id).exists()


def test_editors_and_moderators_cannot_see_or_decide(client, directory_page):
    client.post(apply_url(directory_page), answers())
    application = ListingApplication.objects.get()
    for group in ("Editors", "Moderators"):
        user = UserFactory(groups=[group])
        viewer = Client()
        viewer.force_login(user)
        assert viewer.get(reverse("directory_applications:index")).status_code in (302, 403)
        assert viewer.get(
            reverse("directory_applications:inspect", args=[application.pk])
        ).status_code in (
            302,
            403,
        )
        assert decide(user, application, decision="approve").status_code in (302, 403)
    assert ListingApplication.objects.get().is_pending


def test_reviewers_see_the_queue_and_each_opening_is_audited(client, directory_page, reviewer):
    from wagtail.models import ModelLogEntry

    client.post(apply_url(directory_page), answers())
    application = ListingApplication.objects.get()
    staff = Client()
    staff.force_login(reviewer)
    queue = staff.get(reverse("directory_applications:index")).content.decode()
    assert "Kuopion Kahvipaahtimo Oy" in queue and "Kahvinen" not in queue
    page = staff.get(
        reverse("directory_applications:inspect", args=[application.pk])
    ).content.decode()
    assert "Kahvinen" in page and "kaisa@kahvi.example" in page
    assert ModelLogEntry.objects.filter(
        action="directory.application_viewed", object_id=application.pk, user=reviewer
    ).exists()


# -- claiming a listing nobody owns --------------------------------------------------------


def test_a_listing_without_an_owner_is_claimed_and_verified_by_staff(
    client, directory_page, reviewer
):
    listing = ListingFactory(organisation__business_id=valid_business_id(11))
    response = client.post(claim_url(directory_page, listing), answers())
    assert response.status_code == 302
    application = ListingApplication.objects.get()
    assert (application.kind, application.listing) == (ListingApplication.Kind.CLAIM, listing)
    assert not edit_links.owner_contacts(listing).exists()  # nothing until staff verify
    mail.outbox.clear()

    decide(reviewer, application, decision="approve")
    owner = Contact.objects.get(email="kaisa@kahvi.example")
    assert list(edit_links.owner_contacts(listing)) == [owner]
    [message] = mail.outbox
    assert client.get(link_from(message)).status_code == 302  # the existing owner edit link


def test_a_listing_with_an_owner_cannot_be_claimed(client, directory_page):
    listing = ListingFactory()
    MembershipFactory(organisation=listing.organisation)
    page = client.get(claim_url(directory_page, listing)).content.decode()
    assert 'name="first_name"' not in page
    assert page.count(directory_page.reverse_subpage("request_link", args=[listing.slug]))
    client.post(claim_url(directory_page, listing), answers())
    assert not ListingApplication.objects.exists()


# -- personal data -------------------------------------------------------------------------


def test_decided_and_stale_applications_expire_after_half_a_year(directory_page):
    now = timezone.now()
    old = now - datetime.timedelta(days=181)
    fields = {
        "business_id": valid_business_id(1),
        "company_name": "Oy",
        "first_name": "A",
        "last_name": "B",
        "email": "a@b.example",
        "consent_text": "x",
    }
    stale = ListingApplication.objects.create(**fields)
    decided = ListingApplication.objects.create(
        **fields, status=ListingApplication.Status.REJECTED, decided_at=old
    )
    recent = ListingApplication.objects.create(**fields)
    ListingApplication.objects.filter(pk__in=[stale.pk, decided.pk]).update(created_at=old)
    expired = DirectoryApplicationProvider().expired(now)
    assert set(expired) == {stale, decided}
    assert recent not in expired
