"""The privacy admin: requests, disclosures, retention runs and the record of processing.

Grouped under one "Privacy" menu by `PrivacyViewSetGroup` (see wagtail_hooks.py);
each item is shown to those the model's permission policy lets in.
"""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup

from . import admin_views
from .models import DataSubjectRequest, Disclosure, RetentionRun
from .review_viewsets import ReviewViewSet


def days_left(subject_request):
    if not subject_request.is_open:
        return "–"
    days = subject_request.days_left()
    return _("Overdue (%(days)s)") % {"days": days} if days < 0 else days


def transfer(disclosure):
    return disclosure.safeguard if disclosure.outside_eea else _("No")


def rows_per_register(run):
    return ", ".join(f"{label}: {count}" for label, count in run.counts.items())


class DataSubjectRequestViewSet(ReviewViewSet):
    model = DataSubjectRequest
    name = "privacy_requests"
    url_prefix = "privacy/requests"
    icon = "mail"
    menu_label = _("Requests")
    add_view_enabled = True
    index_view_class = admin_views.RequestIndexView
    inspect_view_class = admin_views.RequestInspectView
    add_view_class = admin_views.RequestCreateView
    filterset_class = admin_views.RequestFilterSet
    list_display = [
        "__str__",
        "status",
        Column("channel", label=_("Received by"), accessor="get_channel_display"),
        DateColumn("received_at", label=_("Received")),
        DateColumn("due_on", label=_("Due")),
        Column("days_left", label=_("Days left"), accessor=days_left),
    ]
    list_per_page = 50
    actions = {
        "identity": admin_views.IdentityView,
        "extend": admin_views.ExtendView,
        "rectify": admin_views.RectifyView,
        "close": admin_views.CloseView,
    }


class DisclosureViewSet(ReviewViewSet):
    model = Disclosure
    name = "privacy_disclosures"
    url_prefix = "privacy/disclosures"
    icon = "upload"
    menu_label = _("Disclosure log")
    add_view_enabled = True
    index_view_class = admin_views.DisclosureIndexView
    add_view_class = admin_views.DisclosureCreateView
    filterset_class = admin_views.DisclosureFilterSet
    list_display = [
        "recipient",
        DateColumn("disclosed_at", label=_("Disclosed")),
        Column("disclosed_by", label=_("Disclosed by"), accessor="disclosed_by.get_username"),
        Column(
            "recipient_category", label=_("Category"), accessor="get_recipient_category_display"
        ),
        Column("purpose", label=_("Purpose"), accessor="get_purpose_display"),
        Column("legal_basis", label=_("Legal basis"), accessor="get_legal_basis_display"),
        Column("fields", label=_("Fields"), accessor=lambda item: ", ".join(item.fields)),
        Column("row_count", label=_("People")),
        Column("safeguard", label=_("Outside the EU/EEA"), accessor=transfer),
    ]
    inspect_view_fields_exclude = ["contact_ids"]
    list_per_page = 50


class RetentionRunViewSet(ReviewViewSet):
    model = RetentionRun
    name = "privacy_retention"
    url_prefix = "privacy/retention"
    icon = "history"
    menu_label = _("Retention runs")
    index_view_class = admin_views.RetentionIndexView
    filterset_class = admin_views.RetentionRunFilterSet
    list_display = [
        "__str__",
        DateColumn("cutoff", label=_("Cut-off")),
        BooleanColumn("dry_run", label=_("Dry run")),
        Column("counts", label=_("Rows per register"), accessor=rows_per_register),
        Column("longest_batch_seconds", label=_("Longest batch (s)")),
    ]
    list_per_page = 50


class ProcessingRecordMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.PROCESSING_RECORD)


class ProcessingRecordViewSet(ViewSet):
    """The art. 30 record: one page, for those holding its permission."""

    name = "privacy_record"
    url_prefix = "privacy/record"
    icon = "doc-full"
    menu_label = _("Record of processing")
    menu_item_class = ProcessingRecordMenuItem

    def get_urlpatterns(self):
        return [path("", admin_views.ProcessingRecordView.as_view(), name="index")]


class PrivacyViewSetGroup(ViewSetGroup):
    items = (
        DataSubjectRequestViewSet,
        DisclosureViewSet,
        RetentionRunViewSet,
        ProcessingRecordViewSet,
    )
    menu_icon = "lock"
    menu_label = _("Privacy")
    menu_name = "privacy"
    menu_order = 250
