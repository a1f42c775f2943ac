"""A form sent twice (a double click, a reload, a retry after a lost answer) is stored once."""

import csv
import io
import json
import threading
import time
import uuid

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse

from intake.forms import SUBMISSION_KEY_FIELD
from intake.models import IntakeSubmission, SubmissionStep
from privacy.providers import Subject, registered
from registry.models import Contact, CustomerEvent

from .factories import contact_answers

pytestmark = pytest.mark.django_db

THANKS = "Kiitos viestistäsi"
KEY_ERROR = "piilotettu tunniste puuttui tai oli vioittunut"


def rendered_key(response):
    field = BeautifulSoup(response.content, "html.parser").find(
        "input", attrs={"name": SUBMISSION_KEY_FIELD}
    )
    assert field["type"] == "hidden"
    return field["value"]


def test_each_rendered_form_carries_a_fresh_key(client, contact_form):
    first = rendered_key(client.get(contact_form.url))
    second = rendered_key(client.get(contact_form.url))

    assert uuid.UUID(first).version == 4
    assert uuid.UUID(second).version == 4
    assert first != second


def test_the_page_cache_never_hands_one_key_to_two_visitors(client, contact_form, settings):
    from pagecache.store import page_cache

    settings.PAGE_CACHE_SECONDS = 300
    page_cache().clear()
    try:
        responses = [Client().get(contact_form.url), client.get(contact_form.url)]
        responses.append(client.get(contact_form.url))  # now with a CSRF cookie
    finally:
        page_cache().clear()

    assert all(response.get("X-Page-Cache") != "hit" for response in responses)
    assert len({rendered_key(response) for response in responses}) == 3


def test_the_same_form_sent_twice_is_stored_once_and_answered_twice(send, contact_form):
    answers = contact_answers()

    first = send(contact_form, answers)
    again = send(contact_form, answers)

    for response in (first, again):
        assert response.status_code == 200
        assert THANKS in response.content.decode()
    submission = IntakeSubmission.objects.get()
    assert submission.submission_key == uuid.UUID(answers[SUBMISSION_KEY_FIELD])
    assert SUBMISSION_KEY_FIELD not in submission.form_data
    assert SubmissionStep.objects.filter(submission=submission).count() == 3
    assert len(mail.outbox) == 1
    assert Contact.objects.count() == 1
    assert CustomerEvent.objects.count() == 1


def test_the_first_stored_wins_over_a_corrected_repeat(send, contact_form):
    answers = contact_answers()
    send(contact_form, answers)

    response = send(contact_form, {**answers, "viesti": "Korjattu viesti"})

    assert THANKS in response.content.decode()
    assert IntakeSubmission.objects.get().form_data["viesti"] == answers["viesti"]
    assert len(mail.outbox) == 1


def test_the_same_answers_with_different_keys_are_two_submissions(send, contact_form):
    send(contact_form, contact_answers())
    send(contact_form, contact_answers())

    assert IntakeSubmission.objects.count() == 2
    assert CustomerEvent.objects.count() == 2
    assert len(mail.outbox) == 2


@pytest.mark.parametrize(
    "key",
    [None, "", "ei-avain", "1234", "\x00" * 36, str(uuid.uuid4()) + "0", "x" * 10_000],
    ids=["missing", "empty", "word", "short", "nulls", "too-long", "huge"],
)
def test_a_missing_or_malformed_key_is_a_form_error_and_stores_nothing(send, contact_form, key):
    answers = contact_answers()
    if key is None:
        del answers[SUBMISSION_KEY_FIELD]
    else:
        answers[SUBMISSION_KEY_FIELD] = key

    response = send(contact_form, answers)

    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    assert KEY_ERROR in soup.find(role="alert").get_text()
    assert soup.find("input", attrs={"name": "nimi"})["value"] == answers["nimi"]
    assert not IntakeSubmission.objects.exists()
    # The form comes back with a key that works.
    fresh = rendered_key(response)
    assert uuid.UUID(fresh)
    assert send(contact_form, {**answers, SUBMISSION_KEY_FIELD: fresh}).status_code == 200
    assert IntakeSubmission.objects.get().submission_key == uuid.UUID(fresh)


def test_a_re_render_after_a_validation_error_keeps_the_key(send, contact_form):
    answers = contact_answers(sahkoposti="ei-osoite")

    response = send(contact_form, answers)

    assert response.status_code == 400
    assert rendered_key(response) == answers[SUBMISSION_KEY_FIELD]
    corrected = send(contact_form, {**answers, "sahkoposti": "maija@example.fi"})
    assert corrected.status_code == 200
    again = send(contact_form, {**answers, "sahkoposti": "maija@example.fi"})
    assert THANKS in again.content.decode()
    submission = IntakeSubmission.objects.get()
    assert submission.submission_key == uuid.UUID(answers[SUBMISSION_KEY_FIELD])


def test_a_key_is_unique_per_form_page_only(send, contact_form, directory_form):
    from .factories import directory_answers

    key = str(uuid.uuid4())
    send(contact_form, contact_answers(**{SUBMISSION_KEY_FIELD: key}))
    send(directory_form, directory_answers(**{SUBMISSION_KEY_FIELD: key}))

    assert IntakeSubmission.objects.filter(submission_key=key).count() == 2


def test_a_repeat_counts_against_the_rate_limit_but_is_never_refused(send, contact_form, settings):
    settings.INTAKE_RATE_LIMIT = "2/m"
    answers = contact_answers()
    assert send(contact_form, answers).status_code == 200
    assert send(contact_form, answers).status_code == 200  # the second of two allowed

    retry = send(contact_form, answers)
    another = send(contact_form, contact_answers(sahkoposti="toinen@example.fi"))

    assert retry.status_code == 200
    assert THANKS in retry.content.decode()
    assert another.status_code == 429
    assert IntakeSubmission.objects.count() == 1
    assert len(mail.outbox) == 1


def test_the_key_is_in_no_export_and_no_admin_column(send, contact_form, admin_client):
    answers = contact_answers()
    send(contact_form, answers)
    key = answers[SUBMISSION_KEY_FIELD]
    url = reverse("wagtailforms:list_submissions", args=[contact_form.pk])

    listing = admin_client.get(url).content.decode()
    exported_csv = b"".join(admin_client.get(url + "?export=csv").streaming_content).decode()
    header = next(csv.reader(io.StringIO(exported_csv)))
    subject = Subject.of(email="maija@example.fi")
    personal = json.dumps([provider.export(subject) for provider in registered()])

    assert key not in listing and key.replace("-", "") not in listing
    assert key not in exported_csv and key.replace("-", "") not in exported_csv
    assert not any("key" in heading.lower() or "avain" in heading.lower() for heading in header)
    assert key not in personal and key.replace("-", "") not in personal


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason=(
        "SQLite runs one writer at a time, and its in-memory test database, shared "
        "between threads, answers a second writer 'database table is locked' instead of "
        "making it wait; the same-key path is covered there by the tests above"
    ),
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_sends_of_one_key_at_the_same_moment_store_one(contact_form, monkeypatch):
    import intake.services
    import intake.submitting

    answers = contact_answers()
    both_checked = threading.Barrier(2, timeout=10)
    store = intake.submitting.store_submission

    def store_when_both_are_here(*args, **kwargs):
        both_checked.wait()  # both passed the rate limit and validation
        return store(*args, **kwargs)

    # The first insert holds its transaction open a moment: the other insert of the same
    # key must wait for it on the unique index, then see it committed.
    first_steps = threading.Lock()
    bulk_create = SubmissionStep.objects.bulk_create

    def slow_first_bulk_create(*args, **kwargs):
        if first_steps.acquire(blocking=False):
            time.sleep(0.5)
        return bulk_create(*args, **kwargs)

    # Called by store_submission only when the unique constraint refused its insert.
    refused = []
    stored_repeat = intake.services.stored_repeat

    def count_refused(*args):
        refused.append(args)
        return stored_repeat(*args)

    monkeypatch.setattr(intake.submitting, "store_submission", store_when_both_are_here)
    monkeypatch.setattr(SubmissionStep.objects, "bulk_create", slow_first_bulk_create)
    monkeypatch.setattr(intake.services, "stored_repeat", count_refused)
    responses, errors = [], []

    def post():
        try:
            responses.append(Client().post(contact_form.url, answers))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=post) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    assert len(refused) == 1
    assert [response.status_code for response in responses] == [200, 200]
    assert all(THANKS in response.content.decode() for response in responses)
    submission = IntakeSubmission.objects.get()
    assert submission.steps.count() == 3
    assert set(submission.steps.values_list("status", flat=True)) == {"done"}
    assert len(mail.outbox) == 1
    assert CustomerEvent.objects.count() == 1
