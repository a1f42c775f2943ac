"""Who sent a request: the client's IP address and browser."""

import ipaddress

from django.conf import settings

USER_AGENT_MAX_LENGTH = 500


def _valid_ip(value):
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request):
    """The client's IP address.

    Only the header named in INTAKE_TRUSTED_PROXY_HEADER (a request.META key such as
    "HTTP_X_FORWARDED_FOR") is believed, and only its last entry: the one the trusted
    proxy itself appended. Entries before it are whatever the client chose to send.
    Without the setting, or without a valid address there, REMOTE_ADDR is used.
    """
    header = getattr(settings, "INTAKE_TRUSTED_PROXY_HEADER", "")
    if header:
        forwarded = request.META.get(header, "")
        if forwarded:
            address = _valid_ip(forwarded.split(",")[-1])
            if address:
                return address
    return _valid_ip(request.META.get("REMOTE_ADDR", ""))


def user_agent(request):
    return request.META.get("HTTP_USER_AGENT", "")[:USER_AGENT_MAX_LENGTH]
