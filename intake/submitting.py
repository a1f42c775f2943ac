"""A POST to a form page: the abuse checks, validation, then storing.

Every refusal re-renders the form with a message (Finnish on the Finnish site)
and, where the body could be read, what the user typed. Nothing is stored
unless every check passes, and a form whose submission key is already stored
is answered as it was the first time and stored no second time.
"""

import logging

from django.conf import settings
from django.core.exceptions import BadRequest, RequestDataTooBig, SuspiciousOperation
from django.utils.translation import gettext_lazy as _

from ops.form_throttling import over_form_limit

from .services import store_submission, stored_repeat

logger = logging.getLogger(__name__)

DEFAULT_MAX_BODY_BYTES = 64 * 1024

MESSAGES = {
    "too_large": _("The form was too large to send. Shorten the longest answers and try again."),
    "unreadable": _("The form could not be read. Check your answers and send it again."),
    "rate_limited": _(
        "Too many forms have been sent from your address in a short time. "
        "Wait a minute and send the form again; your answers are kept below."
    ),
    "honeypot": _(
        "The form could not be sent because a hidden field was filled in, perhaps by "
        "your browser's autofill. Empty it or turn autofill off and send the form again."
    ),
}


def _too_large(request):
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return True
    return length > getattr(settings, "INTAKE_MAX_BODY_BYTES", DEFAULT_MAX_BODY_BYTES)


def handle_post(page, request):
    """The response to a POST: the thank-you page, or the form again with a message."""
    if _too_large(request):
        empty_form = page.get_form(page=page, user=request.user)
        return page.render_form(request, empty_form, status=413, error=MESSAGES["too_large"])
    try:
        data = request.POST
    except (RequestDataTooBig, SuspiciousOperation, BadRequest, UnicodeError, LookupError):
        empty_form = page.get_form(page=page, user=request.user)
        return page.render_form(request, empty_form, status=400, error=MESSAGES["unreadable"])

    form = page.get_form(data, request.FILES, page=page, user=request.user)
    # Every POST counts against the limit, a repeat of a stored form too: which it is
    # cannot be known without asking the database, which the limit protects. But a
    # stored form is never refused: a person or client sending again after a lost
    # answer gets the thank-you page, not a 429.
    if over_form_limit(request, "intake.submit"):
        repeat = stored_repeat(page, form.sent_submission_key)
        if repeat is not None:
            return _answered_again(page, request, repeat)
        logger.info("Form page #%s: submission refused by the rate limit", page.pk)
        return page.render_form(request, form, status=429, error=MESSAGES["rate_limited"])
    if form.honeypot_filled:
        logger.info("Form page #%s: submission refused by the honeypot", page.pk)
        return page.render_form(request, form, status=400, error=MESSAGES["honeypot"])
    if not form.is_valid():
        # Field errors get the shared error summary, which links each error to its field.
        return page.render_form(request, form, status=400)

    # A form sent again (a double click, a reload, a retry after the connection was cut,
    # one after the other or at the same moment) is stored once: the unique key decides
    # in store_submission, and every send gets the same thank-you page.
    submission, created = store_submission(page, form, request)
    if not created:
        return _answered_again(page, request, submission)
    return page.render_landing_page(request, submission)


def _answered_again(page, request, submission):
    """The thank-you page of a form already stored, which is not stored again."""
    logger.info("Form page #%s: submission #%s sent again", page.pk, submission.pk)
    return page.render_landing_page(request, submission)
