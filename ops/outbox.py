"""Email that survives a mail server being down.

``EMAIL_BACKEND = "ops.outbox_backend.OutboxEmailBackend"`` stores each message as an
``OutgoingEmail`` in the caller's transaction; once that commits,
``ops.tasks.deliver_email`` hands it to ``EMAIL_DELIVERY_BACKEND`` (SMTP in
production). A failure is recorded and retried with back-off, so a message is
lost only if the database is, and is sent again only if a worker dies between
the server accepting it and the row being marked sent.
"""

import base64
from datetime import timedelta
from email.mime.base import MIMEBase

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from privacy.providers import FORGET_WHEN_SENT

from .models import OutgoingEmail

# Minutes to wait after the n-th failure; the last value repeats.
BACKOFF_MINUTES = (1, 5, 15, 60, 240)


def stored_attachment(attachment):
    """An ``EmailMessage.attach()`` triple as JSON; a raw MIME part cannot be kept."""
    if isinstance(attachment, MIMEBase):
        raise ValueError("The outbox keeps (filename, content, mimetype) attachments only.")
    filename, content, mimetype = attachment
    if isinstance(content, str):
        content = content.encode()
    return {
        "filename": filename,
        "mimetype": mimetype,
        "base64": base64.b64encode(content).decode("ascii"),
    }


def as_message(email, connection):
    message = EmailMultiAlternatives if email.html_body else EmailMessage
    message = message(
        subject=email.subject,
        body=email.body,
        from_email=email.from_email,
        to=email.to,
        cc=email.cc,
        bcc=email.bcc,
        reply_to=email.reply_to,
        headers={name: value for name, value in email.headers.items() if name != FORGET_WHEN_SENT},
        connection=connection,
    )
    if email.html_body:
        message.attach_alternative(email.html_body, "text/html")
    for attachment in email.attachments:
        message.attach(
            attachment["filename"],
            base64.b64decode(attachment["base64"]),
            attachment["mimetype"],
        )
    return message


def deliver(email_id):
    """Try to send one stored message; return True once it is (or was) sent.

    Safe to run twice, and from two workers at once: the row is locked while it
    is sent, and a sent row is never sent again.
    """
    with transaction.atomic():
        email = (
            OutgoingEmail.objects.select_for_update(skip_locked=True)
            .filter(pk=email_id, sent_at__isnull=True)
            .first()
        )
        if email is None:
            return OutgoingEmail.objects.filter(pk=email_id, sent_at__isnull=False).exists()
        connection = get_connection(settings.EMAIL_DELIVERY_BACKEND, fail_silently=False)
        try:
            as_message(email, connection).send()
        except Exception as error:  # any failure of the mail server: keep it, try later
            email.attempts += 1
            email.last_error = type(error).__name__[:200]
            wait = BACKOFF_MINUTES[min(email.attempts, len(BACKOFF_MINUTES)) - 1]
            email.next_attempt_at = timezone.now() + timedelta(minutes=wait)
            email.save(update_fields=["attempts", "last_error", "next_attempt_at"])
            return False
        if email.headers.get(FORGET_WHEN_SENT):
            email.delete()
            return True
        email.sent_at = timezone.now()
        email.attempts += 1
        email.last_error = ""
        email.save(update_fields=["sent_at", "attempts", "last_error"])
        return True


def due(now=None):
    """Unsent messages whose back-off has passed, or never tried within five minutes."""
    now = now or timezone.now()
    return OutgoingEmail.objects.filter(sent_at__isnull=True).filter(
        Q(next_attempt_at__lte=now)
        | Q(next_attempt_at__isnull=True, created_at__lte=now - timedelta(minutes=5))
    )
