from django_tasks import task

from .trade_register.refresh import refresh_all


@task()
def refresh_from_prh():
    """Refresh every organisation with a business ID from the Trade Register (run daily)."""
    report = refresh_all()
    return {
        "checked": len(report.outcomes),
        "updated": len(report.updated),
        "proposed": len(report.proposed),
        "state_changes": len(report.state_changes),
        "requests": report.requests,
        "stopped": report.stopped,
    }
