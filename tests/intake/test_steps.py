"""After the submission is stored: steps that fail stay stored and are retried, once."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.core.management import call_command
from django.utils import timezone

from intake import registry_sync, steps, tasks
from intake.models import IntakeSubmission, SubmissionStep
from registry.models import Contact, CustomerEvent

from .factories import contact_answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def failing_send(monkeypatch):
    """The mail server refuses the first `failures` messages."""
    state = {"failures": 1, "tries": 0}
    original = EmailMessage.send

    def send(message, fail_silently=False):
        state["tries"] += 1
        if state["failures"]:
            state["failures"] -= 1
            raise ConnectionRefusedError("SMTP server down")
        return original(message, fail_silently)

    monkeypatch.setattr(EmailMessage, "send", send)
    return state


def later(minutes=10):
    return timezone.now() + timedelta(minutes=minutes)


def test_a_failed_notification_leaves_the_submission_stored_and_a_retry_delivers_it_once(
    send, contact_form, failing_send
):
    response = send(contact_form, contact_answers())

    assert response.status_code == 200
    assert "Kiitos viestistäsi" in response.content.decode()
    submission = IntakeSubmission.objects.get()
    notify = submission.steps.get(kind=SubmissionStep.Kind.NOTIFY)
    assert notify.status == SubmissionStep.Status.PENDING
    assert notify.attempts == 1
    assert notify.last_error == "builtins.ConnectionRefusedError"
    assert notify.next_attempt_at > timezone.now()
    assert mail.outbox == []
    # The other steps did not wait for the email.
    assert submission.steps.get(kind=SubmissionStep.Kind.REGISTER).status == "done"

    # Not yet due: the sweep leaves it alone.
    assert tasks.enqueue_due_steps() == 0
    assert tasks.enqueue_due_steps(now=later()) == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [contact_form.to_address]
    assert "Haluaisin kuulla lisää palveluistanne." in mail.outbox[0].body

    # Further sweeps and duplicate task runs deliver nothing more.
    assert tasks.enqueue_due_steps(now=later(60)) == 0
    assert steps.run_step(notify.pk) is False
    assert len(mail.outbox) == 1
    notify.refresh_from_db()
    assert (notify.status, notify.attempts, notify.last_error) == ("done", 2, "")


def test_every_attempt_carries_the_same_message_id(send, contact_form, failing_send):
    failing_send["failures"] = 0
    send(contact_form, contact_answers())
    submission = IntakeSubmission.objects.get()
    from intake.notifications import message_id

    assert mail.outbox[0].extra_headers["Message-ID"] == message_id(submission)


def test_a_failed_register_update_is_rolled_back_and_retried_once(send, contact_form, monkeypatch):
    original = registry_sync.sync_submission
    calls = {"n": 0}

    def flaky(submission):
        calls["n"] += 1
        contact = original(submission)  # writes, then fails: all of it must roll back
        if calls["n"] == 1:
            raise RuntimeError("lost the database connection")
        return contact

    monkeypatch.setattr(steps, "sync_submission", flaky)
    send(contact_form, contact_answers())

    assert IntakeSubmission.objects.count() == 1
    assert not Contact.objects.exists()
    assert not CustomerEvent.objects.exists()

    call_command("intake_retry_steps", stdout=StringIO())  # not due yet
    assert not Contact.objects.exists()
    tasks.enqueue_due_steps(now=later())
    tasks.enqueue_due_steps(now=later(120))
    assert Contact.objects.count() == 1
    assert CustomerEvent.objects.count() == 1
    assert IntakeSubmission.objects.get().contact == Contact.objects.get()


def test_a_step_never_started_is_picked_up_by_the_sweep(send, contact_form, monkeypatch):
    # The process died between the commit and the enqueue.
    monkeypatch.setattr("intake.services.start_steps", lambda submission_id: None)
    send(contact_form, contact_answers())
    assert not Contact.objects.exists()

    out = StringIO()
    call_command("intake_retry_steps", stdout=out)

    assert "Enqueued 3" in out.getvalue()
    assert Contact.objects.count() == 1
    assert len(mail.outbox) == 1
    assert set(SubmissionStep.objects.values_list("status", flat=True)) == {"done"}


def test_a_step_being_run_elsewhere_is_not_run_twice(send, contact_form, monkeypatch):
    monkeypatch.setattr("intake.services.start_steps", lambda submission_id: None)
    send(contact_form, contact_answers())
    step = SubmissionStep.objects.get(kind=SubmissionStep.Kind.NOTIFY)

    assert steps.claim(step.pk)  # another worker holds it
    assert steps.run_step(step.pk) is False
    assert mail.outbox == []
    # Its lease runs out (the worker died): the step can be run again.
    assert steps.claim(step.pk, now=timezone.now() + SubmissionStep.LEASE * 2)


def test_a_step_that_keeps_failing_is_given_up_and_shown_as_needing_attention(
    send, contact_form, failing_send
):
    failing_send["failures"] = SubmissionStep.MAX_ATTEMPTS + 5
    send(contact_form, contact_answers())
    when = timezone.now()
    for _attempt in range(SubmissionStep.MAX_ATTEMPTS + 2):
        when += timedelta(hours=7)
        tasks.enqueue_due_steps(now=when)

    notify = SubmissionStep.objects.get(kind=SubmissionStep.Kind.NOTIFY)
    assert notify.status == SubmissionStep.Status.GAVE_UP
    assert notify.attempts == SubmissionStep.MAX_ATTEMPTS
    assert IntakeSubmission.objects.count() == 1


def test_the_backoff_grows_and_is_capped():
    assert SubmissionStep.backoff(1) == timedelta(minutes=1)
    assert SubmissionStep.backoff(3) == timedelta(minutes=4)
    assert SubmissionStep.backoff(30) == timedelta(hours=6)


def test_the_index_step_makes_the_submission_searchable(send, contact_form):
    from wagtail.search.backends import get_search_backend

    send(contact_form, contact_answers(viesti="Kysyisin kansainvälistymisestä"))
    results = get_search_backend().search("kansainvälistymisestä", IntakeSubmission)
    assert [submission.pk for submission in results] == [IntakeSubmission.objects.get().pk]
