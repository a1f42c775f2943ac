"""The public views behind DirectoryIndexPage's routes."""

from types import SimpleNamespace
from urllib.parse import quote, urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from pagecache.store import shared_fragment

from . import counts, edit_links, freshness, services, tasks
from .fields import OWNER_FIELDS, SERVICES
from .forms import OwnerEditForm, RequestLinkForm, SearchForm
from .hits import search_hit
from .models import Listing
from .models.pages import edit_grant, end_edit_grant
from .public import json_ld, public_listing, public_summary
from .search.engines import search
from .translations import in_language, localized_service_name, service_names

MAX_PAGE = 10**9


class SearchPages:
    """The search's results as Paginator pages through them: the engine counts and
    returns one page at a time, and the page asked for first is searched only once."""

    def __init__(self, query, number, per_page):
        self.query = query
        # The bound keeps the offset within a 64-bit integer (SQLite's OverflowError,
        # PostgreSQL's bigint) for any page asked for.
        self.offset = (min(number, MAX_PAGE) - 1) * per_page
        self.results = search(query, offset=self.offset, limit=per_page)

    def count(self):
        return self.results.total

    def __getitem__(self, window):
        if window.start != self.offset:  # past the last page: the last one instead
            self.offset = window.start
            self.results = search(self.query, offset=window.start, limit=window.stop - window.start)
        return self.results.listings


# The facet lists of the results page, in this order.
FACET_HEADINGS = {
    "municipality": gettext_lazy("Municipality"),
    "industry": gettext_lazy("Industry"),
    "service": gettext_lazy("Services"),
}


def _facet_groups(query, facets, names):
    """[each kind's heading and its facets, with the link that narrows the search to
    each]: the query's other values, then this one, as the search form would send them."""
    values = {
        "q": query.text,
        "municipality": query.municipality,
        "industry": query.industry,
        "service": query.service,
    }
    groups = []
    for kind, heading in FACET_HEADINGS.items():
        if not facets.get(kind):
            continue
        kept = "".join(
            f"{key}={quote(value)}&" for key, value in values.items() if value and key != kind
        )
        links = [
            SimpleNamespace(
                # The search engine names services in Finnish.
                label=localized_service_name(facet.label, names)
                if kind == "service"
                else facet.label,
                count=facet.count,
                url=f"?{kept}{kind}={quote(facet.value)}",
                current=facet.value == values[kind],
            )
            for facet in facets[kind]
        ]
        groups.append(SimpleNamespace(heading=heading, links=links))
    return groups


def directory_index(request, page):
    form = SearchForm(request.GET or None)
    query = form.query()
    # Past the last page shows the last one; a number that is no page, the first.
    number, per_page = form.page_number(), page.per_page or 20
    pages = SearchPages(query, number, per_page)
    pagination = Paginator(pages, per_page).get_page(number)
    results = pages.results
    params = {key: value for key, value in request.GET.items() if value and key != "page"}
    base_url = page.get_url(request)
    names = service_names()
    hits = [
        search_hit(
            public_summary(listing, names=names),
            base_url + page.reverse_subpage("company", args=[listing.slug]),
            query.terms,
        )
        for listing in results.listings
    ]
    context = {
        **page.get_context(request),
        "form": form,
        "query": query,
        "results": results,
        "facet_groups": _facet_groups(query, results.facets, names),
        "hits": hits,
        "pagination": pagination,
        "page_params": urlencode(params) + "&" if params else "",
        "filters_active": bool(query.municipality or query.industry or query.service),
        "feed_url": base_url + page.reverse_subpage("rss_feed"),
        "suggest_url": base_url + page.reverse_subpage("suggest"),
        "apply_url": base_url + page.reverse_subpage("apply"),
    }
    template = (
        "directory/includes/results.html"
        if request.GET.get("partial") == "1"
        else "directory/directory_index_page.html"
    )
    response = TemplateResponse(request, template, context)
    return counts.counted(
        response, counts.IMPRESSIONS, [listing.pk for listing in results.listings]
    )


def _public_listing_or_404(slug):
    listing = (
        Listing.objects.public()
        .select_related("organisation", "logo")
        .prefetch_related("services")
        .filter(slug=slug)
        .first()
    )
    if listing is None:
        raise Http404
    return listing


def company_page(request, page, slug):
    def parts():
        listing = _public_listing_or_404(slug)
        public = public_listing(listing)
        index_url = page.get_url(request)
        url = page.get_full_url(request) + page.reverse_subpage("company", args=[slug])
        return {
            "listing_id": listing.pk,
            "public": public,
            "json_ld": json_ld(public, url),
            "index_url": index_url,
            "request_link_url": index_url + page.reverse_subpage("request_link", args=[slug]),
        }

    # Shared between visitors like the page chrome: any save of a listing, service,
    # or a register entry shown on it clears it (see signals.py).
    key = f"company|{request.get_host()}|{get_language()}|{slug}"
    shared = shared_fragment(key, parts)
    response = TemplateResponse(
        request, "directory/company_page.html", {**page.get_context(request), **shared}
    )
    return counts.counted(response, counts.VIEWS, [shared["listing_id"]])


def request_edit_link(request, page, slug):
    listing = _public_listing_or_404(slug)
    form = RequestLinkForm(request.POST or None)
    sent = False
    if request.method == "POST" and form.is_valid():
        # From the site's configured root URL, not the Host header a visitor sent.
        tasks.request_edit_link(
            listing, form.cleaned_data["email"], page, page.get_full_url(request)
        )
        sent = True
    return TemplateResponse(
        request,
        "directory/request_link.html",
        {
            **page.get_context(request),
            "listing": public_summary(listing),
            "form": form,
            "sent": sent,
            "company_url": page.get_url(request) + page.reverse_subpage("company", args=[slug]),
        },
    )


def owner_edit(request, page, slug):
    listing = (
        Listing.objects.select_related("organisation", "logo")
        .prefetch_related("services")
        .filter(slug=slug)
        .first()
    )
    if listing is None:
        raise Http404
    # Every request of the edit session asks again whether the link's recipient may edit.
    link = edit_links.edit_session_link(listing, edit_grant(request, listing))
    if link is None:
        end_edit_grant(request, listing)
        raise PermissionDenied
    form = OwnerEditForm.for_listing(listing, request.POST or None)
    preview = None
    if request.method == "POST" and form.is_valid():
        if "preview" in request.POST:
            preview = _preview(listing, form)
        else:
            outcome = services.apply_owner_changes(
                listing, form.text(), form.visibility(listing), link=link
            )
            freshness.confirm(listing, link.contact)  # saving is looking it over
            messages.success(request, _outcome_message(outcome))
            return redirect(request.path)
    listing.refresh_from_db()
    return TemplateResponse(
        request,
        "directory/owner_edit.html",
        {
            **page.get_context(request),
            "listing": listing,
            "form": form,
            "preview": preview,
            "seen": counts.totals(listing),
            "company_url": page.get_url(request) + page.reverse_subpage("company", args=[slug]),
        },
    )


@never_cache
def confirm_listing(request, page, slug, token):
    """The reminder's confirmation link: GET asks, the button's POST confirms.

    A POST, so that a mail scanner opening every link in a message confirms nothing.
    """
    listing = Listing.objects.public().filter(slug=slug).first()
    if listing is None:
        raise Http404
    company_url = page.get_url(request) + page.reverse_subpage("company", args=[slug])
    try:
        freshness.check_token(listing, token)
    except freshness.InvalidConfirmation:
        return TemplateResponse(
            request,
            "directory/confirm_invalid.html",
            {**page.get_context(request), "listing_url": company_url},
            status=403,
        )
    confirmed = False
    if request.method == "POST":
        freshness.confirm_with_token(listing, token)
        confirmed = True
    return TemplateResponse(
        request,
        "directory/confirm.html",
        {
            **page.get_context(request),
            "listing": public_summary(listing),
            "confirmed": confirmed,
            "company_url": company_url,
        },
    )


def _preview(listing, form):
    """The public page as it would look with the submitted values; nothing is saved."""
    draft = Listing.objects.select_related("organisation").get(pk=listing.pk)
    for key, value in form.visibility(listing).items():
        setattr(draft, key, value)
    for field in OWNER_FIELDS:
        if field.kind != SERVICES:
            setattr(draft, field.name, form.text()[field.name])
    status_chosen = draft.status
    draft.status = Listing.Status.PUBLIC  # shown as it would be, listed or not
    shown = public_listing(draft)
    shown.services = [in_language(service, "name") for service in form.cleaned_data["services"]]
    return {"public": shown, "hidden": status_chosen != Listing.Status.PUBLIC}


def _outcome_message(outcome):
    return {
        "saved": _("Your changes are saved and public."),
        "pending": _(
            "Visibility changes took effect at once. Text changes are shown after our staff "
            "have approved them."
        ),
        "unchanged": _("Nothing was changed."),
    }[outcome]
