"""Background work of the ops app (django-tasks; `manage.py db_worker` runs it)."""

import logging

from django.dispatch import receiver
from django_tasks import task

from . import outbox, search_backlog

logger = logging.getLogger(__name__)


@task()
def deliver_email(email_id):
    """Send one outbox message; on failure ``manage.py retry_email`` retries it. Idempotent."""
    if not outbox.deliver(email_id):
        logger.warning("Outgoing email #%s not delivered yet; will retry", email_id)


@task()
def replay_search_index(index=""):
    """Send the search-index updates Elasticsearch missed (one index, or all). Idempotent."""
    outcome = search_backlog.replay(index or None)
    if outcome.failed:
        logger.warning(
            "Search-index replay: %s sent, %s still failing; will retry",
            outcome.sent,
            outcome.failed,
        )
    return {"sent": outcome.sent, "failed": outcome.failed}


@receiver(search_backlog.replay_wanted)
def enqueue_replay(sender, index="", **kwargs):
    replay_search_index.enqueue(index)
