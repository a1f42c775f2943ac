"""The public face of data-subject requests: the form, email confirmation, the download."""

import json

from django.conf import settings
from django.core import signing
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.module_loading import import_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django_ratelimit.core import is_ratelimited

from . import emails, links
from .export import export_context
from .forms import RequestForm
from .models import DataSubjectRequest


def _over_limit(request, group, key, rate):
    return is_ratelimited(request, group=group, key=key, rate=rate, method="POST", increment=True)


def _rate_limited(request, email):
    """The web forms' per-address limit, and one per email so that nobody can flood
    someone else's inbox with confirmation requests from many addresses."""
    by_address = _over_limit(
        request,
        "privacy.request.address",
        lambda group, request: import_string(settings.CLIENT_IP_CALLABLE)(request) or "unknown",
        settings.INTAKE_RATE_LIMIT,
    )
    by_email = _over_limit(
        request,
        "privacy.request.email",
        lambda group, request: email,
        settings.PRIVACY_REQUEST_EMAIL_RATE_LIMIT,
    )
    return by_address or by_email


@never_cache
def request_form(request):
    form = RequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _rate_limited(request, form.cleaned_data["email"]):
            form.add_error(
                None,
                _(
                    "Too many requests have been sent from your address or for this email "
                    "in a short time. Wait a while and send it again; your answers are kept."
                ),
            )
            return render(request, "privacy/request_form.html", {"form": form}, status=429)
        subject_request = form.save(commit=False)
        subject_request.language = get_language() or "fi"
        subject_request.save()
        subject_request._log("privacy.request.receive")
        emails.send_confirmation(
            subject_request, request.build_absolute_uri(links.confirm_url(subject_request))
        )
        return redirect("privacy:request_sent")
    return render(request, "privacy/request_form.html", {"form": form})


def request_sent(request):
    return render(request, "privacy/request_sent.html")


@never_cache
def confirm(request, token):
    try:
        pk = links.confirmed_pk(token)
    except signing.BadSignature:
        return render(request, "privacy/link_invalid.html", status=400)
    subject_request = get_object_or_404(DataSubjectRequest, pk=pk)
    subject_request.confirm_email()
    return render(request, "privacy/request_confirmed.html", {"subject_request": subject_request})


def _json_download(subject_request):
    response = HttpResponse(
        json.dumps(subject_request.export_data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="omat-tiedot-{subject_request.pk}.json"'
    )
    return response


def _renew(request, token):
    """A used or expired link asks for a new one: it goes to the requester's email again."""
    subject_request = links.renewable_request(token)
    if subject_request is not None:
        emails.send_export_link(
            subject_request,
            request.build_absolute_uri(links.export_url(links.new_export_token(subject_request))),
        )
        subject_request._log("privacy.request.new_download_link")
    # The same answer either way: the page tells nobody whether a token was real.
    return render(request, "privacy/export_link_sent.html")


@never_cache
def download(request):
    """GET: the page the email links to; the token is in its fragment. POST: open it."""
    if request.method != "POST":
        return render(request, "privacy/export_open.html", {"error": False})
    token = request.POST.get("token", "").strip()
    if request.POST.get("action") == "renew":
        return _renew(request, token)
    subject_request = links.use_export_token(token)
    if subject_request is None:
        return render(
            request, "privacy/export_open.html", {"error": True, "token": token}, status=410
        )
    fmt = "json" if request.POST.get("format") == "json" else "html"
    subject_request._log("privacy.request.download", format=fmt)
    if fmt == "json":
        response = _json_download(subject_request)
    else:
        follow_up = links.new_export_token(subject_request, links.FOLLOW_UP_LIFETIME)
        with translation.override(subject_request.language or "fi"):
            response = render(
                request, "privacy/export.html", export_context(subject_request, follow_up)
            )
    response["X-Robots-Tag"] = "noindex"
    return response
