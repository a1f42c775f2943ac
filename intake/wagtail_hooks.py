from django.contrib.auth.models import Permission
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_urls
from .changes import ACCEPT, REJECT
from .signals import DELETE_SUBMISSION
from .views import (
    EXPORT_SUBMISSIONS,
    VIEW_PROPOSED_CHANGE,
    VIEW_SUBMISSIONS,
    IntakeDeleteSubmissionsView,
    IntakeFormPagesListView,
    forms_with_visible_submissions,
)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("intake/", include(admin_urls, namespace="intake_admin"))]


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


class ProposedChangesMenuItem(MenuItem):
    def is_shown(self, request):
        user = request.user
        return user.has_perm("intake.change_proposedchange") or user.has_perm(
            "intake.view_proposedchange"
        )


@hooks.register("register_admin_menu_item")
def register_proposed_changes_menu_item():
    return ProposedChangesMenuItem(
        _("Proposed changes"),
        reverse("intake_admin:proposed_changes"),
        name="intake-proposed-changes",
        icon_name="edit",
        order=701,
    )


@hooks.register("register_permissions")
def register_permissions():
    return Permission.objects.filter(
        content_type__app_label="intake",
        codename__in=[
            "view_intakesubmission",
            "delete_intakesubmission",
            "view_proposedchange",
            "change_proposedchange",
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
