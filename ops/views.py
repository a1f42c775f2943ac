"""Views for operating the site: the health probe and the error pages."""

import logging
import sys

from django.db import DatabaseError, connections
from django.http import HttpResponseServerError, JsonResponse
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token

from .faults import database_unavailable_response, is_database_outage

logger = logging.getLogger(__name__)


@never_cache
def health(request):
    """200 when every configured database answers, 503 when one does not.

    For load balancers and monitoring: the body names databases and states,
    nothing else. No session, no cookies, no personal data.
    """
    states = {}
    for alias in connections:
        try:
            with connections[alias].cursor() as cursor:
                cursor.execute("SELECT 1")
                cursor.fetchone()
            states[alias] = "ok"
        except DatabaseError as error:
            logger.warning(
                "Health check: database %r unavailable (%s)", alias, type(error).__name__
            )
            states[alias] = "unavailable"
    healthy = all(state == "ok" for state in states.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "databases": states},
        status=200 if healthy else 503,
    )


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
