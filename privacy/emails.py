"""Email to requesters, in the language they wrote in. Links only, never attachments."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .providers import FORGET_WHEN_SENT


def _send(request, template, subject, address=None, forget=False, **context):
    if not (address or request.email):
        return  # recorded by staff without an address: they answer by phone or letter
    with translation.override(request.language or "fi"):
        body = render_to_string(
            f"privacy/email/{template}.txt", {"request_obj": request, **context}
        )
        EmailMessage(
            str(subject),
            body,
            settings.DEFAULT_FROM_EMAIL,
            [address or request.email],
            headers={FORGET_WHEN_SENT: "1"} if forget else None,
        ).send()


def send_confirmation(request, url):
    _send(request, "confirm", _("Confirm your request about your data"), url=url)


def send_extension(request):
    _send(request, "extension", _("More time is needed for your request"))


def send_closed(request, address=None, download_url=None):
    """`address` is given for an erasure, whose request no longer holds it: that answer
    is forgotten by the outbox as soon as it is delivered."""
    _send(
        request,
        "closed",
        _("Your request about your data has been handled"),
        address=address,
        forget=address is not None,
        download_url=download_url,
    )


def send_export_link(request, download_url):
    _send(request, "export_link", _("A new link to your data"), download_url=download_url)
