"""Staff views of listing applications: the queue, and one application to decide.

The queue names companies only; the contact person is shown on the application's
inspect view, whose every opening is in the audit log, and which takes the decision
by POST. Both need the application permissions that Registry managers and the
Privacy officer hold (migration 0007).
"""

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.log_actions import log

from . import applications
from .models import ListingApplication

VIEWED = "directory.application_viewed"
Status = ListingApplication.Status


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason for rejection"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=gettext_lazy("Emailed to the applicant in the language they applied in."),
    )


class ApplicationFilterSet(WagtailFilterSet):
    """By status (pending unless asked otherwise) and kind."""

    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"), choices=Status.choices, empty_label=gettext_lazy("All")
    )
    kind = django_filters.ChoiceFilter(
        label=gettext_lazy("Kind"), choices=ListingApplication.Kind.choices
    )

    class Meta:
        model = ListingApplication
        fields = ["status", "kind"]

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and "status" not in data:
            data = data.copy()
            data["status"] = Status.PENDING
        super().__init__(data, *args, **kwargs)


class ApplicationIndexView(IndexView):
    any_permission_required = ["view"]
    page_title = gettext_lazy("Listing applications")

    def get_base_queryset(self):
        # The company, never the person: the queue reads no contact fields.
        return ListingApplication.objects.only(
            "pk", "kind", "status", "business_id", "company_name", "created_at"
        )


class ApplicationInspectView(InspectView):
    """The application with its contact person (audited), and the decision form."""

    any_permission_required = ["view"]
    template_name = "directory/admin/application.html"

    def get_object(self, queryset=None):
        return get_object_or_404(ListingApplication.objects.select_related("listing"), pk=self.pk)

    def get_page_title(self):
        return _("Listing application")

    def get(self, request, *args, **kwargs):
        log(instance=self.object, action=VIEWED, user=request.user)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if not self.user_has_permission("change"):
            raise PermissionDenied
        application = self.object
        decision = request.POST.get("decision")
        self.reject_form = RejectForm(request.POST if decision == "reject" else None)
        try:
            if decision == "approve":
                listing = applications.approve(application, request.user)
                messages.success(
                    request, _("Approved: %(name)s is listed.") % {"name": listing.name}
                )
                return redirect("directory_applications:index")
            if self.reject_form.is_valid():
                reason = self.reject_form.cleaned_data["reason"]
                applications.reject(application, request.user, reason)
                messages.success(request, _("Rejected; the applicant was told why."))
                return redirect("directory_applications:index")
        except applications.ApplicationError as error:
            messages.error(request, str(error))
            return redirect("directory_applications:inspect", pk=application.pk)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        application = self.object
        return super().get_context_data(
            application=application,
            listed=applications.listed(application.business_id)
            if application.kind == ListingApplication.Kind.NEW
            else None,
            can_decide=self.user_has_permission("change") and application.is_pending,
            reject_form=getattr(self, "reject_form", None) or RejectForm(),
            **kwargs,
        )
