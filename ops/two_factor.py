"""Optional TOTP second factor for staff who can see personal data (django-otp).

``settings.OTP_REQUIRED_PERMISSIONS`` lists permission codenames, for example
``["registry.view_contact"]``. A signed-in user who holds any of them must verify
a TOTP device once per session before the admin opens. An empty list (the default)
turns the requirement off; devices can still be enrolled.
"""

from base64 import b32encode

from django import forms
from django.conf import settings
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice


def needs_verification(user):
    """True when ``user`` must still verify a second factor in this session."""
    required = getattr(settings, "OTP_REQUIRED_PERMISSIONS", [])
    if not required or not user.is_authenticated:
        return False
    if getattr(user, "is_verified", None) and user.is_verified():
        return False
    return any(user.has_perm(permission) for permission in required)


def device_for(user):
    """The user's confirmed TOTP device, else an unconfirmed one to enrol (created once)."""
    device = TOTPDevice.objects.filter(user=user).order_by("-confirmed", "pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="default", confirmed=False)
    return device


def manual_key(device):
    """The secret as authenticator apps ask for it: base32 in groups of four."""
    key = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Six-digit code from your authenticator app"),
        max_length=6,
        min_length=6,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def __init__(self, *args, device, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device
        self.request = request

    def clean_token(self):
        token = self.cleaned_data["token"]
        if not token.isdigit() or not self.device.verify_token(token):
            raise forms.ValidationError(_("The code is not valid. Try the newest code."))
        return token

    def verify(self):
        """Confirm a newly enrolled device and mark this session as verified."""
        if not self.device.confirmed:
            self.device.confirmed = True
            self.device.save(update_fields=["confirmed"])
        otp_login(self.request, self.device)


def two_factor(request):
    """The admin view that verifies (and first enrolls) the user's TOTP device."""
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
