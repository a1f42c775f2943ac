"""Login throttling (django-axes) that works with Wagtail's login view and with tests."""

from axes.backends import AxesStandaloneBackend


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
