"""Admin views of the ops app: verifying (and enrolling) a TOTP device."""

from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from .two_factor import TokenForm, device_for, manual_key


def two_factor(request):
    device = device_for(request.user)
    form = TokenForm(request.POST or None, device=device, request=request)
    if request.method == "POST" and form.is_valid():
        form.verify()
        target = request.GET.get("next", "")
        if not url_has_allowed_host_and_scheme(target, {request.get_host()}, True):
            target = "wagtailadmin_home"
        return redirect(target)
    return TemplateResponse(
        request,
        "ops/two_factor.html",
        {
            "page_title": _("Two-step verification"),
            "header_icon": "key",
            "form": form,
            "enrolling": not device.confirmed,
            "manual_key": manual_key(device) if not device.confirmed else "",
            "config_url": device.config_url if not device.confirmed else "",
        },
    )
