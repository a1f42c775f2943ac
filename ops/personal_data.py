"""Personal data in the ops app: the email outbox (recipients and message text), and
the background task records, whose arguments may name a person.

The search-index backlog (``PendingIndexUpdate``) holds no personal data: a model
label, an object's primary key and an exception's class name, never a value.
"""

import json
import re
from datetime import timedelta

import phonenumbers
from django.conf import settings
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django_tasks_db.models import DBTaskResult

from privacy.providers import EMAIL, NOT_PERSONAL, PERSONAL, BaseProvider

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


def mentions(text, subject):
    """Whether free text names one of the person's emails or phone numbers, as written
    in international or national form, with or without spaces."""
    text = (text or "").lower()
    flat = re.sub(r"[\s-]", "", text)
    if any(
        re.search(rf"(?<![\w.+-]){re.escape(email)}(?![\w-])", text) for email in subject.emails
    ):
        return True
    return any(form in flat for phone in subject.phones for form in phone_forms(phone))


def phone_forms(phone):
    """+358401234567 as it may appear in text: itself and 0401234567."""
    number = phonenumbers.parse(phone)
    national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return {phone, re.sub(r"[\s-]", "", national)}


def _text_filter(fields, subject):
    """A coarse database filter (each identifier's shortest form) before `mentions`."""
    needles = [
        *subject.emails,
        *(min(phone_forms(phone), key=len)[-4:] for phone in subject.phones),
    ]
    condition = Q(pk__in=[])
    for field in fields:
        for needle in needles:
            condition |= Q(**{f"{field}__icontains": needle})
    return condition


class OutgoingEmailProvider(BaseProvider):
    """The outbox's copies of email: the person as a recipient, as the reply-to address
    of a staff notification, or named in the text."""

    label = "ops.outgoing_email"
    models = [OutgoingEmail]
    TEXT_FIELDS = ("to", "cc", "bcc", "reply_to", "subject", "body", "html_body")

    def _emails(self, subject):
        if not (subject.emails or subject.phones):
            return []
        candidates = OutgoingEmail.objects.annotate(
            **{f"{name}_text": Cast(name, TextField()) for name in ("to", "cc", "bcc", "reply_to")}
        ).filter(
            _text_filter(
                ["to_text", "cc_text", "bcc_text", "reply_to_text", "subject", "body", "html_body"],
                subject,
            )
        )
        return [
            email
            for email in candidates.order_by("created_at")
            if set(map(str.lower, [*email.recipients, *email.reply_to])) & subject.emails
            or mentions(" ".join([email.subject, email.body, email.html_body]), subject)
        ]

    def find(self, subject):
        return OutgoingEmail.objects.filter(pk__in=[email.pk for email in self._emails(subject)])

    def all_identifiers(self):
        for addresses in OutgoingEmail.objects.values_list("to", "cc", "bcc", "reply_to"):
            for address in (address for group in addresses for address in group):
                yield (EMAIL, address)

    def export(self, subject):
        return {
            _("email sent by the site"): [
                {
                    _("subject"): email.subject,
                    _("to"): ", ".join(email.to),
                    _("created"): _when(email.created_at),
                    _("sent"): _when(email.sent_at),
                    _("text"): email.body,
                }
                for email in self._emails(subject)
            ]
        }

    def erase(self, subject):
        deleted, _by_model = self.find(subject).delete()
        return deleted

    def expired(self, now):
        """Delivered mail after a short keep; mail never delivered after a longer one
        (the server refused it for weeks: nobody will read it now)."""
        return OutgoingEmail.objects.filter(
            Q(sent_at__lt=now - timedelta(days=settings.OUTBOX_KEEP_SENT_DAYS))
            | Q(
                sent_at__isnull=True,
                created_at__lt=now - timedelta(days=settings.OUTBOX_KEEP_UNSENT_DAYS),
            )
        )


class TaskResultProvider(BaseProvider):
    """Background task records (django-tasks-db) whose arguments or result name the person."""

    label = "ops.task_result"
    models = [DBTaskResult]

    def find(self, subject):
        candidates = DBTaskResult.objects.annotate(
            args_text=Cast("args_kwargs", TextField()),
            return_text=Cast("return_value", TextField()),
        ).filter(_text_filter(["args_text", "return_text"], subject))
        return DBTaskResult.objects.filter(
            pk__in=[
                task.pk
                for task in candidates
                if mentions(json.dumps([task.args_kwargs, task.return_value]), subject)
            ]
        )

    def export(self, subject):
        return {
            _("background tasks"): [
                {_("task"): task.task_path, _("enqueued"): _when(task.enqueued_at)}
                for task in self.find(subject)
            ]
        }

    def erase(self, subject):
        deleted, _by_model = self.find(subject).delete()
        return deleted

    def expired(self, now):
        return DBTaskResult.objects.filter(
            finished_at__lt=now - timedelta(days=settings.TASK_RESULTS_KEEP_DAYS)
        )


def _when(value):
    return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT") if value else ""


PROVIDERS = [OutgoingEmailProvider(), TaskResultProvider()]
