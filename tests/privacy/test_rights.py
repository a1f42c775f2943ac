"""Access, restriction, retention and disclosure across every registered provider."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from privacy.models import Disclosure, RetentionRun
from privacy.providers import registered
from privacy.retention import years_before
from privacy.services import (
    DisclosureRefused,
    apply_retention,
    disclose,
    export_subject,
    restrict_subject,
)
from registry.models import BillingDetails, Contact, CustomerEvent

from .factories import ContactFactory, CustomerEventFactory, RequestFactory

MAIJA = "maija.meikalainen@example.fi"


def disclosure(**overrides):
    arguments = {
        "user": None,
        "recipient": "Mikkelin kaupunki",
        "recipient_category": Disclosure.RecipientCategory.EVENT_CO_ORGANISER,
        "purpose": Disclosure.Purpose.EVENT,
        "legal_basis": Disclosure.LegalBasis.LEGITIMATE_INTEREST,
        "fields": ["name", "email"],
        # The seeded people only; the demo site's register has its own.
        "contact_ids": list(
            Contact.objects.filter(email__in=[MAIJA, "matti.virtanen@example.fi"]).values_list(
                "pk", flat=True
            )
        ),
        **overrides,
    }
    return disclose(**arguments)


# -- access --------------------------------------------------------------------


@pytest.mark.parametrize("identifier", [MAIJA, "+358 40 123 4567", "contact"])
def test_an_access_export_holds_data_from_every_provider_and_nobody_else(seeded, identifier):
    RequestFactory(email=MAIJA, name="Maija Meikäläinen")
    if identifier == "contact":
        identifier = seeded["maija"].pk

    export = export_subject(identifier)

    assert set(export) == {provider.label for provider in registered()}
    dumped = json.dumps(export, ensure_ascii=False)
    assert MAIJA in dumped and "+358401234567" in dumped and "192.0.2.10" in dumped
    assert "Uutiskirje" in dumped and "Messuosasto" in dumped and "LASKU-1" in dumped
    assert "Virtanen" not in dumped and "matti" not in dumped.lower()
    assert "+358409876543" not in dumped
    if identifier == MAIJA:
        assert all(export["privacy.request"].values())


def test_export_of_one_person_has_bounded_queries(seeded, django_assert_max_num_queries):
    # Resolving the person's identity graph takes a few rounds of a fixed number of
    # queries each (it closes in two here); then one export per provider.
    with django_assert_max_num_queries(45):
        export_subject(MAIJA)


# -- restriction ---------------------------------------------------------------


def test_a_restricted_contact_is_left_out_of_disclosures_but_kept_and_exported_on_request(seeded):
    restrict_subject(MAIJA)

    maija = Contact.objects.get(email=MAIJA)
    assert maija.processing_restricted
    assert maija not in Contact.objects.unrestricted()
    result = disclosure()
    assert [row["contact_id"] for row in result.rows] == [seeded["matti"].pk]
    assert MAIJA not in result.csv()
    assert result.disclosure.contact_ids == [seeded["matti"].pk]
    # The person's own access request still gets everything.
    assert MAIJA in json.dumps(export_subject(MAIJA))

    restrict_subject(MAIJA, on=False)
    assert not Contact.objects.get(email=MAIJA).processing_restricted


# -- disclosures ---------------------------------------------------------------


def test_a_marketing_disclosure_is_refused_outright_and_nothing_is_logged(seeded):
    with pytest.raises(DisclosureRefused):
        disclosure(purpose=Disclosure.Purpose.MARKETING)
    assert Disclosure.objects.count() == 0


def test_the_admin_form_refuses_marketing(client, seeded, officer):
    client.force_login(officer)
    response = client.post(
        "/admin/privacy/disclosures/new/",
        {
            "recipient": "Mainostoimisto Oy",
            "recipient_category": "partner",
            "purpose": "marketing",
            "legal_basis": "consent",
            "disclosed_fields": ["email"],
            "contact_ids": f"{seeded['matti'].pk}",
        },
    )
    assert response.status_code == 200
    assert Disclosure.objects.count() == 0
    assert (
        '<p class="error-message">Henkilötietoja ei luovuteta markkinointitarkoituksiin.</p>'
        in response.content.decode()
    )


def test_a_disclosure_is_logged_with_recipient_category_and_csv_is_safe(client, seeded, officer):
    Contact.objects.filter(pk=seeded["matti"].pk).update(first_name="=HYPERLINK(1)")
    client.force_login(officer)
    response = client.post(
        "/admin/privacy/disclosures/new/",
        {
            "recipient": "Etelä-Savon ELY-keskus",
            "recipient_category": "public_funder",
            "purpose": "project_reporting",
            "legal_basis": "legal_obligation",
            "disclosed_fields": ["name", "organisation"],
            "contact_ids": f"{seeded['matti'].pk}, {seeded['maija'].pk}",
        },
    )
    assert response["Content-Type"].startswith("text/csv")
    body = response.content.decode()
    assert "'=HYPERLINK(1)" in body
    logged = Disclosure.objects.get()
    assert (logged.recipient_category, logged.row_count) == ("public_funder", 2)
    assert logged.fields == ["name", "organisation"]
    listing = client.get("/admin/privacy/disclosures/").content.decode()
    assert "Etelä-Savon ELY-keskus" in listing


def test_a_transfer_outside_the_eea_needs_a_safeguard(seeded):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        disclosure(outside_eea=True)
    assert disclosure(outside_eea=True, safeguard="Vakiosopimuslausekkeet").disclosure.outside_eea


# -- retention -----------------------------------------------------------------


@pytest.fixture
def aged(db):
    """Contacts whose last customer event is just past, and just within, ten years."""
    now = timezone.now()
    ten_years_ago = years_before(now, 10)
    old = ContactFactory(email="vanha@example.fi")
    CustomerEventFactory(contact=old, occurred_at=ten_years_ago - datetime.timedelta(days=1))
    BillingDetails.objects.create(contact=old, billing_name="Vanha Asiakas", reference="R-OLD")
    young = ContactFactory(email="nuori@example.fi")
    CustomerEventFactory(contact=young, occurred_at=ten_years_ago + datetime.timedelta(days=1))
    recent_again = ContactFactory(email="palasi@example.fi")
    CustomerEventFactory(
        contact=recent_again, occurred_at=ten_years_ago - datetime.timedelta(days=900)
    )
    CustomerEventFactory(contact=recent_again, occurred_at=now - datetime.timedelta(days=3))
    return {"old": old, "young": young, "recent_again": recent_again, "now": now}


def test_a_dry_run_counts_what_is_past_ten_years_and_changes_nothing(aged):
    before = (Contact.objects.count(), CustomerEvent.objects.count())
    out = StringIO()
    call_command("apply_retention", "--dry-run", stdout=out)

    assert (Contact.objects.count(), CustomerEvent.objects.count()) == before
    run = RetentionRun.objects.get()
    assert run.dry_run and run.counts["registry.contact"] == 1
    assert "Would erase 1 from registry.contact" in out.getvalue()


def test_retention_erases_exactly_what_is_past_ten_years(aged):
    run = apply_retention(now=aged["now"], batch_size=1)

    assert set(Contact.objects.values_list("email", flat=True)) == {
        "nuori@example.fi",
        "palasi@example.fi",
    }
    assert not CustomerEvent.objects.filter(contact_id=aged["old"].pk).exists()
    kept = BillingDetails.objects.get(reference="R-OLD")
    assert kept.contact is None and "Vanha" not in kept.billing_name
    assert run.counts["registry.contact"] == 1
    assert set(run.counts) == {provider.label for provider in registered()}
    assert sum(run.counts.values()) == 1
    assert not run.dry_run and run.finished_at


def test_retention_is_idempotent_and_the_task_runs_it(aged):
    from privacy.tasks import apply_retention as task

    task.enqueue()
    task.enqueue()
    runs = list(RetentionRun.objects.order_by("pk"))
    assert [run.counts["registry.contact"] for run in runs] == [1, 0]


def retention_queries(contacts, events_each):
    long_ago = years_before(timezone.now(), 11)
    for _ in range(contacts):
        contact = ContactFactory()
        CustomerEventFactory.create_batch(events_each, contact=contact, occurred_at=long_ago)
    with CaptureQueriesContext(connection) as queries:
        apply_retention()
    assert not Contact.objects.exists() and not CustomerEvent.objects.exists()
    return len(queries)


def test_retention_queries_do_not_grow_with_the_events_or_contacts_in_a_batch(db):
    """A batch's rows go in bulk: no row is fetched or deleted one by one."""
    retention_queries(contacts=1, events_each=1)  # content types are cached from here on
    few = retention_queries(contacts=1, events_each=1)
    many = retention_queries(contacts=5, events_each=150)
    assert many == few


def test_the_retention_period_is_one_setting(aged, settings):
    settings.PRIVACY_RETENTION_YEARS = 1
    run = apply_retention(now=aged["now"], dry_run=True)
    assert run.counts["registry.contact"] == 2  # all but the one seen three days ago


def test_retention_runs_are_visible_to_the_privacy_officer_with_counts_not_people(
    client, aged, officer
):
    apply_retention(now=aged["now"])
    client.force_login(officer)
    content = client.get("/admin/privacy/retention/").content.decode()
    assert "registry.contact: 1" in content
    assert "vanha@example.fi" not in content


def test_staff_see_a_banner_on_a_restricted_persons_record(rf, seeded):
    from django.contrib.messages import get_messages
    from django.contrib.messages.storage.fallback import FallbackStorage

    from privacy.wagtail_hooks import warn_of_restricted_processing

    def shown(contact):
        request = rf.get("/admin/snippets/registry/contact/edit/1/")
        request.session = {}
        request._messages = FallbackStorage(request)
        warn_of_restricted_processing(request, contact)
        return [str(message) for message in get_messages(request)]

    assert shown(seeded["maija"]) == []
    restrict_subject(MAIJA)
    assert len(shown(Contact.objects.get(email=MAIJA))) == 1
