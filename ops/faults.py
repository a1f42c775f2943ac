"""What the site does when something it depends on fails."""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30


def is_database_outage(error):
    """True for errors that mean the database cannot be reached right now.

    OperationalError covers a refused or dropped connection, a server shutting
    down and too many clients; InterfaceError a connection already closed.
    Integrity and programming errors are bugs, not outages, and stay 500s.
    """
    return isinstance(error, OperationalError | InterfaceError)


def database_unavailable_response():
    """The friendly 503 page. Renders with no request context, so it needs no database."""
    logger.error("Database unavailable: answered 503")
    response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
