from django.utils import timezone
from django_tasks import task

from . import steps
from .models import SubmissionStep


@task()
def run_submission_step(step_id):
    """Run one follow-up step of a submission; safe to run any number of times."""
    return steps.run_step(step_id)


@task()
def run_all_submission_steps(submission_id):
    """Run the pending follow-up steps of a newly stored submission."""
    return steps.run_submission_steps(submission_id)


@task()
def enqueue_due_submission_steps():
    """Enqueue the follow-up steps that are due (for schedulers that run tasks)."""
    return enqueue_due_steps()


def enqueue_due_steps(now=None):
    """Enqueue every step that is due; returns how many.

    Each one's next attempt moves a lease ahead first, so a step waiting in a
    busy queue is not enqueued again on every sweep.
    """
    now = now or timezone.now()
    step_ids = list(steps.due_steps(now).order_by("next_attempt_at").values_list("pk", flat=True))
    SubmissionStep.objects.filter(pk__in=step_ids).update(
        next_attempt_at=now + SubmissionStep.LEASE
    )
    for step_id in step_ids:
        run_submission_step.enqueue(step_id)
    return len(step_ids)
