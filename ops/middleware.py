"""Small middlewares for headers, faults and staff sessions."""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse

from .faults import database_unavailable_response, is_database_outage
from .two_factor import needs_verification


class PermissionsPolicyMiddleware:
    """Send ``Permissions-Policy`` from ``settings.PERMISSIONS_POLICY`` (feature -> allowlist).

    An empty allowlist, ``[]``, turns the feature off for the page and every frame in it.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        policy = getattr(settings, "PERMISSIONS_POLICY", {})
        self.header = ", ".join(
            f"{feature}=({' '.join(allowlist)})" for feature, allowlist in policy.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response


class DatabaseUnavailableMiddleware:
    """Answer a view's database outage with the friendly 503 page.

    The next request opens a new connection (Django closes unusable ones when a
    request ends), so the site recovers by itself once the database is back.
    Errors outside views reach ``ops.views.server_error``, which does the same.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_database_outage(exception):
            return database_unavailable_response()
        return None


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
