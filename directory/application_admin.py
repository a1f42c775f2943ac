"""Staff views of listing applications: the queue, and one application to decide.

The queue names companies only; the contact person is shown on the decision page,
whose every opening is in the audit log. Both need the application permissions
that Registry managers and the Privacy officer hold (migration 0007).
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log

from . import applications
from .models import ListingApplication

VIEW = "directory.view_listingapplication"
DECIDE = "directory.change_listingapplication"
VIEWED = "directory.application_viewed"


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason for rejection"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=gettext_lazy("Emailed to the applicant in the language they applied in."),
    )


def _require(request, permission):
    if not request.user.has_perm(permission):
        raise PermissionDenied


def queue(request):
    _require(request, VIEW)
    status = request.GET.get("status", ListingApplication.Status.PENDING)
    if status not in ListingApplication.Status.values:
        status = ListingApplication.Status.PENDING
    rows = ListingApplication.objects.filter(status=status).only(
        "pk", "kind", "status", "business_id", "company_name", "created_at"
    )
    page = Paginator(rows, 25).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "directory/admin/applications.html",
        {
            "page_title": _("Listing applications"),
            "header_icon": "doc-full",
            "page_obj": page,
            "status": status,
            "statuses": ListingApplication.Status.choices,
        },
    )


def decide(request, pk):
    _require(request, VIEW)
    application = get_object_or_404(ListingApplication.objects.select_related("listing"), pk=pk)
    reject_form = RejectForm(request.POST if request.POST.get("decision") == "reject" else None)
    if request.method == "POST":
        _require(request, DECIDE)
        try:
            if request.POST.get("decision") == "approve":
                listing = applications.approve(application, request.user)
                messages.success(
                    request, _("Approved: %(name)s is listed.") % {"name": listing.name}
                )
                return redirect("directory_applications")
            if reject_form.is_valid():
                applications.reject(application, request.user, reject_form.cleaned_data["reason"])
                messages.success(request, _("Rejected; the applicant was told why."))
                return redirect("directory_applications")
        except applications.ApplicationError as error:
            messages.error(request, str(error))
            return redirect("directory_application", pk=pk)
    else:
        log(instance=application, action=VIEWED, user=request.user)
    return TemplateResponse(
        request,
        "directory/admin/application.html",
        {
            "page_title": _("Listing application"),
            "page_subtitle": application.company_name,
            "header_icon": "doc-full",
            "application": application,
            "listed": applications.listed(application.business_id)
            if application.kind == ListingApplication.Kind.NEW
            else None,
            "can_decide": request.user.has_perm(DECIDE) and application.is_pending,
            "reject_form": reject_form,
        },
    )
