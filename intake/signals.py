"""What happens when a submission is deleted, wherever it is deleted from."""

from wagtail.log_actions import get_active_log_context, log
from wagtail.search import index

DELETE_SUBMISSION = "intake.submission.delete"


def submission_deleted(instance, **kwargs):
    # Submissions are indexed by their own step, so they leave the index here.
    index.remove_object(instance)
    # Deleted by staff in the admin (Wagtail's delete-submissions view): audit it.
    # Erasure and retention runs keep their own audit, which counts rather than names.
    user = get_active_log_context().user
    if user is not None:
        log(instance=instance, action=DELETE_SUBMISSION, user=user)
