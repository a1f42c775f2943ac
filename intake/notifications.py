"""The email that tells staff a form was sent."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _


def message_id(submission, kind="notification"):
    """The same Message-ID on every attempt, so mail clients can drop a duplicate."""
    host = urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "localhost"
    stamp = f"{submission.pk}.{submission.submit_time:%Y%m%d%H%M%S}"
    if kind != "notification":
        stamp = f"{kind}-{stamp}"
    return f"<intake-submission-{stamp}@{host}>"


def notification_body(page, submission):
    lines = []
    for name, label in page.get_data_fields():
        if name not in submission.form_data:
            continue
        value = submission.form_data[name]
        if isinstance(value, list):
            value = ", ".join(map(str, value))
        lines.append(f"{label}: {value}")
    lines.append("")
    lines.append(
        _("Sent: %(when)s")
        % {"when": date_format(timezone.localtime(submission.submit_time), "SHORT_DATETIME_FORMAT")}
    )
    lines.append(
        settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        + reverse("wagtailforms:list_submissions", args=[page.pk])
    )
    return "\n".join(lines)


def send_notification(submission):
    page = submission.page.specific
    recipients = page.notification_addresses()
    if not recipients:
        return 0
    reply_to = [submission.submitter_email] if submission.submitter_email else []
    message = EmailMessage(
        subject=page.subject or page.title,
        body=notification_body(page, submission),
        from_email=page.from_address or settings.DEFAULT_FROM_EMAIL,
        to=recipients,
        reply_to=reply_to,
        headers={"Message-ID": message_id(submission)},
    )
    return message.send()
