"""Who sent a request: the client's IP address and browser."""

import ipaddress

from ops.client_address import client_ip as proxied_client_ip

USER_AGENT_MAX_LENGTH = 500


def _valid_ip(value):
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request):
    """The client's IP address as the trusted reverse proxies report it, if valid.

    One rule for the whole site (``ops.client_address.client_ip``, set by
    TRUSTED_PROXY_COUNT): forwarded addresses a client could forge are never believed.
    """
    return _valid_ip(proxied_client_ip(request))


def user_agent(request):
    return request.META.get("HTTP_USER_AGENT", "")[:USER_AGENT_MAX_LENGTH]
