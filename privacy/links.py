"""Links sent to requesters: the email confirmation, and single-use ways to their export."""

import datetime
import hashlib
import secrets

from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from .models import DataSubjectRequest, ExportLink

CONFIRM_SALT = "privacy.request.confirm"
CONFIRM_MAX_AGE = 7 * 24 * 3600
# A link from the email works once, for a day; the export page's own download button
# gets a link of its own that lasts long enough to press it.
EXPORT_LINK_LIFETIME = datetime.timedelta(hours=24)
FOLLOW_UP_LIFETIME = datetime.timedelta(minutes=15)


def confirm_url(request):
    return reverse("privacy:confirm", args=[signing.dumps(request.pk, salt=CONFIRM_SALT)])


def confirmed_pk(token):
    return signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)


def _digest(token):
    return hashlib.sha256(token.encode()).hexdigest()


def new_export_token(request, lifetime=EXPORT_LINK_LIFETIME):
    token = secrets.token_urlsafe(32)
    ExportLink.objects.create(
        request=request, token_hash=_digest(token), expires_at=timezone.now() + lifetime
    )
    return token


def export_url(token):
    """The export page with the token in the fragment, which never reaches a server."""
    return f"{reverse('privacy:download')}#{token}"


def _export_available(request, now):
    return request.export_data is not None and (
        request.export_expires_at is None or request.export_expires_at > now
    )


@transaction.atomic
def use_export_token(token):
    """The request whose export this token opens, marking the token used; else None."""
    now = timezone.now()
    link = (
        ExportLink.objects.select_for_update()
        .select_related("request")
        .filter(token_hash=_digest(token or ""), used_at__isnull=True, expires_at__gt=now)
        .first()
    )
    if link is None or not _export_available(link.request, now):
        return None
    link.used_at = now
    link.save(update_fields=["used_at"])
    return link.request


def renewable_request(token) -> DataSubjectRequest | None:
    """The request a used or expired token was for, while its export is still kept."""
    link = ExportLink.objects.select_related("request").filter(token_hash=_digest(token or ""))
    link = link.first()
    if link is None or not _export_available(link.request, timezone.now()):
        return None
    return link.request
