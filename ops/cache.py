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

import contextlib
import hashlib
import logging
from functools import wraps

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, transaction
from django.dispatch import Signal
from django.http import Http404, HttpResponse
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language, get_language_from_request

logger = logging.getLogger(__name__)

CACHE_ALIAS = "pages"
# Headers a stored page keeps; the outer middlewares (CSP, Permissions-Policy,
# security) add theirs again on every hit.
KEPT_HEADERS = ("Content-Type", "Content-Language", "Vary", "X-Frame-Options", "Last-Modified")
NOT_SHAREABLE = ("private", "no-store", "no-cache")

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


def connect_purge_signals():
    """Clear the page cache when anything every page shows may have changed."""
    from django.db.models.signals import post_delete, post_save
    from wagtail.contrib.settings.models import BaseSiteSetting
    from wagtail.models import Page, PageViewRestriction, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move

    # Saved or deleted, these change every page; a page's own saves wait for a publish.
    shown_everywhere = BaseSiteSetting | Site | PageViewRestriction

    def purge_on_site_change(sender, **kwargs):
        if issubclass(sender, shown_everywhere):
            purge_page_cache()

    page_published.connect(purge_page_cache, dispatch_uid="ops_purge_published")
    page_unpublished.connect(purge_page_cache, dispatch_uid="ops_purge_unpublished")
    post_page_move.connect(purge_page_cache, dispatch_uid="ops_purge_moved")
    post_save.connect(purge_on_site_change, weak=False, dispatch_uid="ops_purge_settings")
    # One receiver per model, not one for all: a delete receiver without a sender
    # stops Django from deleting any model's rows in bulk (every row is fetched first).
    for model in apps.get_models():
        if issubclass(model, Page | shown_everywhere):
            uid = f"ops_purge_deleted_{model._meta.label}"
            post_delete.connect(purge_page_cache, sender=model, dispatch_uid=uid)


class SharedPageLookupsMixin:
    """For the site's page models: the lookups Wagtail makes in every request to find
    and check a page, answered from the page cache, which publishing, unpublishing,
    moving or deleting a page clears.

    - Routing: Wagtail finds the page in the active language's tree (a Locale query)
      and each step of a URL path with two queries (the child by slug, then its
      specific page). Only pages found are shared; a path that leads nowhere asks
      the database every time, so made-up URLs cannot fill the cache.
    - View restrictions (privacy settings): two queries per request. While no page
      has one, which is the usual case, the cache remembers that for everyone;
      adding or removing a restriction clears it, and from then on Wagtail checks
      as it always does.

    A model that is also routable lists this after RoutablePageMixin, so that its
    own routes are tried before its child pages.
    """

    @property
    def localized(self):
        from django.utils.translation import get_language

        def in_the_active_language():
            return super(SharedPageLookupsMixin, self).localized.specific

        return shared_fragment(f"localized|{self.pk}|{get_language()}", in_the_active_language)

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        slug, *remaining = path_components
        child = shared_fragment(f"child|{self.pk}|{slug}", lambda: self._specific_child(slug))
        if child is None:
            raise Http404
        child._cached_parent_obj = self  # its get_parent() needs no query
        return child.route(request, remaining)

    def _specific_child(self, slug):
        child = self.get_children().filter(slug=slug).first()
        return child.specific if child is not None else None

    def get_view_restrictions(self):
        from wagtail.models import PageViewRestriction

        if not shared_fragment("view-restrictions", PageViewRestriction.objects.exists):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


class SharedSiteMiddleware:
    """Look up the request's Wagtail Site once for everyone, not in every request.

    Wagtail finds the site with a query per request and keeps it on the request as
    ``_wagtail_site`` (see ``Site.find_for_request``); it keeps the sites' root paths,
    which every page URL is made from, as ``_wagtail_cached_site_root_paths``, read
    from the default cache (the database's, in production). This hands the request
    a copy of both from the page cache, which saving or deleting a Site, publishing
    or moving a page clears, and stores them after a request in which Wagtail looked
    the site up; a request that never needs the site (``/health/``, the admin's API)
    does no lookup. It sits after CommonMiddleware,
    so a host outside ALLOWED_HOSTS is refused before it can take a cache entry.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = getattr(settings, "PAGE_CACHE_SECONDS", 0)
        if not seconds:
            return self.get_response(request)
        key = cache_key("site", f"{request.get_host()}|{request.get_port()}")
        stored = page_cache().get(key)
        if stored is not None:
            request._wagtail_site, request._wagtail_cached_site_root_paths = stored
            return self.get_response(request)
        response = self.get_response(request)
        found = getattr(request, "_wagtail_site", None)
        if found is not None:
            from wagtail.models import Site

            # A fresh copy (the request's own may carry what it cached on the way),
            # with the root page as its specific page, which every request routes
            # through (and whose SharedPageLookupsMixin then finds its translation):
            # publishing clears it like any page.
            with contextlib.suppress(DatabaseError):
                fresh = Site.objects.select_related("root_page").get(pk=found.pk)
                fresh.root_page = fresh.root_page.specific
                page_cache().set(key, (fresh, Site.get_site_root_paths()), seconds)
        return response


class AnonymousPageCacheMiddleware:
    """Serve and store shareable pages; see the module docstring for the rules."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = getattr(settings, "PAGE_CACHE_SECONDS", 0)
        if not seconds or not self.request_is_shareable(request):
            return self.get_response(request)
        key = self.key(request)
        stored = page_cache().get(key)
        if stored is not None:
            return self.rebuild(stored)
        response = self.get_response(request)
        if request.method == "GET" and self.response_is_shareable(request, response):
            page_cache().set(key, self.freeze(response), seconds)
            response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def request_is_shareable(request):
        return (
            request.method in ("GET", "HEAD")
            and not request.META.get("QUERY_STRING")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and "HTTP_AUTHORIZATION" not in request.META
        )

    @staticmethod
    def response_is_shareable(request, response):
        match = getattr(request, "resolver_match", None)
        opted_in = getattr(response, "share_with_anonymous", False) or (
            match is not None and match.url_name == "wagtail_serve"
        )
        user = getattr(request, "user", None)
        cache_control = response.get("Cache-Control", "").lower()
        return (
            opted_in
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and not getattr(request, "_csp_nonce", None)
            and not (user is not None and user.is_authenticated)
            and not any(word in cache_control for word in NOT_SHAREABLE)
        )

    @staticmethod
    def key(request):
        language = (
            get_language_from_request(request)
            if "django.middleware.locale.LocaleMiddleware" in settings.MIDDLEWARE
            else settings.LANGUAGE_CODE
        )
        url = f"{request.scheme}://{request.get_host()}{request.path}"
        return cache_key("page", f"{language}|{url}")

    @staticmethod
    def freeze(response):
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        headers = {name: response[name] for name in KEPT_HEADERS if name in response}
        return (response.content, headers, getattr(response, "serving_counts", None))

    @staticmethod
    def rebuild(stored):
        content, headers, *counts = stored
        if counts and counts[0]:
            page_served.send(sender=AnonymousPageCacheMiddleware, counts=counts[0])
        response = HttpResponse(content)
        for name, value in headers.items():
            response[name] = value
        patch_vary_headers(response, ("Cookie",))
        response["X-Page-Cache"] = "hit"
        return response
