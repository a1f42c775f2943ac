"""Staff views: approve owners' text changes and send an owner an edit link."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.log_actions import log

from . import edit_links, services
from .models import DirectoryIndexPage, Listing


def _require(request, permission="directory.change_listing"):
    if not request.user.has_perm(permission):
        raise PermissionDenied


def moderation(request):
    _require(request)
    listings = Listing.objects.filter(
        Q(status=Listing.Status.PENDING) | Q(pending_since__isnull=False)
    ).order_by("name")
    return TemplateResponse(
        request,
        "directory/admin/moderation.html",
        {"page_title": _("Directory moderation"), "header_icon": "list-ul", "listings": listings},
    )


@require_POST
def approve(request, pk):
    _require(request)
    listing = get_object_or_404(Listing, pk=pk)
    if request.POST.get("what") == "listing" and listing.status == Listing.Status.PENDING:
        listing.status = Listing.Status.PUBLIC
        listing.save()
        log(instance=listing, action="directory.listing_approved", user=request.user)
        messages.success(request, _("The listing is public."))
    elif services.approve_pending_changes(listing, request.user):
        messages.success(request, _("The changes are public."))
    return redirect("directory_moderation")


@require_POST
def reject(request, pk):
    _require(request)
    listing = get_object_or_404(Listing, pk=pk)
    if services.reject_pending_changes(listing, request.user):
        messages.success(request, _("The changes were rejected."))
    return redirect("directory_moderation")


def send_link(request, pk):
    _require(request)
    listing = get_object_or_404(Listing.objects.select_related("organisation"), pk=pk)
    contacts = list(edit_links.owner_contacts(listing))
    page = DirectoryIndexPage.objects.live().first()
    if request.method == "POST" and page is not None:
        contact = next((c for c in contacts if str(c.pk) == request.POST.get("contact")), None)
        if contact is not None:

            def build_url(token):
                return page.get_full_url(request) + page.reverse_subpage(
                    "redeem_link", args=[listing.slug, token]
                )

            edit_links.send_edit_link(listing, contact, build_url, sent_by_staff=True)
            messages.success(request, _("The edit link was sent."))
            return redirect(reverse("wagtailsnippets_directory_listing:edit", args=[pk]))
    return TemplateResponse(
        request,
        "directory/admin/send_link.html",
        {
            "page_title": _("Send an edit link"),
            "header_icon": "mail",
            "listing": listing,
            "contacts": contacts,
            "directory_page": page,
        },
    )
