"""What happens when a submission is deleted, wherever it is deleted from."""

from wagtail.log_actions import get_active_log_context, log
from wagtail.search import index

from registry.models import ConsentText

DELETE_SUBMISSION = "intake.submission.delete"


def submission_deleted(instance, **kwargs):
    # Submissions are indexed by their own step, so they leave the index here.
    index.remove_object(instance)
    # Deleted by staff in the admin (Wagtail's delete-submissions view): audit it.
    # Erasure and retention runs keep their own audit, which counts rather than names.
    user = get_active_log_context().user
    if user is not None:
        log(instance=instance, action=DELETE_SUBMISSION, user=user)


def form_published(instance, **kwargs):
    """A changed consent text is a new version from the moment it is published; the
    consents given with earlier versions keep the words they were given with."""
    page = instance.specific
    if page.asks_consent:
        ConsentText.in_force(page.consent_source, page.consent_text)
