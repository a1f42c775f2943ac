"""The directory's one Wagtail page: the index, and a company page per public listing under it."""

import time

from django.db import models
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.models import Page

from pagecache.lookups import SharedPageLookupsMixin

from .listings import Listing

EDIT_SESSION_KEY = "directory_edit_grants"
EDIT_SESSION_SECONDS = 2 * 60 * 60


class DirectoryIndexPage(RoutablePageMixin, SharedPageLookupsMixin, Page):  # noqa: DJ008 (Page provides __str__)
    """The company directory: search, filters and a page per public listing.

    Company pages live at /<this page>/<listing slug>/; owners reach their edit
    form through /<slug>/edit/<signed token>/ from the emailed link.
    """

    introduction = models.TextField(_("introduction"), blank=True)
    per_page = models.PositiveSmallIntegerField(_("listings per page"), default=20)

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("per_page")]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("company directory")

    # -- URLs -------------------------------------------------------------------

    def listing_url(self, slug, request=None):
        return self.get_url(request) + self.reverse_subpage("company", args=[slug])

    def newest_companies(self, count):
        """[{name, city, url}] of the `count` most recently published public listings,
        in one query (the front page's newest companies block asks for them)."""
        base = self.get_url()
        rows = (
            Listing.objects.public()
            .order_by("-published_at", "-pk")
            .values_list("name", "city", "slug")[:count]
        )
        return [
            {"name": name, "city": city, "url": base + self.reverse_subpage("company", args=[slug])}
            for name, city, slug in rows
        ]

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        for slug, updated_at in (
            Listing.objects.public().order_by("name").values_list("slug", "updated_at")
        ):
            urls.append(
                {
                    "location": base + self.reverse_subpage("company", args=[slug]),
                    "lastmod": updated_at,
                }
            )
        return urls

    # -- routes -----------------------------------------------------------------
    # Each route imports its view when it runs: the views import these models, which
    # Django's app loading imports first.

    @path("")
    def index_route(self, request):
        from ..views import directory_index  # imports the models

        return directory_index(request, self)

    @path("suggest/")
    def suggest(self, request):
        from ..search.engines import suggest  # imports the models

        names = suggest(request.GET.get("q", ""))
        return JsonResponse({"suggestions": names})

    @path("feed/")
    def rss_feed(self, request):
        from ..feeds import NewListingsFeed  # imports the models

        return NewListingsFeed(self)(request)

    @path("feed/atom/")
    def atom_feed(self, request):
        from ..feeds import NewListingsAtomFeed  # imports the models

        return NewListingsAtomFeed(self)(request)

    @path("add/")
    def apply(self, request):
        from ..application_views import apply  # imports the models

        return apply(request, self)

    @path("add/sent/")
    def applied(self, request):
        from ..application_views import applied  # imports the models

        return applied(request, self)

    @path("<slug:slug>/")
    def company(self, request, slug):
        from ..views import company_page  # imports the models

        return company_page(request, self, slug)

    @path("<slug:slug>/edit-link/")
    def request_link(self, request, slug):
        from ..views import request_edit_link  # imports the models

        return request_edit_link(request, self, slug)

    @re_path(r"^(?P<slug>[-\w]+)/edit/(?P<token>[-\w]+)/$")
    def redeem_link(self, request, slug, token):
        from ..edit_links import InvalidEditLink, redeem_edit_token  # imports the models

        listing = Listing.objects.filter(slug=slug).first()
        if listing is None:
            raise Http404
        try:
            link = redeem_edit_token(listing, token)
        except InvalidEditLink:
            response = TemplateResponse(
                request,
                "directory/link_invalid.html",
                {"page": self, "listing_url": self.listing_url(slug, request)},
                status=403,
            )
            return response
        grant_edit(request, listing, link)
        return redirect(self.get_url(request) + self.reverse_subpage("owner_edit", args=[slug]))

    @re_path(r"^(?P<slug>[-\w]+)/confirm/(?P<token>[-\w]+)/$")
    def confirm(self, request, slug, token):
        from ..views import confirm_listing  # imports the models

        return confirm_listing(request, self, slug, token)

    @path("<slug:slug>/claim/")
    def claim(self, request, slug):
        from ..application_views import claim  # imports the models

        return claim(request, self, slug)

    @path("<slug:slug>/edit/")
    def owner_edit(self, request, slug):
        from ..views import owner_edit  # imports the models

        return owner_edit(request, self, slug)


def grant_edit(request, listing, link):
    """The used link lets this browser session edit this one listing for a while."""
    grants = request.session.get(EDIT_SESSION_KEY, {})
    grants[str(listing.pk)] = {"until": time.time() + EDIT_SESSION_SECONDS, "link": link.pk}
    request.session[EDIT_SESSION_KEY] = grants
    request.session.cycle_key()


def edit_grant(request, listing):
    """The grant's link id when this session may edit the listing; None otherwise."""
    grant = request.session.get(EDIT_SESSION_KEY, {}).get(str(listing.pk))
    if not grant or grant.get("until", 0) < time.time():
        return None
    return grant.get("link")


def end_edit_grant(request, listing):
    """This session may no longer edit the listing (its link's recipient left, say)."""
    grants = request.session.get(EDIT_SESSION_KEY, {})
    if grants.pop(str(listing.pk), None) is not None:
        request.session[EDIT_SESSION_KEY] = grants
