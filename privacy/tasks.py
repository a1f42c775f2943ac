"""Background work. Idempotent: a second run finds nothing more to do."""

from django_tasks import task

from . import services


@task()
def apply_retention():
    """Scheduled daily (cron: `manage.py apply_retention`, or enqueue this task)."""
    run = services.apply_retention()
    services.purge_expired_exports()
    return run.pk
