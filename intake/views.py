"""Staff views: submissions per form, and the proposed changes to review."""

import django_filters
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.contrib.forms.utils import get_form_types
from wagtail.contrib.forms.views import (
    DeleteSubmissionsView,
    FormPagesListView,
    SubmissionsListFilterSet,
    SubmissionsListView,
)
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry, Page

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


def _can_review(user):
    return user.has_perm("intake.change_proposedchange")


def proposed_changes(request):
    if not (_can_review(request.user) or request.user.has_perm("intake.view_proposedchange")):
        raise PermissionDenied
    status = request.GET.get("status", ProposedChange.Status.PENDING)
    if status not in ProposedChange.Status.values:
        status = ProposedChange.Status.PENDING
    changes = ProposedChange.objects.filter(status=status).select_related(
        "contact", "organisation", "submission__page", "decided_by"
    )
    page = Paginator(changes, 50).get_page(request.GET.get("p"))
    finder = AdminURLFinder(request.user)
    rows = [(change, finder.get_edit_url(change.organisation or change.contact)) for change in page]
    # Every change shown is a person's data seen: one audit entry each, naming no one.
    now = timezone.now()
    ModelLogEntry.objects.bulk_create(
        ModelLogEntry(
            timestamp=now,
            content_type_id=_content_type_id(),
            label=str(change),
            action=VIEW_PROPOSED_CHANGE,
            object_id=str(change.pk),
            user=request.user,
            data={"contact_id": change.contact_id},
        )
        for change, _url in rows
    )
    return TemplateResponse(
        request,
        "intake/admin/proposed_changes.html",
        {
            "rows": rows,
            "page_obj": page,
            "status": status,
            "statuses": ProposedChange.Status.choices,
            "can_review": _can_review(request.user),
            "header_title": _("Proposed changes"),
        },
    )


def _content_type_id():
    return ContentType.objects.get_for_model(ProposedChange).pk


@require_POST
def decide_proposed_change(request, pk, decision):
    if not _can_review(request.user):
        raise PermissionDenied
    try:
        decide(pk, request.user, accept=decision == "accept")
    except AlreadyDecided:
        messages.warning(request, _("That change had already been decided."))
    except ContactRestricted:
        messages.error(
            request, _("The contact's processing is restricted: the change cannot be accepted.")
        )
    else:
        if decision == "accept":
            messages.success(request, _("The change was written to the register."))
        else:
            messages.success(request, _("The change was rejected."))
    return redirect(reverse("intake_admin:proposed_changes"))
