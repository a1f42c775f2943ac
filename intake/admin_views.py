"""Staff views: submissions per form (Wagtail's, narrowed), and the proposed changes to review.

The proposed changes are a `ReviewViewSet` (see wagtail_hooks.py); these are its views.
"""

import django_filters
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.contrib.forms.utils import get_form_types
from wagtail.contrib.forms.views import (
    DeleteSubmissionsView,
    FormPagesListView,
    SubmissionsListFilterSet,
    SubmissionsListView,
)
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry, Page

from privacy.review_viewsets import ActionView
from privacy.spreadsheet import neutralise_formula

from .changes import AlreadyDecided, ContactRestricted, decide
from .models import ProposedChange, RegistryOutcome, SubmissionStep
from .permissions import can_delete_submissions, can_view_submissions

VIEW_SUBMISSIONS = "intake.submissions.view"
EXPORT_SUBMISSIONS = "intake.submissions.export"
VIEW_PROPOSED_CHANGE = "intake.proposed_change.view"


class IntakeSubmissionFilterSet(SubmissionsListFilterSet):
    registry_outcome = django_filters.ChoiceFilter(
        label=_("Register"), choices=RegistryOutcome.choices
    )
    follow_up = django_filters.ChoiceFilter(
        label=_("Follow-up steps"),
        choices=[("unfinished", _("Not all done")), ("gave_up", _("Failed, need attention"))],
        method="filter_follow_up",
    )

    def filter_follow_up(self, queryset, name, value):
        statuses = (
            [SubmissionStep.Status.GAVE_UP]
            if value == "gave_up"
            else [SubmissionStep.Status.PENDING, SubmissionStep.Status.GAVE_UP]
        )
        return queryset.filter(
            Exists(SubmissionStep.objects.filter(submission=OuterRef("pk"), status__in=statuses))
        )


class IntakeSubmissionsListView(SubmissionsListView):
    """Wagtail's submissions list with the register link, follow-up state and a safe CSV."""

    results_template_name = "intake/admin/list_submissions.html"
    filterset_class = IntakeSubmissionFilterSet

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("contact")
            .annotate(
                unfinished=Exists(
                    SubmissionStep.objects.filter(submission=OuterRef("pk")).exclude(
                        status=SubmissionStep.Status.DONE
                    )
                )
            )
        )

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        action = EXPORT_SUBMISSIONS if self.is_export else VIEW_SUBMISSIONS
        data = {"format": request.GET.get("export")} if self.is_export else {}
        log(instance=self.form_page, action=action, user=request.user, data=data)
        return response

    def write_csv_row(self, writer, row_dict):
        return writer.writerow(
            {
                field: neutralise_formula(self.preprocess_field_value(field, value, "csv"))
                for field, value in row_dict.items()
            }
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.is_export:
            by_id = {submission.pk: submission for submission in context["submissions"]}
            finder = AdminURLFinder(self.request.user)
            for row in context["data_rows"]:
                submission = by_id[row["model_id"]]
                row["contact_id"] = submission.contact_id
                row["contact_url"] = (
                    finder.get_edit_url(submission.contact) if submission.contact_id else None
                )
                row["unfinished"] = submission.unfinished
        return context


def forms_with_visible_submissions(user, editable_forms):
    """Which forms' submissions a user sees: all of them with intake's permission, else none.

    Wagtail asks this (the `filter_form_submissions_for_user` hook) for its forms
    index and menu, the submission list, its CSV and XLSX export and the delete
    view. It offers the forms the user may edit; editing a form page is an
    editor's job, reading what people sent through it is not.
    """
    if not can_view_submissions(user):
        return editable_forms.none()
    return Page.objects.filter(content_type__in=get_form_types())


class IntakeFormPagesListView(FormPagesListView):
    """Wagtail's forms index, for those who may see submissions rather than edit pages."""

    any_permission_required = None

    def dispatch(self, request, *args, **kwargs):
        if not can_view_submissions(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class IntakeDeleteSubmissionsView(DeleteSubmissionsView):
    """Wagtail's delete confirmation and delete, for those holding intake's delete permission.

    Wagtail checks only that the user may see the form's submissions (see
    `forms_with_visible_submissions`); deleting needs more.
    """

    def dispatch(self, request, *args, **kwargs):
        if not can_delete_submissions(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


# -- proposed changes ------------------------------------------------------------


class ProposedChangeFilterSet(WagtailFilterSet):
    """By status: pending unless asked otherwise."""

    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ProposedChange.Status.choices, empty_label=_("All")
    )

    class Meta:
        model = ProposedChange
        fields = ["status"]

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and "status" not in data:
            data = data.copy()
            data["status"] = ProposedChange.Status.PENDING
        super().__init__(data, *args, **kwargs)


def audit_views(user, changes):
    """Every change shown is a person's data seen: one audit entry each, naming no one."""
    now = timezone.now()
    content_type = ContentType.objects.get_for_model(ProposedChange)
    ModelLogEntry.objects.bulk_create(
        ModelLogEntry(
            timestamp=now,
            content_type_id=content_type.pk,
            label=str(change),
            action=VIEW_PROPOSED_CHANGE,
            object_id=str(change.pk),
            user=user,
            data={"contact_id": change.contact_id},
        )
        for change in changes
    )


class ProposedChangeIndexView(IndexView):
    any_permission_required = ["view", "change"]
    page_title = _("Proposed changes")
    no_results_message = _("No proposed changes here.")
    template_name = "intake/admin/proposed_changes.html"

    def get_base_queryset(self):
        return ProposedChange.objects.select_related(
            "contact", "organisation", "submission__page", "decided_by"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        changes = list(context["object_list"])
        finder = AdminURLFinder(self.request.user)
        can_review = self.user_has_permission("change")
        for change in changes:
            change.target_url = finder.get_edit_url(change.organisation or change.contact)
            change.can_decide = can_review and change.status == ProposedChange.Status.PENDING
        audit_views(self.request.user, changes)
        return context


class ProposedChangeInspectView(InspectView):
    any_permission_required = ["view", "change"]

    def get(self, request, *args, **kwargs):
        audit_views(request.user, [self.object])
        return super().get(request, *args, **kwargs)


class DecisionView(ActionView):
    """Accept or reject one change; either is audited by `changes.decide`."""

    return_to_inspect = False
    accept = True

    def act(self, request, change):
        try:
            decide(change.pk, request.user, accept=self.accept)
        except AlreadyDecided:
            messages.warning(request, _("That change had already been decided."))
        except ContactRestricted:
            messages.error(
                request,
                _("The contact's processing is restricted: the change cannot be accepted."),
            )
        else:
            messages.success(request, self.done)


class AcceptView(DecisionView):
    done = _("The change was written to the register.")


class RejectView(DecisionView):
    accept = False
    done = _("The change was rejected.")
