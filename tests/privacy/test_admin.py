"""The privacy viewsets: one menu, audited request screens, bounded listings."""

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from privacy.models import DataSubjectRequest, Disclosure, RetentionRun
from privacy.services import disclose
from registry.models import Contact

from .factories import RequestFactory

pytestmark = pytest.mark.django_db


def test_every_opening_of_a_request_is_audited_and_names_no_one(client, seeded, officer):
    subject_request = RequestFactory(email="maija.meikalainen@example.fi")
    client.force_login(officer)
    url = reverse("privacy_requests:inspect", args=[subject_request.pk])
    assert client.get(url).status_code == 200
    client.get(url)
    entries = ModelLogEntry.objects.filter(
        action="privacy.request.view", object_id=str(subject_request.pk)
    )
    assert [entry.user for entry in entries] == [officer, officer]
    assert "maija" not in " ".join(entry.label for entry in entries)


def test_the_queue_shows_open_requests_unless_asked_for_all(client, seeded, officer):
    open_one = RequestFactory(status=DataSubjectRequest.Status.OPEN)
    closed = RequestFactory(status=DataSubjectRequest.Status.COMPLETED)
    client.force_login(officer)
    inspect = "privacy_requests:inspect"
    default = client.get(reverse("privacy_requests:index")).content.decode()
    assert reverse(inspect, args=[open_one.pk]) in default
    assert reverse(inspect, args=[closed.pk]) not in default
    everything = client.get(reverse("privacy_requests:index"), {"status": ""}).content.decode()
    assert reverse(inspect, args=[closed.pk]) in everything


def test_the_privacy_menu_holds_what_the_officer_may_open(client, seeded, officer):
    client.force_login(officer)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    for name in (
        "privacy_requests:index",
        "privacy_disclosures:index",
        "privacy_retention:index",
        "privacy_record:index",
    ):
        assert reverse(name) in home


def test_no_generic_edit_or_delete_of_a_request_exists(seeded):
    pattern_names = {"privacy_requests:edit", "privacy_requests:delete", "privacy_requests:copy"}
    for name in pattern_names:
        with pytest.raises(Exception, match="Reverse for"):
            reverse(name, args=[1])


def test_disclosures_and_retention_runs_list_within_bounded_queries(
    client, seeded, officer, django_assert_max_num_queries
):
    contact_ids = list(Contact.objects.values_list("pk", flat=True)[:2])
    for number in range(30):
        disclose(
            user=officer,
            recipient=f"Vastaanottaja {number}",
            recipient_category=Disclosure.RecipientCategory.EVENT_CO_ORGANISER,
            purpose=Disclosure.Purpose.EVENT,
            legal_basis=Disclosure.LegalBasis.LEGITIMATE_INTEREST,
            fields=["name"],
            contact_ids=contact_ids,
        )
        RetentionRun.objects.create(cutoff="2015-01-01T00:00Z", counts={"registry.contact": 1})
    client.force_login(officer)
    with django_assert_max_num_queries(20):
        disclosures = client.get(reverse("privacy_disclosures:index"))
    assert disclosures.content.decode().count("Vastaanottaja") >= 30
    with django_assert_max_num_queries(20):
        runs = client.get(reverse("privacy_retention:index"))
    assert "registry.contact: 1" in runs.content.decode()
