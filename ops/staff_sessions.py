"""Shorter sessions for staff, and the second factor before the admin opens."""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse

from .two_factor import needs_verification


class StaffSessionMiddleware:
    """Shorter sessions for people who can reach the admin, and their second factor.

    - A staff session ends after ``STAFF_SESSION_IDLE_SECONDS`` without a request
      and, whatever the activity, ``STAFF_SESSION_MAX_SECONDS`` after sign-in.
    - With ``OTP_REQUIRED_PERMISSIONS`` set, a user holding any of those permissions
      must verify a TOTP device before any other admin page opens.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and self.is_staff(user):
            expired = self.enforce_expiry(request)
            if expired:
                return expired
            if request.path.startswith(self.admin_prefix()) and needs_verification(user):
                allowed = {reverse("ops_two_factor"), reverse("wagtailadmin_logout")}
                if request.path not in allowed:
                    return redirect(f"{reverse('ops_two_factor')}?next={request.path}")
        return self.get_response(request)

    @staticmethod
    def admin_prefix():
        return reverse("wagtailadmin_home")

    @staticmethod
    def is_staff(user):
        return user.is_staff or user.has_perm("wagtailadmin.access_admin")

    def enforce_expiry(self, request):
        session = request.session
        now = int(time.time())
        started = session.setdefault("staff_session_started", now)
        if now - started > settings.STAFF_SESSION_MAX_SECONDS:
            logout(request)
            return redirect(reverse("wagtailadmin_login"))
        # An integer expiry is an idle timeout; setting it each request keeps it sliding.
        session.set_expiry(settings.STAFF_SESSION_IDLE_SECONDS)
        return None
