"""The public forms' limit per sender's address: at most ``INTAKE_RATE_LIMIT`` posts of
one kind of form from one address, counted in Django's cache (django-ratelimit)."""

from django.conf import settings
from django_ratelimit.core import is_ratelimited

from .client_address import client_ip


def _sender_address(group, request):
    return client_ip(request) or "unknown"


def over_form_limit(request, group):
    """Count this POST of the `group` form against its sender's address; True when over."""
    return is_ratelimited(
        request,
        group=group,
        key=_sender_address,
        rate=settings.INTAKE_RATE_LIMIT,
        method="POST",
        increment=True,
    )
