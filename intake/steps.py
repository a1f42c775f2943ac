"""Running the follow-up steps of a submission: each one done once, retried until it is.

django-tasks-db runs a task once and never retries it, so the state lives in
SubmissionStep rows, created in the submission's own transaction:

- A worker claims a step with one conditional UPDATE (a lease), so two workers
  never run the same step at once and a finished step is never run again.
- Database steps (the register update) mark the step done in the transaction
  that does the work: either both happen or neither does.
- The email is sent, then the step is marked done; a failed send leaves it
  pending. Every attempt carries the same Message-ID.
- A failure records the attempt and the exception's class (never its message,
  which may quote personal data) and sets the next attempt with a backoff.
- `tasks.enqueue_due_steps` (the `intake_retry_steps` command, run every minute or
  with --loop) enqueues every step that is due: failed ones, and ones whose
  first enqueue never happened because the process died after the commit.
"""

import logging

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from wagtail.search.backends import get_search_backends

from .confirmations import send_confirmation
from .models import IntakeSubmission, SubmissionStep
from .notifications import send_notification
from .registry_sync import sync_submission

logger = logging.getLogger(__name__)


def _mark_done(step):
    SubmissionStep.objects.filter(pk=step.pk).update(
        status=SubmissionStep.Status.DONE,
        done_at=timezone.now(),
        leased_until=None,
        last_error="",
    )


def _register(step):
    with transaction.atomic():
        sync_submission(step.submission)
        _mark_done(step)


def _notify(step):
    send_notification(step.submission)
    _mark_done(step)


def _confirm(step):
    send_confirmation(step.submission)
    _mark_done(step)


def _index(step):
    for backend in get_search_backends(with_auto_update=True):
        backend.add(step.submission)
    _mark_done(step)


RUNNERS = {
    SubmissionStep.Kind.REGISTER: _register,
    SubmissionStep.Kind.NOTIFY: _notify,
    SubmissionStep.Kind.INDEX: _index,
    SubmissionStep.Kind.CONFIRM: _confirm,
}


def _free(now):
    return Q(leased_until__isnull=True) | Q(leased_until__lt=now)


def claim(step_id, now=None):
    """Take the step for one run; False if it is done, given up or being run elsewhere."""
    now = now or timezone.now()
    return bool(
        SubmissionStep.objects.filter(pk=step_id, status=SubmissionStep.Status.PENDING)
        .filter(_free(now))
        .update(leased_until=now + SubmissionStep.LEASE, attempts=F("attempts") + 1)
    )


def record_failure(step, error):
    step.refresh_from_db(fields=["attempts"])
    gave_up = step.attempts >= SubmissionStep.MAX_ATTEMPTS
    SubmissionStep.objects.filter(pk=step.pk).update(
        status=SubmissionStep.Status.GAVE_UP if gave_up else SubmissionStep.Status.PENDING,
        next_attempt_at=timezone.now() + SubmissionStep.backoff(step.attempts),
        leased_until=None,
        last_error=f"{type(error).__module__}.{type(error).__qualname__}"[:255],
    )
    logger.warning(
        "Step %s of submission #%s failed on attempt %s (%s)%s",
        step.kind,
        step.submission_id,
        step.attempts,
        type(error).__name__,
        "; giving up" if gave_up else "",
    )


def run_step(step_id, step=None):
    """Run one step if it is still to do. Returns True when it got done now.

    `step`, when given, is the step already loaded (with its submission).
    """
    if not claim(step_id):
        return False
    if step is None:
        step = SubmissionStep.objects.select_related("submission").get(pk=step_id)
    try:
        RUNNERS[step.kind](step)
    except Exception as error:  # noqa: BLE001 - every failure is recorded and retried
        record_failure(step, error)
        return False
    return True


def run_submission_steps(submission_id):
    """Run every pending step of one submission, loading the submission and its form once."""
    submission = IntakeSubmission.objects.select_related("page").get(pk=submission_id)
    submission.page = submission.page.specific
    done = 0
    for step in submission.steps.filter(status=SubmissionStep.Status.PENDING):
        step.submission = submission
        done += run_step(step.pk, step=step)
    return done


def due_steps(now=None):
    now = now or timezone.now()
    return SubmissionStep.objects.filter(
        status=SubmissionStep.Status.PENDING, next_attempt_at__lte=now
    ).filter(_free(now))
