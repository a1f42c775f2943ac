from django.contrib.auth.models import Permission
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column

from privacy.review_viewsets import FormsColumn, ReviewViewSet, TemplateColumn

from . import admin_views
from .admin_views import (
    EXPORT_SUBMISSIONS,
    VIEW_PROPOSED_CHANGE,
    VIEW_SUBMISSIONS,
    IntakeDeleteSubmissionsView,
    IntakeFormPagesListView,
    forms_with_visible_submissions,
)
from .changes import ACCEPT, REJECT
from .models import ProposedChange
from .signals import DELETE_SUBMISSION


class ProposedChangeViewSet(ReviewViewSet):
    """Values from web forms and the Trade Register that wait for a reviewer's decision."""

    model = ProposedChange
    name = "intake_changes"
    url_prefix = "intake/changes"
    icon = "edit"
    menu_label = _("Proposed changes")
    menu_name = "intake-proposed-changes"
    menu_order = 701
    add_to_admin_menu = True
    index_view_class = admin_views.ProposedChangeIndexView
    inspect_view_class = admin_views.ProposedChangeInspectView
    filterset_class = admin_views.ProposedChangeFilterSet
    list_display = [
        TemplateColumn("contact", "intake/admin/change_target.html", label=_("Contact")),
        Column("field", label=_("Field"), accessor="field_label"),
        Column("current_value", label=_("Value in the register")),
        Column("proposed_value", label=_("Submitted value")),
        TemplateColumn("proposed_at", "intake/admin/change_proposed.html", label=_("Proposed")),
        FormsColumn("status", "intake/admin/change_decision.html", label=_("Decision")),
    ]
    list_per_page = 50
    inspect_view_fields = [
        "contact",
        "organisation",
        "current_value",
        "proposed_value",
        "status",
        "proposed_at",
        "decided_at",
        "decided_by",
    ]
    actions = {"accept": admin_views.AcceptView, "reject": admin_views.RejectView}


@hooks.register("register_admin_viewset")
def register_proposed_changes():
    return ProposedChangeViewSet()


# Before wagtail.contrib.forms' own URLs (order 0) at the same addresses, so that
# reverse("wagtailforms:...") and Wagtail's templates reach these views: Wagtail's
# forms index asks for page permissions and its delete view for none of its own.
@hooks.register("register_admin_urls", order=-1)
def register_submission_urls():
    index = IntakeFormPagesListView
    return [
        path("forms/", index.as_view(), name="intake_forms"),
        path("forms/results/", index.as_view(results_only=True), name="intake_forms_results"),
        path(
            "forms/submissions/<int:page_id>/delete/",
            IntakeDeleteSubmissionsView.as_view(),
            name="intake_delete_submissions",
        ),
    ]


hooks.register("filter_form_submissions_for_user", forms_with_visible_submissions)


@hooks.register("register_permissions")
def register_permissions():
    return Permission.objects.filter(
        content_type__app_label="intake",
        codename__in=[
            "view_intakesubmission",
            "delete_intakesubmission",
        ],
    )


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(VIEW_SUBMISSIONS, _("View form submissions"), _("Viewed submissions"))
    actions.register_action(
        EXPORT_SUBMISSIONS, _("Export form submissions"), _("Exported submissions")
    )
    actions.register_action(
        VIEW_PROPOSED_CHANGE, _("View proposed change"), _("Viewed a proposed change")
    )
    actions.register_action(
        DELETE_SUBMISSION, _("Delete form submission"), _("Deleted a form submission")
    )
    actions.register_action(ACCEPT, _("Accept proposed change"), _("Accepted a proposed change"))
    actions.register_action(REJECT, _("Reject proposed change"), _("Rejected a proposed change"))
