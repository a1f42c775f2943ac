"""Signed links sent to requesters: email confirmation and the expiring download."""

from django.core import signing
from django.urls import reverse

from .services import EXPORT_LINK_DAYS

CONFIRM_SALT = "privacy.request.confirm"
DOWNLOAD_SALT = "privacy.request.download"
CONFIRM_MAX_AGE = 7 * 24 * 3600


def confirm_url(request):
    return reverse("privacy:confirm", args=[signing.dumps(request.pk, salt=CONFIRM_SALT)])


def confirmed_pk(token):
    return signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)


def download_url(request, fmt="html"):
    token = signing.dumps(request.pk, salt=DOWNLOAD_SALT)
    return reverse("privacy:download", args=[token, fmt])


def download_pk(token):
    return signing.loads(token, salt=DOWNLOAD_SALT, max_age=EXPORT_LINK_DAYS * 24 * 3600)
