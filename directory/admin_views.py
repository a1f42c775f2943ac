"""Staff views inside the directory viewsets: moderation of owners' changes, and the edit link.

The moderation queue is a `ReviewViewSet` on listings (see wagtail_hooks.py):
publishing a pending listing, approving or rejecting owners' text changes are its
POST actions. Sending an owner an edit link is a view on the listings' own viewset.
"""

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.log_actions import log

from privacy.review_viewsets import ActionView

from . import edit_links, services
from .models import DirectoryIndexPage, Listing

LISTING_APPROVED = "directory.listing_approved"


class ModerationIndexView(IndexView):
    """Listings waiting to be published, or with owners' changes waiting for approval."""

    any_permission_required = ["change"]
    page_title = gettext_lazy("Directory moderation")
    no_results_message = gettext_lazy("Nothing waits for approval.")

    def get_base_queryset(self):
        return Listing.objects.filter(
            Q(status=Listing.Status.PENDING) | Q(pending_since__isnull=False)
        ).order_by("name")


class ModerationAction(ActionView):
    return_to_inspect = False


class ApproveView(ModerationAction):
    """Publish a pending listing (`what=listing`), or make the owners' changes public."""

    def act(self, request, listing):
        if request.POST.get("what") == "listing" and listing.status == Listing.Status.PENDING:
            listing.status = Listing.Status.PUBLIC
            listing.save()
            log(instance=listing, action=LISTING_APPROVED, user=request.user)
            messages.success(request, _("The listing is public."))
        elif services.approve_pending_changes(listing, request.user):
            messages.success(request, _("The changes are public."))


class RejectView(ModerationAction):
    def act(self, request, listing):
        if services.reject_pending_changes(listing, request.user):
            messages.success(request, _("The changes were rejected."))


class SendLinkView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """Send a contact of the listing's organisation a single-use edit link."""

    permission_required = "change"
    model = Listing
    template_name = "directory/admin/send_link.html"
    page_title = gettext_lazy("Send an edit link")
    header_icon = "mail"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.listing = get_object_or_404(
            Listing.objects.select_related("organisation"), pk=kwargs["pk"]
        )
        self.contacts = list(edit_links.owner_contacts(self.listing))
        self.page = DirectoryIndexPage.objects.live().first()

    def post(self, request, pk):
        contact = next((c for c in self.contacts if str(c.pk) == request.POST.get("contact")), None)
        if self.page is None or contact is None:
            return self.get(request, pk)
        page, listing = self.page, self.listing

        def build_url(token):
            return page.get_full_url(request) + page.reverse_subpage(
                "redeem_link", args=[listing.slug, token]
            )

        edit_links.send_edit_link(listing, contact, build_url, sent_by_staff=True)
        messages.success(request, _("The edit link was sent."))
        return redirect(reverse("wagtailsnippets_directory_listing:edit", args=[pk]))

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            listing=self.listing, contacts=self.contacts, directory_page=self.page, **kwargs
        )
