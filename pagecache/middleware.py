"""The middlewares that serve shared pages and the shared Wagtail site."""

import contextlib

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language_from_request
from wagtail.models import Site

from .store import cache_key, page_cache, page_served

# Headers a stored page keeps; the outer middlewares (CSP, Permissions-Policy,
# security) add theirs again on every hit.
KEPT_HEADERS = ("Content-Type", "Content-Language", "Vary", "X-Frame-Options", "Last-Modified")
NOT_SHAREABLE = ("private", "no-store", "no-cache")


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
