"""A form page as every new visitor gets it: rendered once, shared, then made theirs.

Rendering the editor's form with crispy-forms costs more than the rest of the page,
and for a new visitor the page is the same for everyone but for two values: the
CSRF token and the submission key. So the page's article is rendered once per
published revision, language and host with stand-ins for those two, kept as a
shared fragment of the page cache (which publishing, unpublishing and saving
settings clear), and each visitor gets a copy with their own token and a new key
put in. What is stored never holds a real token or key, and a form that comes
back with errors is rendered for its sender alone (FormPage.render_form).
"""

import uuid

from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from pagecache.store import shared_page_content

from .forms import SUBMISSION_KEY_FIELD

ARTICLE_TEMPLATE = "intake/includes/form_article.html"
# Letters only: they pass HTML escaping unchanged, so the stored markup holds them as is.
CSRF_TOKEN_STAND_IN = "intakeCsrfTokenStandIn"
SUBMISSION_KEY_STAND_IN = "intakeSubmissionKeyStandIn"


def article_for_new_visitor(page, request):
    """The article with an empty form for `request`'s visitor, from the shared copy
    (a draft's is rendered for its editor alone)."""

    def shared_article():
        form = page.get_form(
            page=page, user=None, initial={SUBMISSION_KEY_FIELD: SUBMISSION_KEY_STAND_IN}
        )
        return render_to_string(
            ARTICLE_TEMPLATE,
            {
                "page": page,
                "form": form,
                "privacy_notice": page.privacy_notice(request),
                "request": request,
                # No request context: {% csrf_token %} gets the stand-in, never a token.
                "csrf_token": CSRF_TOKEN_STAND_IN,
            },
        )

    article = shared_page_content("form-article", request, page, shared_article)
    return mark_safe(  # noqa: S308 (rendered by the template engine; the values are ours)
        article.replace(CSRF_TOKEN_STAND_IN, get_token(request)).replace(
            SUBMISSION_KEY_STAND_IN, str(uuid.uuid4())
        )
    )
