"""What the web forms hold about a person can be found, exported, erased and restricted."""

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.utils import timezone, translation
from wagtail.search.backends import get_search_backend

from intake.models import FormPage, IntakeSubmission, ProposedChange, SubmissionStep
from intake.personal_data import INVENTORY, retention_cutoff
from privacy.providers import CLASSIFICATIONS, Subject, registered
from registry.models import Contact

from .factories import ContactFactory, contact_answers

pytestmark = pytest.mark.django_db


def provider(label):
    return next(p for p in registered() if p.label == label)


def test_the_inventory_classifies_every_field_of_every_intake_model():
    for model in apps.get_app_config("intake").get_models():
        label = f"intake.{model.__name__}"
        fields = {field.name for field in model._meta.local_concrete_fields}
        assert set(INVENTORY[label]) == fields, label
        assert set(INVENTORY[label].values()) <= set(CLASSIFICATIONS)


def test_both_providers_are_registered():
    labels = {p.label for p in registered()}
    assert {"intake.submission", "intake.proposedchange"} <= labels


def test_a_persons_submissions_are_found_by_email_phone_or_contact(send, contact_form):
    send(contact_form, contact_answers(sahkoposti="Maija@Example.fi", puhelin="040 123 4567"))
    send(contact_form, contact_answers(sahkoposti="toinen@example.fi"))
    submissions = provider("intake.submission")
    mine = IntakeSubmission.objects.get(submitter_email="maija@example.fi")

    assert list(submissions.find(Subject.of(email="MAIJA@example.fi"))) == [mine]
    assert list(submissions.find(Subject.of(phone="+358401234567"))) == [mine]
    assert list(submissions.find(Subject.of(contact_id=mine.contact_id))) == [mine]


def test_the_export_is_readable_json_with_the_answers_and_provenance(send, contact_form):
    send(contact_form, contact_answers(), REMOTE_ADDR="203.0.113.7")

    with translation.override("en"):
        exported = provider("intake.submission").export(Subject.of(email="maija@example.fi"))

    json.dumps(exported)
    (item,) = exported["form submissions"]
    assert item["form"] == "Ota yhteyttä"
    assert item["answers"]["Viesti"] == "Haluaisin kuulla lisää palveluistanne."
    assert item["IP address"] == "203.0.113.7"
    assert item["privacy notice version"] is not None


def test_erasure_deletes_submissions_steps_index_entries_and_proposed_changes(send, contact_form):
    ContactFactory(first_name="Maija", last_name="Virtanen", email="maija@example.fi")
    send(contact_form, contact_answers(viesti="Ainutlaatuinensana"))
    subject = Subject.of(email="maija@example.fi")
    assert ProposedChange.objects.count() == 1

    assert provider("intake.proposedchange").erase(subject) == 1
    assert provider("intake.submission").erase(subject) == 1

    assert not IntakeSubmission.objects.exists()
    assert not SubmissionStep.objects.exists()
    assert not ProposedChange.objects.exists()
    assert list(get_search_backend().search("Ainutlaatuinensana", IntakeSubmission)) == []


def test_restriction_marks_the_submissions(send, contact_form):
    send(contact_form, contact_answers())
    subject = Subject.of(email="maija@example.fi")

    assert provider("intake.submission").restrict(subject, True) == 1
    assert IntakeSubmission.objects.get().processing_restricted
    assert provider("intake.submission").restrict(subject, False) == 1
    assert not IntakeSubmission.objects.get().processing_restricted


def test_submissions_expire_ten_years_after_the_last_customer_event(send, contact_form):
    send(contact_form, contact_answers())
    now = timezone.now()
    submissions = provider("intake.submission")
    assert not submissions.expired(now).exists()

    Contact.objects.update(last_customer_event_at=now - timedelta(days=365 * 10 + 5))
    assert submissions.expired(now).count() == 1
    assert provider("intake.proposedchange").expired(now).count() == 0


def test_the_retention_cutoff_handles_a_leap_day():
    leap = timezone.now().replace(year=2028, month=2, day=29)
    assert retention_cutoff(leap).date().isoformat() == "2018-02-28"


def test_demo_forms_are_loaded_once(demo_site):
    finnish = FormPage.objects.filter(locale__language_code="fi")
    assert set(finnish.values_list("slug", flat=True)) == {
        "ota-yhteytta",
        "ilmoittautuminen",
        "yrityshakemistoon",
    }
    # Each in Swedish and English too, and none twice after a second run.
    call_command("load_initial_data", stdout=StringIO())
    assert finnish.count() == 3
    assert FormPage.objects.count() == 9
    directory = FormPage.objects.get(slug="yrityshakemistoon")
    assert directory.consent_required and directory.asks_consent
    assert all(page.live for page in FormPage.objects.all())
