"""The client's address as the site's trusted reverse proxies report it."""

from django.conf import settings


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
