"""A mail server that is down loses nothing: the outbox keeps every message and retries."""

import smtplib
from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.mail import send_mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone, translation

from ops.models import OutgoingEmail
from ops.personal_data import INVENTORY, OutgoingEmailProvider
from privacy.providers import Subject


class RefusingBackend(BaseEmailBackend):
    """A mail server that refuses connections, as one that is down does."""

    def send_messages(self, messages):
        raise smtplib.SMTPConnectError(421, "Service not available")


@pytest.fixture
def outbox(settings):
    settings.EMAIL_BACKEND = "ops.outbox_backend.OutboxEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return settings


def send(django_capture_on_commit_callbacks, to="maija@example.fi"):
    with django_capture_on_commit_callbacks(execute=True):
        return send_mail("Tilauksesi", "Kiitos tilauksesta.", None, [to])


def make_due(email):
    OutgoingEmail.objects.filter(pk=email.pk).update(
        next_attempt_at=timezone.now() - timedelta(seconds=1)
    )


def test_a_message_is_stored_and_delivered_once(db, outbox, django_capture_on_commit_callbacks):
    assert send(django_capture_on_commit_callbacks) == 1
    email = OutgoingEmail.objects.get()
    assert email.sent_at is not None
    assert email.attempts == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["maija@example.fi"]
    assert mail.outbox[0].subject == "Tilauksesi"


def test_a_mail_server_that_is_down_loses_nothing_and_the_message_goes_later(
    db, outbox, django_capture_on_commit_callbacks
):
    outbox.EMAIL_DELIVERY_BACKEND = "tests.ops.test_email.RefusingBackend"
    assert send(django_capture_on_commit_callbacks) == 1  # the caller sees no error

    email = OutgoingEmail.objects.get()
    assert email.sent_at is None
    assert email.attempts == 1
    assert email.last_error == "SMTPConnectError"
    assert email.next_attempt_at > timezone.now()

    # Still down at the first retry: kept, with a longer wait.
    make_due(email)
    call_command("retry_email", stdout=StringIO())
    email.refresh_from_db()
    assert (email.attempts, email.sent_at) == (2, None)
    assert email.next_attempt_at > timezone.now() + timedelta(minutes=4)

    # Back up: the next retry delivers it, exactly once.
    outbox.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    make_due(email)
    output = StringIO()
    call_command("retry_email", stdout=output)
    assert "Sent 1, still failing 0, waiting 0" in output.getvalue()
    call_command("retry_email", stdout=StringIO())
    email.refresh_from_db()
    assert email.sent_at is not None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].body == "Kiitos tilauksesta."


def test_delivering_twice_sends_once(db, outbox, django_capture_on_commit_callbacks):
    from ops.tasks import deliver_email

    send(django_capture_on_commit_callbacks)
    email = OutgoingEmail.objects.get()
    deliver_email.call(email.pk)
    deliver_email.call(email.pk)
    assert len(mail.outbox) == 1


def test_a_rolled_back_transaction_sends_and_stores_nothing(
    db, outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                send_mail("Tilauksesi", "Kiitos.", None, ["maija@example.fi"])
                raise RuntimeError("the submission failed")
        except RuntimeError:
            pass
    assert not OutgoingEmail.objects.exists()
    assert mail.outbox == []


def test_html_alternatives_survive_the_outbox(db, outbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_mail("Hei", "teksti", None, ["a@example.fi"], html_message="<p>teksti</p>")
    assert mail.outbox[0].alternatives[0][0] == "<p>teksti</p>"


def test_attachments_survive_the_outbox(db, outbox, django_capture_on_commit_callbacks):
    from django.core.mail import EmailMessage

    message = EmailMessage("Tietosi", "Liitteenä tietosi.", None, ["maija@example.fi"])
    message.attach("tiedot.json", b'{"nimi": "Maija"}', "application/json")
    message.attach("ohje.txt", "Lue tämä.", "text/plain")
    with django_capture_on_commit_callbacks(execute=True):
        message.send()
    sent = mail.outbox[0]
    assert [(a[0], a[2]) for a in sent.attachments] == [
        ("tiedot.json", "application/json"),
        ("ohje.txt", "text/plain"),
    ]
    assert sent.attachments[0][1] in (b'{"nimi": "Maija"}', '{"nimi": "Maija"}')


def test_the_outbox_answers_data_subject_requests(db, outbox, django_capture_on_commit_callbacks):
    send(django_capture_on_commit_callbacks, to="maija@example.fi")
    send(django_capture_on_commit_callbacks, to="xmaija@example.fi")
    provider = OutgoingEmailProvider()
    subject = Subject.of(email="Maija@Example.fi")
    assert provider.find(subject).count() == 1
    with translation.override("en"):
        exported = provider.export(subject)
    assert exported["email sent by the site"][0]["to"] == "maija@example.fi"
    assert provider.erase(subject) == 1
    assert OutgoingEmail.objects.count() == 1
    old = OutgoingEmail.objects.get()
    assert not provider.expired(timezone.now()).exists()
    assert provider.expired(old.sent_at + timedelta(days=31)).get() == old


def test_the_inventory_classifies_every_field():
    fields = {field.name for field in OutgoingEmail._meta.get_fields()}
    assert set(INVENTORY["ops.OutgoingEmail"]) == fields
