"""Login throttling (django-axes) that works with Wagtail's login view and with tests."""

from axes.backends import AxesStandaloneBackend
from django.conf import settings


class ThrottledLoginBackend(AxesStandaloneBackend):
    """Axes' lockout check, skipped when there is no request to throttle.

    Every login over HTTP (Wagtail's admin login, Django's LoginView) passes the
    request and is throttled. ``authenticate()`` without one (``Client.login`` in
    tests, a management command) has no client to count, so this backend steps
    aside and the next backend decides, instead of raising as Axes does.
    """

    def authenticate(self, request=None, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def client_ip(request):
    """The client's address as the trusted reverse proxies report it.

    With ``TRUSTED_PROXY_COUNT`` = n > 0, the n-th address from the right of
    ``X-Forwarded-For`` is the one the outermost trusted proxy saw; addresses to
    its left came from the client and may be forged. With 0, ``REMOTE_ADDR``.
    """
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if count and len(forwarded) >= count:
        return forwarded[-count]
    return request.META.get("REMOTE_ADDR", "")
