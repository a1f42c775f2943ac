"""Email to requesters, in the language they wrote in. Links only, never attachments."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation


def _send(request, template, subject, address=None, **context):
    with translation.override(request.language or "fi"):
        body = render_to_string(
            f"privacy/email/{template}.txt", {"request_obj": request, **context}
        )
        send_mail(str(subject), body, settings.DEFAULT_FROM_EMAIL, [address or request.email])


def send_confirmation(request, url):
    from django.utils.translation import gettext_lazy as _

    _send(request, "confirm", _("Confirm your request about your data"), url=url)


def send_extension(request):
    from django.utils.translation import gettext_lazy as _

    _send(request, "extension", _("More time is needed for your request"))


def send_closed(request, address=None, download_url=None):
    from django.utils.translation import gettext_lazy as _

    _send(
        request,
        "closed",
        _("Your request about your data has been handled"),
        address=address,
        download_url=download_url,
    )


def send_export_link(request, download_url):
    from django.utils.translation import gettext_lazy as _

    _send(request, "export_link", _("A new link to your data"), download_url=download_url)
