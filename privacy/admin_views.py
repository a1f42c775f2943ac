"""The views inside the privacy viewsets (privacy/viewsets.py) that Wagtail's generic ones are not.

A request's screen is its inspect view, and every opening of it is audited; its
actions (identity check, extension, correction, closing) are POST views on the
viewset. Recording a request and disclosing contacts are the viewsets' add views.
"""

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.views.generic import CreateView, IndexView, InspectView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log

from . import emails, links, services
from .forms import (
    CloseForm,
    DisclosureForm,
    ExtensionForm,
    IdentityCheckForm,
    RectificationForm,
    StaffRequestForm,
)
from .inventory import personal_entries
from .models import DataSubjectRequest, Disclosure, ErasureLedgerEntry, RetentionRun
from .processing_record import record_of_processing
from .providers import registered
from .review_viewsets import ActionView

PROCESSING_RECORD = "privacy.view_processing_record"
Kind = DataSubjectRequest.Kind
Status = DataSubjectRequest.Status


# -- data-subject requests ------------------------------------------------------


class RequestFilterSet(WagtailFilterSet):
    """By status (open unless asked otherwise), kind and channel."""

    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"), choices=Status.choices, empty_label=gettext_lazy("All")
    )
    kind = django_filters.ChoiceFilter(label=gettext_lazy("Request"), choices=Kind.choices)
    channel = django_filters.ChoiceFilter(
        label=gettext_lazy("Received by"), choices=DataSubjectRequest.Channel.choices
    )

    class Meta:
        model = DataSubjectRequest
        fields = ["status", "kind", "channel"]

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and "status" not in data:
            data = data.copy()
            data["status"] = Status.OPEN
        super().__init__(data, *args, **kwargs)


class RequestIndexView(IndexView):
    any_permission_required = ["view"]
    add_item_label = gettext_lazy(
        "Record a request received by phone, letter, email or at the desk"
    )

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("handled_by")


class RequestInspectView(InspectView):
    """A request's screen: its facts, corrections and the forms that act on it."""

    any_permission_required = ["view"]
    template_name = "privacy/admin/request_detail.html"

    def get(self, request, *args, **kwargs):
        log(self.object, "privacy.request.view", user=request.user, title=f"request #{self.pk}")
        return super().get(request, *args, **kwargs)

    def get_page_title(self):
        return _("Request #%(number)s") % {"number": self.object.pk}

    def get_page_subtitle(self):
        return self.object.get_kind_display()

    def get_context_data(self, **kwargs):
        subject_request = self.object
        can_change = self.user_has_permission("change")
        rectification = None
        if subject_request.kind == Kind.RECTIFICATION and subject_request.is_open and can_change:
            rectification = RectificationForm(
                fields=services.rectifiable(services.request_subject(subject_request))
            )
        return super().get_context_data(
            subject_request=subject_request,
            can_change=can_change,
            identity_form=IdentityCheckForm(),
            extension_form=ExtensionForm(),
            close_form=CloseForm(),
            rectification_form=rectification,
            rectifications=subject_request.rectifications.select_related("applied_by"),
            **kwargs,
        )


class RequestCreateView(CreateView):
    """Record a request that came by phone, letter, email or at the desk."""

    form_class = StaffRequestForm
    template_name = "privacy/admin/request_create.html"
    page_title = gettext_lazy("Record a request")

    def save_instance(self):
        data = dict(self.form.cleaned_data)
        return DataSubjectRequest.record_by_staff(
            self.request.user, data.pop("received_on"), **data
        )

    def get_success_message(self, instance):
        return _("Request #%(number)s was recorded; answer it by %(due)s.") % {
            "number": instance.pk,
            "due": date_format(instance.due_on),
        }

    def get_success_buttons(self):
        return []

    def get_success_url(self):
        return reverse("privacy_requests:inspect", args=[self.object.pk])


class IdentityView(ActionView):
    def act(self, request, subject_request):
        form = IdentityCheckForm(request.POST)
        if form.is_valid():
            subject_request.record_identity_check(
                request.user, form.cleaned_data["method"], form.cleaned_data["how"]
            )
            messages.success(request, _("The identity check was recorded."))
        else:
            messages.error(request, _("Say how the identity was checked."))


class ExtendView(ActionView):
    def act(self, request, subject_request):
        form = ExtensionForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Give the months and the reason."))
            return
        try:
            subject_request.extend(
                request.user, form.cleaned_data["months"], form.cleaned_data["reason"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            emails.send_extension(subject_request)
            messages.success(request, _("The deadline was extended and the requester told why."))


class RectifyView(ActionView):
    def act(self, request, subject_request):
        form = RectificationForm(
            request.POST, fields=services.rectifiable(services.request_subject(subject_request))
        )
        if not form.is_valid():
            return
        try:
            records = services.rectify_subject(subject_request, request.user, form.changes())
        except (ValidationError, ValueError) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(request, _("%(count)s corrections applied.") % {"count": len(records)})


class CloseView(ActionView):
    """Complete the request as its kind requires, or refuse it."""

    def act(self, request, subject_request):
        if not subject_request.is_open:
            messages.error(request, _("Only an open request can be closed."))
            return
        form = CloseForm(request.POST)
        form.is_valid()
        outcome = form.cleaned_data.get("outcome", "")
        if request.POST.get("action") == "refuse":
            self.refuse(request, subject_request, outcome)
        elif not subject_request.identity_confirmed:
            messages.error(request, _("The requester's identity has not been confirmed."))
        elif subject_request.needs_identity_check:
            messages.error(
                request,
                _(
                    "Record how the requester's identity was verified before completing the "
                    "request."
                ),
            )
        else:
            self.complete(request, subject_request, outcome)

    def refuse(self, request, subject_request, outcome):
        if not outcome:
            messages.error(request, _("Give the reason for refusing; it is sent to the requester."))
            return
        subject_request.close(request.user, Status.REFUSED, outcome)
        emails.send_closed(subject_request)
        messages.success(request, _("The request was refused and the requester told why."))

    def complete(self, request, subject_request, outcome):
        kind = subject_request.kind
        address = subject_request.email
        if kind == Kind.ACCESS:
            token = services.complete_access(subject_request, request.user)
            subject_request.outcome = outcome
            subject_request.save(update_fields=["outcome"])
            emails.send_closed(
                subject_request, download_url=request.build_absolute_uri(links.export_url(token))
            )
        elif kind == Kind.ERASURE:
            services.complete_erasure(subject_request, request.user)
            subject_request.outcome = outcome
            emails.send_closed(subject_request, address=address)
            subject_request.outcome = ""
        elif kind in (Kind.RESTRICTION, Kind.OBJECTION):
            services.complete_restriction(subject_request, request.user)
            subject_request.outcome = outcome
            subject_request.save(update_fields=["outcome"])
            emails.send_closed(subject_request)
        else:  # rectification: corrections were applied above
            subject_request.close(request.user, Status.COMPLETED, outcome)
            emails.send_closed(subject_request)
        messages.success(request, _("The request was completed and the requester told."))


# -- retention runs and disclosures ---------------------------------------------


class RetentionRunFilterSet(WagtailFilterSet):
    started_at = django_filters.DateFromToRangeFilter(
        label=gettext_lazy("Started"), widget=DateRangePickerWidget
    )

    class Meta:
        model = RetentionRun
        fields = ["started_at", "dry_run"]


class RetentionIndexView(IndexView):
    """The runs, and how many keyed hashes the erasure ledger holds."""

    template_name = "privacy/admin/retention_index.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(ledger_size=ErasureLedgerEntry.objects.count(), **kwargs)


class DisclosureFilterSet(WagtailFilterSet):
    disclosed_at = django_filters.DateFromToRangeFilter(
        label=gettext_lazy("Disclosed"), widget=DateRangePickerWidget
    )

    class Meta:
        model = Disclosure
        fields = ["disclosed_at", "recipient_category", "purpose", "outside_eea"]


class DisclosureIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("disclosed_by")


def disclosable_field_choices():
    choices = []
    for provider in registered():
        choices.extend(
            (key, str(label)) for key, label in getattr(provider, "disclosable_fields", {}).items()
        )
    return choices


class DisclosureCreateView(CreateView):
    """Disclose contacts: logged by services.disclose, answered with the CSV."""

    form_class = DisclosureForm
    template_name = "privacy/admin/disclosure_form.html"
    page_title = gettext_lazy("Disclose contacts")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "field_choices": disclosable_field_choices()}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            result = services.disclose(
                user=self.request.user,
                recipient=data["recipient"],
                recipient_category=data["recipient_category"],
                purpose=data["purpose"],
                legal_basis=data["legal_basis"],
                fields=data["disclosed_fields"],
                contact_ids=data["contact_ids"],
                outside_eea=data["outside_eea"],
                safeguard=data["safeguard"],
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        response = HttpResponse(result.csv(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="disclosure-{result.disclosure.pk}.csv"'
        )
        return response


# -- the record of processing (art. 30) -----------------------------------------


class ProcessingRecordView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "privacy/admin/processing_record.html"
    page_title = gettext_lazy("Record of processing activities")
    header_icon = "doc-full"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PROCESSING_RECORD):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            record=record_of_processing(self.request),
            personal_fields=personal_entries(),
            generated_at=timezone.now(),
            user=self.request.user,
            **kwargs,
        )
