"""The public face of data-subject requests: the form, email confirmation, the download."""

import json

from django.core import signing
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache

from . import emails, links
from .export import export_context
from .forms import RequestForm
from .models import DataSubjectRequest


@never_cache
def request_form(request):
    form = RequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
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


@never_cache
def download(request, token, fmt):
    try:
        pk = links.download_pk(token)
    except signing.BadSignature:
        return render(request, "privacy/link_invalid.html", status=410)
    subject_request = get_object_or_404(DataSubjectRequest, pk=pk)
    if (
        subject_request.export_data is None
        or subject_request.export_expires_at is None
        or subject_request.export_expires_at < timezone.now()
    ):
        return render(request, "privacy/link_invalid.html", status=410)
    subject_request._log("privacy.request.download", format=fmt)
    if fmt == "json":
        response = HttpResponse(
            json.dumps(subject_request.export_data, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = (
            f'attachment; filename="omat-tiedot-{subject_request.pk}.json"'
        )
        return response
    if fmt != "html":
        raise Http404
    with translation.override("fi"):
        response = render(
            request, "privacy/export.html", export_context(subject_request, token=token)
        )
    response["X-Robots-Tag"] = "noindex"
    return response
