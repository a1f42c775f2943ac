"""The health probe for load balancers and monitoring."""

import logging

from django.db import DatabaseError, connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

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
