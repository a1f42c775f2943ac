"""Personal data in the ops app: the email outbox (recipients and message text).

The search-index backlog (``PendingIndexUpdate``) holds no personal data: a model
label, an object's primary key and an exception's class name, never a value.
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q

from privacy.providers import NOT_PERSONAL, PERSONAL

from .models import OutgoingEmail

INVENTORY = {
    "ops.OutgoingEmail": {
        "id": NOT_PERSONAL,
        "subject": PERSONAL,
        "body": PERSONAL,
        "html_body": PERSONAL,
        "from_email": NOT_PERSONAL,
        "to": PERSONAL,
        "cc": PERSONAL,
        "bcc": PERSONAL,
        "reply_to": PERSONAL,
        "headers": NOT_PERSONAL,
        "attachments": PERSONAL,
        "created_at": NOT_PERSONAL,
        "attempts": NOT_PERSONAL,
        "next_attempt_at": NOT_PERSONAL,
        "last_error": NOT_PERSONAL,
        "sent_at": NOT_PERSONAL,
    },
    "ops.PendingIndexUpdate": {
        "id": NOT_PERSONAL,
        "index": NOT_PERSONAL,
        "model": NOT_PERSONAL,
        "object_id": NOT_PERSONAL,
        "action": NOT_PERSONAL,
        "created_at": NOT_PERSONAL,
        "updated_at": NOT_PERSONAL,
        "attempts": NOT_PERSONAL,
        "last_error": NOT_PERSONAL,
    },
}


class OutgoingEmailProvider:
    label = "ops.outgoing_email"

    def find(self, subject):
        if not subject.email:
            return OutgoingEmail.objects.none()
        address = subject.email.strip().lower()
        candidates = OutgoingEmail.objects.filter(
            Q(to__icontains=address) | Q(cc__icontains=address) | Q(bcc__icontains=address)
        )
        exact = [
            email.pk
            for email in candidates
            if address in (recipient.strip().lower() for recipient in email.recipients)
        ]
        return OutgoingEmail.objects.filter(pk__in=exact)

    def export(self, subject):
        return {
            "outgoing email": [
                {
                    "subject": email.subject,
                    "to": email.to,
                    "created": email.created_at.isoformat(),
                    "sent": email.sent_at.isoformat() if email.sent_at else None,
                    "text": email.body,
                }
                for email in self.find(subject).order_by("created_at")
            ]
        }

    def erase(self, subject):
        deleted, _ = self.find(subject).delete()
        return deleted

    def restrict(self, subject, on):
        """Nothing to restrict: a message is sent once and deleted after a short keep."""
        return 0

    def expired(self, now):
        return OutgoingEmail.objects.filter(
            sent_at__lt=now - timedelta(days=settings.OUTBOX_KEEP_SENT_DAYS)
        )
