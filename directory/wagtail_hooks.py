from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import admin_views, application_admin, applications, freshness
from .models import Listing, Service
from .trade_register import HIDDEN_BY_TRADE_REGISTER


class ListingViewSet(SnippetViewSet):
    model = Listing
    icon = "list-ul"
    menu_label = _("Listings")
    list_display = ["name", "municipality", "status", "unconfirmed", "updated_at"]
    list_filter = ["status", "industry_section", "unconfirmed"]
    search_fields = ["name", "municipality"]
    inspect_view_enabled = True


class ServiceViewSet(SnippetViewSet):
    model = Service
    icon = "tag"
    menu_label = _("Services")
    list_display = ["name", "slug"]


class DirectoryViewSetGroup(SnippetViewSetGroup):
    items = (ListingViewSet, ServiceViewSet)
    menu_icon = "list-ul"
    menu_label = _("Company directory")
    menu_name = "directory"


register_snippet(DirectoryViewSetGroup)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("directory/moderation/", admin_views.moderation, name="directory_moderation"),
        path("directory/listings/<int:pk>/approve/", admin_views.approve, name="directory_approve"),
        path("directory/listings/<int:pk>/reject/", admin_views.reject, name="directory_reject"),
        path("directory/applications/", application_admin.queue, name="directory_applications"),
        path(
            "directory/applications/<int:pk>/",
            application_admin.decide,
            name="directory_application",
        ),
        path(
            "directory/listings/<int:pk>/send-link/",
            admin_views.send_link,
            name="directory_send_link",
        ),
    ]


class ModerationMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("directory.change_listing")


@hooks.register("register_admin_menu_item")
def register_moderation_menu_item():
    return ModerationMenuItem(
        _("Directory moderation"), reverse("directory_moderation"), icon_name="tasks", order=310
    )


class ApplicationsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(application_admin.VIEW)


@hooks.register("register_admin_menu_item")
def register_applications_menu_item():
    return ApplicationsMenuItem(
        _("Listing applications"),
        reverse("directory_applications"),
        icon_name="doc-full",
        order=311,
    )


@hooks.register("register_snippet_listing_buttons")
def send_link_button(snippet, user, next_url=None):
    if isinstance(snippet, Listing) and user.has_perm("directory.change_listing"):
        yield ListingButton(
            _("Send edit link"),
            reverse("directory_send_link", args=[snippet.pk]),
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
    ("directory.listing_approved", _("Approve listing"), _("Listing approved")),
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
