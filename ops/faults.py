"""What the site does when something it depends on fails."""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

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


class DatabaseUnavailableMiddleware:
    """Answer a view's database outage with the friendly 503 page.

    The next request opens a new connection (Django closes unusable ones when a
    request ends), so the site recovers by itself once the database is back.
    Errors outside views reach ``server_error`` below, which does the same.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_database_outage(exception):
            return database_unavailable_response()
        return None


@requires_csrf_token
def server_error(request, template_name="500.html"):
    """Django's handler500, except that a database outage gets the friendly 503 page.

    Django calls this inside its exception handler, so ``sys.exc_info()`` holds
    the error, including one raised by a middleware (loading a session, for example)
    that ``DatabaseUnavailableMiddleware.process_exception`` never sees.
    """
    if is_database_outage(sys.exc_info()[1]):
        return database_unavailable_response()
    return HttpResponseServerError(loader.get_template(template_name).render())
