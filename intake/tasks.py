from django_tasks import task

from . import steps


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
    return steps.enqueue_due_steps()
