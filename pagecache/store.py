"""Anonymous page cache: shared pages for visitors without a session, nothing else.

A response is stored only when all of these hold, so a page carrying personal
data, a cookie, a CSRF token or anything made for a signed-in user is never
served to someone else:

- the request is a GET without a query string, a session cookie or an
  ``Authorization`` header, and the user is anonymous;
- the view opted in: Wagtail's page serving (``wagtail_serve``) or a view
  wrapped in :func:`share_with_anonymous`; anything else (a data-subject's
  request status page, the admin, a form handler) is never cached;
- the response is a 200, not streamed, sets no cookie, did not use a CSRF token
  or a CSP nonce, and its ``Cache-Control`` does not say ``private``,
  ``no-store`` or ``no-cache`` (Django's ``never_cache`` sets all three).

The store is the ``pages`` cache (a file cache in production, shared by all
workers on a host). Publishing, unpublishing, moving or deleting a page and
saving site settings clear it; other apps call :func:`purge_page_cache` when
something shown on pages changes (a directory listing hidden, for example).
``PAGE_CACHE_SECONDS`` bounds staleness for everything else; 0 turns it off.
"""

import hashlib
import logging
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.dispatch import Signal
from django.utils.translation import get_language

logger = logging.getLogger(__name__)

CACHE_ALIAS = "pages"

# Sent with a stored page's `counts` each time the cache serves it, so that counters
# an app keeps per page (a directory listing's views, say) survive caching.
page_served = Signal()


def count_every_serving(response, counts):
    """Keep `counts` (a small picklable dict, ids only) with the stored copy of the
    response; its view counted the first serving itself."""
    response.serving_counts = counts
    return response


def share_with_anonymous(view):
    """Opt a non-Wagtail view (a directory company page, say) into the page cache."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.share_with_anonymous = True
        return response

    return wrapped


def page_cache():
    return caches[CACHE_ALIAS]


def cache_key(kind, text):
    """A page-cache key of fixed length for ``text`` (hosts and paths come from clients)."""
    return f"{kind}:{hashlib.sha256(text.encode()).hexdigest()}"


def purge_page_cache(**kwargs):
    """Forget every stored page and fragment (menus and footers appear on all of them).

    Inside a transaction, again when it commits: a request that read the old rows
    in between would otherwise leave them stored until they expire.
    """
    if getattr(settings, "PAGE_CACHE_SECONDS", 0):
        page_cache().clear()
        if transaction.get_connection().in_atomic_block:
            transaction.on_commit(page_cache().clear)


def shared_fragment(key, build):
    """``build()``'s result, shared by every visitor for up to ``PAGE_CACHE_SECONDS``.

    For the parts of a page that are the same for everyone (menus, footers, the
    language versions of a page): a page that cannot be stored whole then still
    skips their queries. They live in the page cache, so the same events clear them.
    """
    seconds = getattr(settings, "PAGE_CACHE_SECONDS", 0)
    if not seconds:
        return build()
    key = cache_key("fragment", key)
    stored = page_cache().get(key)
    if stored is None:
        stored = build()
        if stored is not None:  # a cache cannot tell a stored None from a miss
            page_cache().set(key, stored, seconds)
    return stored


def shared_page_content(name, request, page, build):
    """``build()``'s rendering of a live page's own content, shared per published
    revision, language and host (see ``shared_fragment``). A draft (a preview, a page
    never published) is rendered for its viewer alone."""
    revision = getattr(page, "live_revision_id", None)
    if revision is None or getattr(request, "is_preview", False):
        return build()
    key = f"{name}|{request.get_host()}|{get_language()}|{page.pk}|{revision}"
    return shared_fragment(key, build)
