"""Storing a submission: one transaction, then follow-up steps that cannot be lost."""

from functools import partial

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from privacy.identifiers import normalise_email, normalise_phone
from registry.models import ConsentText

from .client import client_ip, user_agent
from .models import IntakeSubmission, RegisterField, SubmissionStep
from .registry_sync import mapped_values
from .tasks import run_all_submission_steps


def _normalised(normalise, value):
    try:
        return normalise(value) if value else ""
    except ValidationError:
        return ""


def steps_for(page, submission):
    kinds = [SubmissionStep.Kind.REGISTER, SubmissionStep.Kind.INDEX]
    if page.to_address.strip():
        kinds.append(SubmissionStep.Kind.NOTIFY)
    if submission.consent_given and submission.submitter_email:
        # The sender gets the link to withdraw the consent as easily as they gave it.
        kinds.append(SubmissionStep.Kind.CONFIRM)
    return kinds


def stored_repeat(page, key):
    """The submission already stored from this page under `key`, if any."""
    if key is None:
        return None
    return IntakeSubmission.objects.filter(page=page, submission_key=key).first()


def store_submission(page, form, request):
    """Store what was sent, with its provenance, and the steps still to do, all or nothing.

    Returns (submission, created). A submission key is stored at most once per form
    page: when the key is already there, the stored submission is returned and nothing
    is stored, started or sent. The first stored wins: a repeat whose answers differ
    (a field corrected before sending again) does not change it.

    The steps are started once the transaction commits. If starting them fails, or
    a step fails, the step row stays pending and `enqueue_due_steps` retries it.
    """
    answers = form.answers()
    values = mapped_values(page, answers)
    notice = page.privacy_notice(request)
    key = form.submission_key
    try:
        # Inside a caller's transaction this is a savepoint, so the error below leaves
        # that transaction usable.
        with transaction.atomic():
            consent_version = (
                ConsentText.in_force(page.consent_source, page.consent_text)
                if form.consent_given
                else None
            )
            submission = IntakeSubmission.objects.create(
                page=page,
                submission_key=key,
                form_data=answers,
                ip_address=client_ip(request),
                user_agent=user_agent(request),
                notice_revision_id=notice.live_revision_id if notice else None,
                legal_basis=page.legal_basis,
                purpose=page.purpose,
                consent_given=form.consent_given,
                consent_text=page.consent_text if form.consent_given else "",
                consent_version=consent_version,
                submitter_email=_normalised(normalise_email, values.get(RegisterField.EMAIL)),
                submitter_phone=_normalised(normalise_phone, values.get(RegisterField.PHONE)),
            )
            SubmissionStep.objects.bulk_create(
                SubmissionStep(submission=submission, kind=kind)
                for kind in steps_for(page, submission)
            )
            transaction.on_commit(partial(start_steps, submission.pk), robust=True)
    except IntegrityError:
        # The key is stored already: sent before, or at the same moment by another
        # request. No lookup first: it would cost every first send a query and still
        # race; the unique constraint decides. On PostgreSQL an insert racing another
        # transaction waits for it and fails once it commits; SQLite lets one writer in
        # at a time. Either way the first row is committed and visible here.
        stored = stored_repeat(page, key)
        if stored is None:
            raise
        return stored, False
    return submission, True


def start_steps(submission_id):
    run_all_submission_steps.enqueue(submission_id)
