from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from privacy.review_viewsets import FormsColumn, ReviewViewSet, TemplateColumn

from . import admin_views, application_admin, applications, freshness
from .models import Listing, ListingApplication, Service
from .trade_register import HIDDEN_BY_TRADE_REGISTER

WAITING_CELL = "directory/admin/moderation_waiting.html"
MODERATION_FORMS = "directory/admin/moderation_forms.html"


class ListingViewSet(SnippetViewSet):
    model = Listing
    icon = "list-ul"
    menu_label = _("Listings")
    list_display = ["name", "municipality", "status", "unconfirmed", "updated_at"]
    list_filter = ["status", "industry_section", "unconfirmed"]
    search_fields = ["name", "municipality"]
    inspect_view_enabled = True

    def get_urlpatterns(self):
        send_link = self.construct_view(admin_views.SendLinkView)
        return [
            *super().get_urlpatterns(),
            path("send-link/<int:pk>/", send_link, name="send_link"),
        ]


class ServiceViewSet(SnippetViewSet):
    model = Service
    icon = "tag"
    menu_label = _("Services")
    list_display = ["name", "slug"]


def listing_edit_url(listing):
    return reverse("wagtailsnippets_directory_listing:edit", args=[listing.pk])


class ModerationViewSet(ReviewViewSet):
    """A second viewset on listings: the queue of what waits for approval.

    The listings' snippet viewset owns their permissions, admin URLs and references.
    """

    model = Listing
    name = "directory_moderation"
    url_prefix = "directory/moderation"
    icon = "tasks"
    menu_label = _("Moderation")
    inspect_view_enabled = False
    index_view_class = admin_views.ModerationIndexView
    list_display = [
        TitleColumn("name", label=_("Company"), get_url=listing_edit_url),
        TemplateColumn("pending_changes", WAITING_CELL, label=_("Waiting")),
        FormsColumn("pk", MODERATION_FORMS, label=_("Actions")),
    ]
    list_per_page = 25
    actions = {"approve": admin_views.ApproveView, "reject": admin_views.RejectView}

    def register_admin_url_finder(self):
        pass

    def register_reference_index(self):
        pass

    def register_permissions(self):
        pass


class ApplicationViewSet(ReviewViewSet):
    model = ListingApplication
    name = "directory_applications"
    url_prefix = "directory/applications"
    icon = "doc-full"
    menu_label = _("Listing applications")
    index_view_class = application_admin.ApplicationIndexView
    inspect_view_class = application_admin.ApplicationInspectView
    filterset_class = application_admin.ApplicationFilterSet
    list_display = [
        "company_name",
        "business_id",
        Column("kind", label=_("Kind"), accessor="get_kind_display"),
        DateColumn("created_at", label=_("Received")),
    ]
    list_per_page = 25


class DirectoryViewSetGroup(SnippetViewSetGroup):
    """Running the directory: its listings and services, moderation and applications."""

    items = (ListingViewSet, ServiceViewSet, ModerationViewSet, ApplicationViewSet)
    menu_icon = "list-ul"
    menu_label = _("Company directory")
    menu_name = "directory"


register_snippet(DirectoryViewSetGroup)


@hooks.register("register_snippet_listing_buttons")
def send_link_button(snippet, user, next_url=None):
    if isinstance(snippet, Listing) and user.has_perm("directory.change_listing"):
        yield ListingButton(
            _("Send edit link"),
            reverse("wagtailsnippets_directory_listing:send_link", args=[snippet.pk]),
            icon_name="mail",
            priority=50,
        )


# Every audited directory action: (action, what it does, what the history says).
LOG_ACTIONS = (
    ("directory.edit_link_sent", _("Send edit link"), _("Edit link sent to an owner")),
    ("directory.edit_link_used", _("Use edit link"), _("Edit link used")),
    ("directory.owner_visibility", _("Owner visibility change"), _("Owner changed visibility")),
    ("directory.owner_edit", _("Owner edit"), _("Owner edited the listing")),
    ("directory.owner_proposed", _("Owner proposal"), _("Owner proposed changes")),
    ("directory.changes_approved", _("Approve owner changes"), _("Owner changes approved")),
    ("directory.changes_rejected", _("Reject owner changes"), _("Owner changes rejected")),
    (admin_views.LISTING_APPROVED, _("Approve listing"), _("Listing approved")),
    (applications.RECEIVED, _("Receive application"), _("Listing application received")),
    (applications.APPROVED, _("Approve application"), _("Listing application approved")),
    (applications.REJECTED, _("Reject application"), _("Listing application rejected")),
    (application_admin.VIEWED, _("View application"), _("Listing application viewed")),
    (freshness.CONFIRMED, _("Confirm listing"), _("Owner confirmed the listing is current")),
    (freshness.REMINDED, _("Remind owners"), _("Reminder to confirm the listing sent")),
    (freshness.FLAGGED, _("Flag unconfirmed"), _("Listing left unconfirmed after reminders")),
    (
        HIDDEN_BY_TRADE_REGISTER,
        _("Hide: ended in the Trade Register"),
        _("Listing hidden: the Trade Register reports the company ceased or bankrupt"),
    ),
)


@hooks.register("register_log_actions")
def register_directory_log_actions(actions):
    for action, label, message in LOG_ACTIONS:
        actions.register_action(action, label, message)
