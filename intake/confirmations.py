"""The email that tells the sender of a consent-based form how to withdraw the consent."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from . import consent_links
from .models import ConsentLink
from .notifications import message_id


def send_confirmation(submission):
    """Send the sender their personal preferences link, in the form's language."""
    page = submission.page.specific
    language = page.locale.language_code
    token = consent_links.issue(submission, ConsentLink.Scope.CONTACT)
    root = page.get_site().root_url.rstrip("/")
    with translation.override(language):
        body = render_to_string(
            "intake/email/consent_confirmation.txt",
            {
                "page": page,
                "submission": submission,
                "url": root + consent_links.url(token, language),
                "days": ConsentLink.VALID_FOR.days,
            },
        )
        subject = _("Your form was received: how to withdraw your consent")
    message = EmailMessage(
        subject=subject,
        body=body,
        from_email=page.from_address or settings.DEFAULT_FROM_EMAIL,
        to=[submission.submitter_email],
        headers={"Message-ID": message_id(submission, "confirmation")},
    )
    return message.send()
