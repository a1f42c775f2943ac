"""Elasticsearch that is configured but down: a loopback port nobody listens on."""

import socket


def closed_port():
    """A loopback port with nothing listening on it."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def down_url():
    return f"http://127.0.0.1:{closed_port()}"
