"""The email backend that stores each message in the outbox (`ops.outbox`) and
enqueues its delivery once the caller's transaction commits."""

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction

from .models import OutgoingEmail
from .outbox import stored_attachment
from .tasks import deliver_email


class OutboxEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        stored = []
        with transaction.atomic():
            for message in email_messages:
                html = next(
                    (
                        content
                        for content, mimetype in getattr(message, "alternatives", [])
                        if mimetype == "text/html"
                    ),
                    "",
                )
                stored.append(
                    OutgoingEmail.objects.create(
                        subject=str(message.subject),
                        body=str(message.body),
                        html_body=html,
                        from_email=message.from_email or settings.DEFAULT_FROM_EMAIL,
                        to=list(message.to),
                        cc=list(message.cc),
                        bcc=list(message.bcc),
                        reply_to=list(message.reply_to),
                        headers=dict(message.extra_headers),
                        attachments=[stored_attachment(a) for a in message.attachments],
                    )
                )
            for email in stored:
                transaction.on_commit(lambda pk=email.pk: deliver_email.enqueue(pk))
        return len(stored)
